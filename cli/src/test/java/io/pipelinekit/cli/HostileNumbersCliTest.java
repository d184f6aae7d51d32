package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline lint} on documents whose numbers or tokens are megabytes long: exit 2 with the
 * number limit named at file:line:col, or lint as usual, in seconds (it took 36 s for one 1 MB
 * integer, minutes for a 16 MiB token).
 */
class HostileNumbersCliTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private static final String HEAD =
      "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths: {}\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static Run lint(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "lint";
    System.arraycopy(args, 0, all, 1, args.length);
    return assertTimeoutPreemptively(GENEROUS, () -> Run.of(all));
  }

  private static void assertNumberLimit(Run run, Path file, int line, int column, int limit) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            file
                + ":"
                + line
                + ":"
                + column
                + ": a number with more than "
                + limit
                + " digits (the limit for one number); quote it to keep it as text, or raise the"
                + " limit (--max-number-length)")
        .doesNotContain("Exception")
        .doesNotContain("StreamReadConstraints")
        .doesNotContain("\tat ");
  }

  @Test
  void lint_yamlMegabyteInteger_exits2NamingTheLimit() throws IOException {
    Path file = write("big.yaml", HEAD + "x-n: " + "7".repeat(1_000_000) + "\n");
    assertNumberLimit(lint(file.toString()), file, 6, 6, 1000);
  }

  @Test
  void lint_yamlHexOctalAndFloatGiants_exit2NamingTheLimit() throws IOException {
    String digits = "1".repeat(1_000_000);
    Path hex = write("hex.yaml", HEAD + "x-n: 0x" + digits + "\n");
    Path oct = write("oct.yaml", HEAD + "x-n:\n  - 0o" + digits + "\n");
    Path flt = write("float.yaml", HEAD + "x-n: 1." + digits + "e5\n");
    assertNumberLimit(lint(hex.toString()), hex, 6, 6, 1000);
    assertNumberLimit(lint(oct.toString()), oct, 7, 5, 1000);
    assertNumberLimit(lint(flt.toString()), flt, 6, 6, 1000);
  }

  @Test
  void lint_jsonMegabyteInteger_exits2WithTheSameMessage() throws IOException {
    Path file =
        write(
            "big.json",
            "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\", \"version\": \"1\"},\n"
                + " \"paths\": {}, \"x-n\": "
                + "7".repeat(1_000_000)
                + "}");
    assertNumberLimit(lint(file.toString()), file, 2, 22, 1000);
  }

  @Test
  void lint_maxNumberLength_raisesOrLowersTheLimit() throws IOException {
    Path file = write("n.yaml", HEAD + "x-n: 123456\n");
    assertNumberLimit(lint("--max-number-length", "5", file.toString()), file, 6, 6, 5);
    Run raised = lint("--max-number-length", "6", file.toString());
    assertThat(raised.exitCode()).as(raised.err()).isZero();
  }

  @Test
  void lint_documentOfMillionsOfNestedLists_exits2AtTheValueLimit() throws IOException {
    // 16 MiB of [[…]] is 8 million values: minutes to load and lint; stopped at 250,000 instead.
    String chain = "[".repeat(200) + "1" + "]".repeat(200);
    int chains = (16 * 1024 * 1024 - 200) / (chain.length() + 1);
    Path file =
        write(
            "nested.json",
            "{\"x\": [" + String.join(",", java.util.Collections.nCopies(chains, chain)) + "]}");
    Run run = lint(file.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(file + ":1:")
        .contains(
            ": more than 250000 values (mappings, lists and scalars) in one file; split the"
                + " document or raise the limit (--max-nodes)");
    Path small = write("small.yaml", HEAD + "x-l: [1, 2, 3]\n");
    Run lowered = lint("--max-nodes", "8", small.toString());
    assertThat(lowered.exitCode()).as(lowered.err()).isEqualTo(2);
    assertThat(lowered.err()).contains(small + ":6:").contains("more than 8 values");
  }

  @Test
  void lint_sixteenMegabyteDocumentWithOneLongToken_finishesInSeconds() throws IOException {
    // A token without spaces: quadratic in SnakeYAML's reader (minutes); rejected by length here.
    Path file = write("s.yaml", HEAD + "x-s: \"" + "s".repeat(16 * 1024 * 1024 - 200) + "\"\n");
    Run run = lint(file.toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(file + ":6:6: a string of ").contains("--max-string-length");
  }
}
