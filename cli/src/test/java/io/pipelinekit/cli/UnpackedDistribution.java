package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution archive this build packaged ({@code pipeline-VERSION.tar.gz}), unpacked with
 * {@code tar} into a folder of a test's own, and programs run with exactly the environment a test
 * gives them: what the distribution ITs share.
 */
final class UnpackedDistribution {
  static final String VERSION = System.getProperty("pipelinekit.version");
  static final Path TARGET = Path.of(System.getProperty("pipelinekit.target"));
  static final Path ARCHIVE = TARGET.resolve("pipeline-" + VERSION + ".tar.gz");

  /** The JDK running the tests, which the launcher is given as {@code JAVA_HOME}. */
  static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  /** What a program did: its exit code and everything it printed. */
  record Result(int code, String out, String err) {}

  private final Path installed;
  private final Path scratch;

  private UnpackedDistribution(Path installed, Path scratch) {
    this.installed = installed;
    this.scratch = scratch;
  }

  /**
   * Unpacks the archive into {@code dir/opt}; the programs' output goes to files in {@code dir}.
   */
  static UnpackedDistribution unpack(Path dir) throws IOException, InterruptedException {
    Path unpacked = Files.createDirectories(dir.resolve("opt"));
    UnpackedDistribution d = new UnpackedDistribution(unpacked.resolve("pipeline-" + VERSION), dir);
    Result tar =
        d.exec(
            unpacked,
            Map.of("PATH", System.getenv("PATH")),
            Duration.ofSeconds(120),
            List.of("tar", "-xzf", ARCHIVE.toString()));
    assertThat(tar.code()).as(tar.err()).isZero();
    return d;
  }

  /** The installation's folder: {@code pipeline-VERSION}, holding {@code bin/} and {@code lib/}. */
  Path installed() {
    return installed;
  }

  /** The installation's launcher, {@code bin/pipeline}. */
  Path launcher() {
    return installed.resolve("bin/pipeline");
  }

  /** Runs the launcher with {@code args} in {@code dir}, with exactly {@code env}. */
  Result pipeline(Path dir, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(launcher().toString()));
    argv.addAll(List.of(args));
    return exec(dir, env, Duration.ofSeconds(120), argv);
  }

  /**
   * Runs {@code command} in {@code dir} with exactly {@code env} as its environment; fails the test
   * when it takes longer than {@code timeout}.
   */
  Result exec(Path dir, Map<String, String> env, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = pb.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
