package io.pipelinekit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool that {@code bin/test} installs into {@code .venv/bin} — the independent
 * oracles ({@code python} with botocore, {@code aws}, {@code cfn-lint}, {@code checkov}, {@code
 * parliament}, {@code hadolint}) and moto. Found in {@code $PIPELINEKIT_VENV/bin}, else in the
 * repository's {@code .venv/bin}; a test that needs one fails (never skips) when it is missing.
 */
public final class VenvTool {
  private final Path executable;

  private VenvTool(Path executable) {
    this.executable = executable;
  }

  /** The tool named {@code name} in the venv; fails naming where it looked when it is missing. */
  public static VenvTool named(String name) {
    List<Path> candidates = new ArrayList<>();
    for (Path bin : binFolders()) {
      candidates.add(bin.resolve(name));
    }
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return new VenvTool(candidate);
      }
    }
    throw new IllegalStateException(
        name + " not found (looked at " + candidates + "): run bin/test, which installs it");
  }

  /** The venv's {@code bin} folders, {@code $PIPELINEKIT_VENV} first. */
  public static List<Path> binFolders() {
    List<Path> folders = new ArrayList<>();
    String venv = System.getenv("PIPELINEKIT_VENV");
    if (venv != null && !venv.isBlank()) {
      folders.add(Path.of(venv, "bin"));
    }
    folders.add(RepoRoot.find().resolve(".venv").resolve("bin"));
    return folders;
  }

  /** Where the tool is. */
  public Path executable() {
    return executable;
  }

  /** Runs the tool with these arguments in {@code workDir}, waiting at most {@code timeout}. */
  public Result run(Path workDir, Duration timeout, String... args) {
    return run(workDir, timeout, Map.of(), args);
  }

  /**
   * Runs the tool with these arguments and extra environment variables in {@code workDir}, waiting
   * at most {@code timeout}; standard input is empty.
   */
  public Result run(Path workDir, Duration timeout, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(command + " did not finish within " + timeout);
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** Reads a stream to its end on a thread of its own (the common pool may have one thread). */
  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "venv-tool-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }

  /** What a run printed and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {
    /** Both streams, for an assertion's description. */
    public String output() {
      return stdout + stderr;
    }
  }
}
