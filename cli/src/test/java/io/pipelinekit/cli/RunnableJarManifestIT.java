package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar ({@code pipeline-cli-VERSION-all.jar}) holds every class it needs: its manifest
 * names no {@code Class-Path}, so run beside a {@code lib/} folder (as in {@code cli/target}, or an
 * unpacked archive's {@code lib/}) it does not also put those jars on the class path — which gave
 * SLF4J two bindings and a warning on every AWS command.
 */
class RunnableJarManifestIT {
  private static final String VERSION = System.getProperty("pipelinekit.version");
  private static final Path TARGET = Path.of(System.getProperty("pipelinekit.target"));
  private static final Path RUNNABLE_JAR = TARGET.resolve("pipeline-cli-" + VERSION + "-all.jar");
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path tmp;

  @Test
  void runnableJar_hasNoClassPath_butItsMainClassAndVersion() throws IOException {
    try (JarFile jar = new JarFile(RUNNABLE_JAR.toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue(Attributes.Name.CLASS_PATH)).isNull();
      assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo(PipelineCli.class.getName());
      assertThat(main.getValue(Attributes.Name.IMPLEMENTATION_VERSION)).isEqualTo(VERSION);
    }
  }

  /**
   * The CLI's own jar, which the launcher puts before the runnable jar, names no {@code Class-Path}
   * either: in an installed {@code lib/} the JVM followed its {@code lib/...} entries to ~100
   * {@code lib/lib/*.jar} that do not exist, on every look-up that walks the class path (a service
   * scan, a resource): ~25 ms of CPU in a short run.
   */
  @Test
  void cliJar_hasNoClassPath_butItsMainClass() throws IOException {
    try (JarFile jar = new JarFile(TARGET.resolve("pipeline-cli-" + VERSION + ".jar").toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue(Attributes.Name.CLASS_PATH)).isNull();
      assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo(PipelineCli.class.getName());
    }
  }

  @Test
  void runnableJar_besideALibFolder_runsAnAwsCommandWithNothingButItsOwnErrorOnStderr()
      throws Exception {
    // cli/target holds lib/ (the thin jar's dependencies, slf4j-nop among them) beside the jar.
    try (var lib = Files.list(TARGET.resolve("lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("slf4j-nop"));
    }
    Path spec =
        Files.writeString(
            tmp.resolve("pets.yaml"),
            "openapi: 3.0.3\ninfo: {title: Pets, version: 1.0.0}\npaths: {}\n");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // closed again before the jar connects: refused at once
    }
    Path out = tmp.resolve("out.txt");
    Path err = tmp.resolve("err.txt");
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    JAVA.toString(),
                    "-jar",
                    RUNNABLE_JAR.toString(),
                    "deploy-api",
                    "--rest-api-id",
                    "abc123",
                    "--stage",
                    "prod",
                    "--spec",
                    spec.toString(),
                    "--no-lint",
                    "--region",
                    "us-east-1",
                    "--endpoint-url",
                    "http://127.0.0.1:" + closedPort,
                    "--max-retry-time",
                    "1s"))
            .directory(TARGET.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().remove("AWS_PROFILE");
    Process process = pb.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();

    String stderr = Files.readString(err);
    assertThat(process.exitValue()).as(stderr).isEqualTo(ExitCodes.CHECK_FAILED);
    assertThat(stderr).doesNotContain("SLF4J").contains("pipeline: GetRestApi failed");
    // the command line's own lines only: its retry notes and its error
    assertThat(stderr.lines())
        .allMatch(line -> line.startsWith("retry: ") || line.startsWith("pipeline: "));
  }
}
