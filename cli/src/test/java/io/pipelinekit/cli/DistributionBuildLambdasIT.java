package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lambda's class is generated when its call site first runs (bytecode spun and defined, a few
 * hundred microseconds each on a cold JVM, and work for the JIT compiler) unless the start-up
 * archive holds it. JDK 17's archive holds the lambdas its training run reached, except
 * serializable ones ({@code Comparator.comparing(...)}, {@code thenComparing(...)}, {@code
 * reversed()} return those). A build of a pipeline like the bundled service's (its API fragments,
 * linted after the merge) runs with the installed launcher and its archive, as users run it.
 */
class DistributionBuildLambdasIT {
  private static final String VERSION = System.getProperty("pipelinekit.version");
  private static final Path TARGET = Path.of(System.getProperty("pipelinekit.target"));
  private static final Path ARCHIVE = TARGET.resolve("pipeline-" + VERSION + ".tar.gz");
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @TempDir static Path tmp;
  static Path launcher;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void install() throws Exception {
    Path unpacked = Files.createDirectories(tmp.resolve("opt"));
    Result tar =
        exec(unpacked, Map.of("PATH", System.getenv("PATH")), "tar", "-xzf", ARCHIVE.toString());
    assertThat(tar.code()).as(tar.err()).isZero();
    launcher = unpacked.resolve("pipeline-" + VERSION + "/bin/pipeline");
  }

  @Test
  void buildOfTheServicesApi_generatesNoLambdaClass_everyOneIsInTheArchive() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Map<String, String> env =
        Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "JAVA_HOME", JAVA_HOME.toString());
    Result first = run(env, "--version"); // writes the archive
    assertThat(first.code()).as(first.err()).isZero();

    Path log = tmp.resolve("build-classes.log");
    Result build =
        run(
            Map.of(
                "PATH",
                "/usr/bin:/bin",
                "HOME",
                home.toString(),
                "JAVA_HOME",
                JAVA_HOME.toString(),
                "PIPELINE_CLASSPATH",
                codeSource(TestDefinitions.class)
                    + File.pathSeparator
                    + codeSource(FixturesAccess.class),
                "PIPELINE_JAVA_OPTS",
                "-Xshare:on -Xlog:class+load:file=" + log),
            "build",
            "--definition",
            TestDefinitions.Minimal.class.getName(),
            "--out",
            tmp.resolve("out").toString(),
            "--source-root",
            RepoRoot.find().toString());
    assertThat(build.code()).as(build.err()).isZero();
    assertThat(build.out()).contains("openapi.yaml");

    List<String> lines = Files.readAllLines(log);
    assertThat(lines)
        .anyMatch(l -> l.contains("io.pipelinekit.cli.PipelineCli source: shared objects file"));
    // e.g. "java.util.Comparator$$Lambda$142/0x... source: java.util.Comparator"
    assertThat(lines)
        .filteredOn(l -> l.contains("$$Lambda$") && !l.contains("source: shared objects file"))
        .isEmpty();
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(launcher.toString()));
    argv.addAll(List.of(args));
    return exec(tmp, env, argv.toArray(new String[0]));
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Runs a program in {@code dir} with exactly {@code env} as its environment. */
  private static Result exec(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = pb.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
