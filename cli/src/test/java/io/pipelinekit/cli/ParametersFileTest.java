package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --parameters FILE}, the {@code pipeline.parameters} file in the working folder, {@code -P}
 * over both, and picocli's {@code @argfile} — through the command line.
 */
class ParametersFileTest {
  @TempDir Path tmp;

  /** Takes {@code name} (the pipeline's) and {@code branch}. */
  public static final class Named implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      parameters.get("branch", "main");
      return FixturesAccess.valid().toBuilder().name(parameters.get("name", "fixture")).build();
    }
  }

  private static final String NAMED = Named.class.getName();

  private Path file(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void parametersFile_valuesReachTheDefinition() throws IOException {
    Path f = file("prod.parameters", "# production\n\n  name = from-file  \nbranch=release\n");
    Run run = Run.of("graph", "--definition", NAMED, "--parameters", f.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("from-file");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void dashP_overridesTheFilesValue() throws IOException {
    Path f = file("prod.parameters", "name=from-file\n");
    Run run =
        Run.of("graph", "--definition", NAMED, "--parameters", f.toString(), "-P", "name=from-p");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("from-p").doesNotContain("from-file");
  }

  @Test
  void lineWithoutEquals_exits2NamingFileAndLine() throws IOException {
    Path f = file("bad.parameters", "name=x\n# comment\nbranch main\n");
    Run run = Run.of("build", "--definition", NAMED, "--parameters", f.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "pipeline: "
                + f
                + ":3: 'branch main' is not NAME=VALUE; write one parameter per line as"
                + " NAME=VALUE (# starts a comment)\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void sameNameTwice_exits2NamingBothLines() throws IOException {
    Path f = file("twice.parameters", "name=a\r\nbranch=b\r\nname=c\r\n");
    Run run = Run.of("graph", "--definition", NAMED, "--parameters", f.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(f + ":3: parameter 'name' is already set on line 1; keep one");
  }

  @Test
  void unknownNameInTheFile_exits2NamingItsLine_alsoForApply() throws IOException {
    Path f = file("typo.parameters", "name=a\nbrnch=main\n");
    for (String command : new String[] {"graph", "build", "apply"}) {
      Run run = run(command, f);
      assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(2);
      assertThat(run.err())
          .as(command)
          .contains(f + ":2: unknown parameter 'brnch'; the definition takes: branch, name");
    }
  }

  private static Run run(String command, Path f) {
    return command.equals("apply")
        ? Run.of(
            command, "--definition", NAMED, "--parameters", f.toString(), "--region", "eu-west-1")
        : Run.of(command, "--definition", NAMED, "--parameters", f.toString());
  }

  @Test
  void missingFolderFifoHugeOrBinaryFile_exits2NamingIt() throws Exception {
    Path missing = tmp.resolve("none.parameters");
    assertThat(Run.of("graph", "--definition", NAMED, "--parameters", missing.toString()).err())
        .contains(missing + ": no such file");
    Path folder = Files.createDirectory(tmp.resolve("folder.parameters"));
    Run run = Run.of("graph", "--definition", NAMED, "--parameters", folder.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(folder + ": not a regular file (a folder)");
    Path fifo = Fifo.make(tmp.resolve("fifo.parameters"));
    run = Run.of("graph", "--definition", NAMED, "--parameters", fifo.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(fifo + ": not a regular file (a FIFO, device or socket)");
    Path huge = file("huge.parameters", "# " + "x".repeat(ParametersFile.MAX_BYTES) + "\n");
    run = Run.of("graph", "--definition", NAMED, "--parameters", huge.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(huge + ": larger than 1024 KiB");
    Path binary = tmp.resolve("latin1.parameters");
    Files.write(binary, new byte[] {'n', 'a', 'm', 'e', '=', (byte) 0xE9, '\n'});
    run = Run.of("graph", "--definition", NAMED, "--parameters", binary.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(binary + ": not UTF-8 text");
    Path control = file("control.parameters", "name=a\u0007b\n");
    run = Run.of("graph", "--definition", NAMED, "--parameters", control.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(control + ":1: a control character (U+0007) at column 7");
  }

  @Test
  void argFile_expandsIntoOptions() throws IOException {
    Path args = file("prod.args", "--definition " + NAMED + "\n-P name=from-argfile\n");
    Run run = Run.of("graph", "@" + args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("from-argfile");
  }

  // -- the conventional file in the working folder: a separate process started in that folder

  @Test
  void defaultFileInWorkingFolder_isRead_andSaysSo_dashPOverrides_parametersReplacesIt()
      throws Exception {
    Path work = Files.createDirectory(tmp.resolve("work"));
    Files.writeString(work.resolve("pipeline.parameters"), "name=from-default\nbranch=dev\n");
    Files.writeString(work.resolve("other.parameters"), "name=from-other\n");

    Process read = cli(work, "graph", "--definition", NAMED);
    assertThat(read.exitValue()).as(err(read)).isZero();
    assertThat(out(read)).contains("from-default");
    assertThat(err(read))
        .isEqualTo(
            "pipeline: read 2 parameters from pipeline.parameters in the working folder (-P"
                + " overrides; --parameters FILE reads another)\n");

    Process overridden = cli(work, "graph", "--definition", NAMED, "-P", "name=from-p");
    assertThat(out(overridden)).contains("from-p").doesNotContain("from-default");

    Process other = cli(work, "graph", "--definition", NAMED, "--parameters", "other.parameters");
    assertThat(other.exitValue()).as(err(other)).isZero();
    assertThat(out(other)).contains("from-other").doesNotContain("from-default");
    assertThat(err(other)).isEmpty();

    Files.writeString(work.resolve("pipeline.parameters"), "name=x\nnmae=y\n");
    Process typo = cli(work, "build", "--definition", NAMED, "--list-parameters");
    Process typoGraph = cli(work, "graph", "--definition", NAMED);
    assertThat(typoGraph.exitValue()).isEqualTo(2);
    assertThat(err(typoGraph))
        .contains("pipeline.parameters:2: unknown parameter 'nmae'; the definition takes:");
    assertThat(typo.exitValue()).as(err(typo)).isZero(); // listing does not check names
  }

  private Process cli(Path cwd, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
    String cp = System.getProperty("surefire.test.class.path");
    command.addAll(
        List.of(
            "-cp",
            cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path"),
            PipelineCli.class.getName()));
    command.addAll(List.of(args));
    Path stdout = Files.createTempFile(tmp, "out", ".txt");
    Path stderr = Files.createTempFile(tmp, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    outputs.put(p, new Path[] {stdout, stderr});
    return p;
  }

  private final java.util.Map<Process, Path[]> outputs = new java.util.HashMap<>();

  private String out(Process p) throws IOException {
    return Files.readString(outputs.get(p)[0]);
  }

  private String err(Process p) throws IOException {
    return Files.readString(outputs.get(p)[1]);
  }
}
