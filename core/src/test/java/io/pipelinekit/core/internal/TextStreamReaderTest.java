package io.pipelinekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

class TextStreamReaderTest {
  private static final List<String> DOCUMENTS =
      List.of(
          "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {}\n",
          "\uFEFFa: 1\r\nb:\r\n  - x\r\n  - \"y\\u0041\"\r\nc: |\r\n  lit\r\n  eral\r\n",
          "a: \"caf\u00e9 \uD83D\uDE00 \u2028 next\"\nb: 'it''s'\nc: >\n  folded\n  text\n",
          "- &x {k: v, l: [1, 2.5, 0x1F, 0o17, .inf]}\n- *x\n- <<: *x\n  m: ~\n",
          "a: " + "9".repeat(5000) + "\nb: \"" + "q".repeat(3000) + "\"\n",
          "a:\n  b: 1\n c: 2\n",
          "a: [1, 2\nb: 3\n",
          "a: 1\n\tb: 2\n",
          "a: \"x\u0007y\"\n",
          "x".repeat(2000) + ": \u0001\n",
          "a: 1\n---\nb: 2\n...\n",
          "key: value # comment\n? complex\n: entry\n\"quoted key\": !!str 12\n",
          "a: 1\rb: 2\r",
          "");

  /** Every event with its marks, or the error, as text: the reader's whole observable output. */
  private static List<String> events(StreamReader reader) {
    LoaderOptions options = new LoaderOptions();
    options.setProcessComments(true);
    options.setCodePointLimit(Integer.MAX_VALUE);
    Parser parser = new ParserImpl(reader, options);
    List<String> out = new ArrayList<>();
    try {
      while (true) {
        Event e = parser.getEvent();
        out.add(
            e
                + " "
                + mark(e.getStartMark())
                + "-"
                + mark(e.getEndMark())
                + (e instanceof ScalarEvent s ? " " + s.getValue().length() : ""));
        if (e.is(Event.ID.StreamEnd)) {
          return out;
        }
      }
    } catch (MarkedYAMLException e) {
      out.add(
          e.getContext()
              + " "
              + mark(e.getContextMark())
              + " "
              + e.getProblem()
              + " "
              + mark(e.getProblemMark()));
    } catch (YAMLException e) {
      out.add(e.toString());
    }
    out.add("index " + reader.getIndex() + " line " + reader.getLine());
    return out;
  }

  /**
   * A mark's place. Not its snippet: SnakeYAML's reader gives a mark only the text it has buffered
   * (none at the start), this one the whole text; error messages here use the place alone.
   */
  private static String mark(Mark m) {
    return m == null ? "-" : m.getIndex() + ":" + m.getLine() + ":" + m.getColumn();
  }

  @Test
  void parsesEveryDocument_toTheSameEventsMarksAndErrors_asSnakeYamlsReader() {
    for (String doc : DOCUMENTS) {
      assertThat(events(new TextStreamReader(doc)))
          .as("document %s", doc.length() > 60 ? doc.substring(0, 60) + "…" : doc)
          .isEqualTo(events(new StreamReader(doc)));
    }
  }

  @Test
  void tokenOfManyMegabytes_isReadInLinearTime() {
    String doc =
        "a: " + "7".repeat(8 * 1024 * 1024) + "x\nb: \"" + "s".repeat(8 * 1024 * 1024) + "\"\n";
    List<String> events =
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> events(new TextStreamReader(doc)));
    assertThat(events).hasSize(10);
    assertThat(events.get(4)).endsWith(" " + (8 * 1024 * 1024 + 1));
    assertThat(events.get(9)).contains("StreamEndEvent");
  }
}
