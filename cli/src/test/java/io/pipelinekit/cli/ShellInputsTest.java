package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs the shell way: {@code -} is standard input ({@code <stdin>} in messages), and pipes and
 * FIFOs ({@code <(git show main:openapi.yaml)}) are read, bounded by the same byte limit.
 */
class ShellInputsTest {
  private static final String BAD =
      LintCommandTest.CLEAN.replace("type: http_proxy", "type: lambda");

  /** CLEAN with GET /items/{id} gone and GET /things added: one breaking change. */
  private static final String WITHOUT_ITEMS =
      LintCommandTest.CLEAN.replace("/items/{id}:", "/things/{id}:");

  @TempDir Path tmp;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(tmp.resolve(name), text);
  }

  @Test
  void lint_dash_readsStandardInput_andNamesItStdin() {
    Run run = Run.withStdin(BAD, "lint", "-");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).contains("<stdin>:12:").contains("apigw-integration-type");
  }

  @Test
  void lint_dash_detectsABuildspecOnStandardInput() {
    Run run = Run.withStdin(LintCommandTest.BUILDSPEC, "lint", "--format", "json", "-");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("\"file\" : \"<stdin>\"")
        .contains("\"kind\" : \"buildspec\"")
        .contains("buildspec-ecr-get-login");
  }

  @Test
  void lint_dash_andFiles_inOneRun() throws IOException {
    Path clean = write("clean.yaml", LintCommandTest.CLEAN);

    Run run = Run.withStdin(BAD, "lint", clean.toString(), "-");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("<stdin>:12:").doesNotContain(clean + ":");
  }

  @Test
  void diff_newOnStandardInput_reportsTheBreakingChange() throws Exception {
    Path old = write("old.yaml", LintCommandTest.CLEAN);

    Run run =
        Run.withStdin(
            WITHOUT_ITEMS, "diff", "--format", "json", "--fail-on-breaking", old.toString(), "-");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("new").asText()).isEqualTo("<stdin>");
    assertThat(json.at("/summary/breaking").asInt()).isEqualTo(1);
    assertThat(run.err()).contains("1 breaking change from " + old + " to <stdin>");
  }

  @Test
  void merge_dash_mergesStandardInput() {
    Run run = Run.withStdin(LintCommandTest.CLEAN, "merge", "-");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("openapi: 3.0.3\n").contains("/items/{id}:");
  }

  @Test
  void dash_givenTwice_isRefused() throws IOException {
    Run run = Run.withStdin(LintCommandTest.CLEAN, "diff", "-", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("pipeline: '-' (standard input) is given twice; it can be read only once\n");
  }

  @Test
  void dash_invalidYaml_isReportedAtItsPlaceInStdin() {
    Run run = Run.withStdin("openapi: 3.0.1\ninfo: [\n", "lint", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pipeline: <stdin>:").doesNotContain("Exception");
  }

  @Test
  void dash_overTheByteLimit_isRefused_namingStdin() {
    Run run = Run.withStdin(LintCommandTest.CLEAN, "lint", "--max-bytes", "100", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "<stdin>:1:1: the input is more than 100 bytes, the limit; split it or raise the limit (--max-bytes)");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void dash_endlessInput_isReadOnlyUpToTheLimit() {
    long[] served = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            served[0]++;
            return ' ';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            served[0] += len;
            return len;
          }
        };

    Run run = Run.withStdin(endless, "diff", "--max-bytes", "4096", "-", "-");
    // the first '-' is read up to the limit and one byte more; the second is refused unread
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(served[0]).isEqualTo(4097);

    Run lint = Run.withStdin(endless, "lint", "--max-bytes", "4096", "-");
    assertThat(lint.exitCode()).isEqualTo(2);
    assertThat(lint.err()).contains("<stdin>:1:1: the input is more than 4096 bytes");
  }

  @Test
  void dash_relativeFileRef_isRefused_pointersAreFine() throws IOException {
    write("schemas.yaml", "Item: {type: object}\n");
    String withRef =
        LintCommandTest.CLEAN.replace(
            "\"200\": {description: ok}",
            "\"200\": {description: ok, content: {application/json: {schema: {$ref: 'schemas.yaml#/Item'}}}}");
    assertThat(withRef).contains("schemas.yaml#/Item");

    Run run = Run.withStdin(withRef, "lint", "-");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "$ref 'schemas.yaml#/Item' names a file, but <stdin> was read from standard input or a"
                + " pipe and has no folder to find it in; pass the document's path instead");
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void lintMergeDiff_fifo_isReadAsAStream_namedByItsPath() throws Exception {
    Path good = write("good.yaml", LintCommandTest.CLEAN);

    Path lintFifo = Fifo.make(tmp.resolve("lint.yaml"));
    CompletableFuture<Void> w1 = feed(lintFifo, BAD);
    Run lint = Run.of("lint", lintFifo.toString());
    w1.get(10, TimeUnit.SECONDS);
    assertThat(lint.exitCode()).as(lint.err()).isEqualTo(1);
    assertThat(lint.out()).contains(lintFifo + ":12:");

    Path mergeFifo = Fifo.make(tmp.resolve("merge.yaml"));
    CompletableFuture<Void> w2 = feed(mergeFifo, LintCommandTest.CLEAN);
    Run merge = Run.of("merge", mergeFifo.toString());
    w2.get(10, TimeUnit.SECONDS);
    assertThat(merge.exitCode()).as(merge.err()).isZero();
    assertThat(merge.out()).contains("/items/{id}:");

    Path diffFifo = Fifo.make(tmp.resolve("diff.yaml"));
    CompletableFuture<Void> w3 = feed(diffFifo, WITHOUT_ITEMS);
    Run diff = Run.of("diff", good.toString(), diffFifo.toString());
    w3.get(10, TimeUnit.SECONDS);
    assertThat(diff.exitCode()).as(diff.err()).isZero();
    assertThat(diff.out()).contains(good + ":").contains("breaking");
  }

  @Test
  void lint_device_isStillRefused() {
    Run run = Run.of("lint", "/dev/zero");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("/dev/zero: is a device, not a regular file");
  }

  /**
   * The real thing: bash's process substitution hands the command {@code /dev/fd/N} paths (pipes),
   * as in {@code pipeline diff <(git show main:openapi.yaml) openapi.yaml}.
   */
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void diff_processSubstitution_readsTheDevFdPipes() throws Exception {
    Path old = write("old.yaml", LintCommandTest.CLEAN);
    Path now = write("new.yaml", WITHOUT_ITEMS);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add("-c");
    command.add(
        "exec \"$0\" -cp \"$1\" io.pipelinekit.cli.PipelineCli diff --fail-on-breaking"
            + " <(cat \"$2\") <(cat \"$3\")");
    command.add(java);
    command.add(System.getProperty("java.class.path"));
    command.add(old.toString());
    command.add(now.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(100, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).as(output).isEqualTo(1);
    assertThat(output)
        .matches("(?s).*/dev/fd/\\d+:\\d+:\\d+ breaking .*")
        .containsPattern("1 breaking change from /dev/fd/\\d+ to /dev/fd/\\d+")
        .doesNotContain("no such file");
  }

  /** Writes {@code text} into the FIFO once a reader opens it. */
  private static CompletableFuture<Void> feed(Path fifo, String text) {
    return CompletableFuture.runAsync(
        () -> {
          try (OutputStream out = Files.newOutputStream(fifo)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }
}
