package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a short run slow without showing in its output: a class the classpath does not have is
 * looked for in every jar of {@code lib/} (opening a hundred jars, about 0.13 s of CPU on a cold
 * JVM), and a child process costs a fork and an exec. These tests run the command line in a class
 * loader of its own that records each class it was asked for and does not have, and in a JVM that
 * cannot start processes.
 */
class StartupLookupsTest {
  @TempDir Path tmp;

  @Test
  void shortCommands_askTheClasspathForNoClassItLacks() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    String[][] runs = {
      {"rules"},
      {"lint", api.toString()},
      {
        "build",
        "--definition",
        TestDefinitions.Minimal.class.getName(),
        "--out",
        tmp.resolve("out").toString(),
        "--source-root",
        RepoRoot.find().toString(),
        TestDefinitions.TOOL[0],
        TestDefinitions.TOOL[1],
        TestDefinitions.TOOL[2],
        TestDefinitions.TOOL[3]
      },
    };
    for (String[] args : runs) {
      try (RecordingCliLoader loader = new RecordingCliLoader()) {
        int code = loader.run(args);
        // 0, or 1 for lint's findings on a document without API Gateway's extensions
        assertThat(code).as(String.join(" ", args) + ": " + loader.err).isBetween(0, 1);
        assertThat(loader.missingClasses()).as(String.join(" ", args)).isEmpty();
      }
    }
  }

  @Test
  void buildsFolderExchange_startsNoProcess() throws Exception {
    assertThat(System.getProperty("os.name").toLowerCase(Locale.ROOT)).startsWith("linux");
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    Files.writeString(a.resolve("which"), "a");
    Files.writeString(b.resolve("which"), "b");
    // A JVM whose process launching fails: JNA used to run `ldconfig -p` to find libc.
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.lang.Process.launchMechanism=NONE",
                "-cp",
                String.join(File.pathSeparator, RecordingCliLoader.testClassPath()),
                FolderSwapProbe.class.getName(),
                a.toString(),
                b.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output.strip()).isEqualTo("exchanged");
    assertThat(Files.readString(a.resolve("which"))).isEqualTo("b");
  }

  /** Exchanges the two folders named by the arguments; prints whether it could. */
  static final class FolderSwapProbe {
    public static void main(String[] args) {
      boolean done = FolderSwap.platform().exchange(Path.of(args[0]), Path.of(args[1]));
      System.out.println(done ? "exchanged" : "not exchanged");
    }
  }

  private static final String SMALL_OPENAPI =
      """
      openapi: 3.0.3
      info: {title: small, version: 1.0.0}
      paths:
        /items:
          get:
            operationId: listItems
            responses:
              '200': {description: the items}
      """;
}
