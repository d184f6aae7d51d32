package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link BuildSpecLinter#looksLikeBuildSpec} (a scan without regular expressions for YAML) answers
 * as the regular expressions it replaced, on generated texts full of near misses.
 */
class LooksLikeBuildSpecTest {
  private static final Pattern YAML_VERSION = Pattern.compile("(?m)^['\"]?version['\"]?[ \t]*:");
  private static final Pattern YAML_SECTION =
      Pattern.compile("(?m)^['\"]?(phases|artifacts|env)['\"]?[ \t]*:");
  private static final Pattern JSON_VERSION = Pattern.compile("\"version\"\\s*:");
  private static final Pattern JSON_SECTION = Pattern.compile("\"(phases|artifacts|env)\"\\s*:");

  private static final int HEAD = 256 * 1024;

  /** What looksLikeBuildSpec was. */
  private static boolean regex(String content) {
    String head = content.length() > HEAD ? content.substring(0, HEAD) : content;
    if (head.startsWith("\uFEFF")) {
      head = head.substring(1);
    }
    if (head.stripLeading().startsWith("{")) {
      return JSON_VERSION.matcher(head).find() && JSON_SECTION.matcher(head).find();
    }
    return YAML_VERSION.matcher(head).find() && YAML_SECTION.matcher(head).find();
  }

  private static final String[] PARTS = {
    "version", "phases", "artifacts", "env", "versions", "xenv", "\"", "'", ":", " ", "\t", "\n",
    "\r", "\r\n", "\u000B", "\f", "\u0085", "\u2028", "\u2029", "\u00A0", "\u3000", "{", "x", "-",
    "#", "\uFEFF", "é", "  ", "version: 0.2\n", "phases:\n",
  };

  @Test
  void looksLikeBuildSpec_answersAsTheRegexes_onGeneratedTexts() {
    Random random = new Random(15);
    int matches = 0;
    for (int n = 0; n < 50_000; n++) {
      String text = generate(random, random.nextInt(16));
      boolean expected = regex(text);
      assertThat(BuildSpecLinter.looksLikeBuildSpec(text)).as(escape(text)).isEqualTo(expected);
      matches += expected ? 1 : 0;
    }
    assertThat(matches).isBetween(300, 40_000);
  }

  @Test
  void looksLikeBuildSpec_answersAsTheRegexes_aroundTheEndOfTheFirst256KiB() {
    Random random = new Random(16);
    int matches = 0;
    for (int n = 0; n < 200; n++) {
      StringBuilder filler =
          new StringBuilder(random.nextBoolean() ? "\uFEFFversion: 0.2\n" : "version: 1\n");
      int length = HEAD - 24 + random.nextInt(40);
      while (filler.length() < length) {
        filler.append(random.nextBoolean() ? "a: b\n" : "  c\r\n");
      }
      filler.setLength(length);
      String text = filler + generate(random, 2 + random.nextInt(8)) + "\nphases:\n";
      boolean expected = regex(text);
      assertThat(BuildSpecLinter.looksLikeBuildSpec(text))
          .as(escape(text.substring(HEAD - 30)))
          .isEqualTo(expected);
      matches += expected ? 1 : 0;
    }
    assertThat(matches).isBetween(10, 190);
  }

  @Test
  void looksLikeBuildSpec_needsVersionAndASection_atLineStarts() {
    assertThat(BuildSpecLinter.looksLikeBuildSpec("version: 0.2\nphases:\n  build: {}\n")).isTrue();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("\uFEFF'version' : 0.2\r\n\"env\":\n")).isTrue();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("{\"version\": 0.2, \"phases\": {}}")).isTrue();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("version: 0.2\n  phases:\n")).isFalse();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("info:\n  version: 1\nenv: x\n")).isFalse();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("version: 0.2\nenvs: {}\n")).isFalse();
  }

  private static String generate(Random random, int parts) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < parts; i++) {
      sb.append(PARTS[random.nextInt(PARTS.length)]);
    }
    return sb.toString();
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return sb.toString();
  }
}
