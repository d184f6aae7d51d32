package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickVersionTest {
  @TempDir Path tmp;

  private record Process(int code, String out, List<String> loaded) {}

  /**
   * {@code java PipelineCli ARGS} in a fresh JVM on this test's class path, logging class loads.
   */
  private Process main(String... args) throws Exception {
    Path log = tmp.resolve("classes-" + String.join("_", args) + ".log");
    Path out = tmp.resolve("out.txt");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off",
                "-Xlog:class+load:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                PipelineCli.class.getName()));
    command.addAll(List.of(args));
    java.lang.Process p =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Process(p.exitValue(), Files.readString(out), Files.readAllLines(log));
  }

  @Test
  void versionAlone_printsWhatPicocliPrints_withoutBuildingPicocliModel() throws Exception {
    String expected = Run.of("--version").out();
    assertThat(expected).startsWith("pipeline ");

    for (String flag : List.of("--version", "-V")) {
      Process run = main(flag);
      assertThat(run.code()).isZero();
      assertThat(run.out()).isEqualTo(expected);
      // Loading PipelineCli has the verifier load a few picocli types it names; picocli itself
      // (its command model, its parser) never starts.
      assertThat(run.loaded())
          .noneMatch(l -> l.contains("] picocli.CommandLine$Model$CommandSpec "))
          .noneMatch(l -> l.contains("] picocli.CommandLine$Interpreter "));
    }
  }

  @Test
  void versionWithAnythingElse_goesToPicocli() throws Exception {
    Process run = main("--version", "--help");
    assertThat(run.loaded()).anyMatch(l -> l.contains("] picocli.CommandLine$Model$CommandSpec "));
    assertThat(run.code()).isZero();
  }
}
