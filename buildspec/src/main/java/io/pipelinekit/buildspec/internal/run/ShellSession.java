package io.pipelinekit.buildspec.internal.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One long-lived shell that runs every command of a build, so that a {@code cd} or an {@code
 * export} carries over to the next command as in buildspec version 0.2 ("all commands run in the
 * same instance of the shell":
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html and
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-cmd.html).
 *
 * <p>Protocol: each command is written to a file of its own in a scratch folder and sourced ({@code
 * . FILE < /dev/null}, so a command that reads standard input cannot eat the next one); then the
 * shell prints a marker line holding a per-session nonce and {@code $?}. Standard output and
 * standard error are one stream, as in CodeBuild's log. A command that ends the shell ({@code exit
 * 3}) fails with that status; the next command gets a new shell (its {@code cd}/{@code export}
 * state is lost), which is said in the output.
 */
public final class ShellSession implements AutoCloseable {
  private final List<String> shell;
  private final Path workDir;
  private final Map<String, String> environment;
  private final Path scratch;
  private final Consumer<String> output;
  private final String nonce = Long.toHexString(System.nanoTime() ^ ProcessHandle.current().pid());
  private Process process;
  private Writer stdin;
  private BufferedReader stdout;
  private int counter;
  private String afterEach = "";

  public ShellSession(
      List<String> shell,
      Path workDir,
      Map<String, String> environment,
      Path scratch,
      Consumer<String> output) {
    this.shell = List.copyOf(shell);
    this.workDir = workDir;
    this.environment = Map.copyOf(environment);
    this.scratch = scratch;
    this.output = output;
  }

  /**
   * Shell code run after every command, before its status is reported (builtins only, no output):
   * the snapshot of the exported variables, so that a command that ends the shell does not lose
   * what the commands before it exported.
   */
  public void afterEach(String snippet) {
    String code = snippet == null ? "" : snippet.strip();
    while (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
    }
    this.afterEach = code.isEmpty() ? "" : code + "; ";
  }

  /** Runs one command; its output goes to the consumer line by line; returns its exit status. */
  public int run(String command) {
    try {
      if (process == null) {
        start();
      }
      Path file = scratch.resolve("command-" + (++counter) + ".sh");
      Files.writeString(file, command + "\n", StandardCharsets.UTF_8);
      String marker = "\u001fPK" + nonce + ":";
      stdin.write(
          ". '"
              + file.toString().replace("'", "'\\''")
              + "' </dev/null; __pipelinekit_status=$?; "
              + afterEach
              + "printf '\\037PK%s:%d\\n' '"
              + nonce
              + "' \"$__pipelinekit_status\"\n");
      stdin.flush();
      String line;
      while ((line = stdout.readLine()) != null) {
        int at = line.indexOf(marker);
        if (at >= 0) {
          if (at > 0) {
            output.accept(line.substring(0, at));
          }
          return Integer.parseInt(line.substring(at + marker.length()).trim());
        }
        output.accept(line);
      }
      return ended();
    } catch (IOException e) {
      if (process != null && !process.isAlive()) {
        return ended();
      }
      throw new UncheckedIOException(e);
    }
  }

  /** The shell ended inside a command: its exit status; the next command starts a new shell. */
  private int ended() {
    int status;
    try {
      status = process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = 1;
    }
    close();
    output.accept(
        "[Container] the shell exited (status "
            + status
            + "); later commands run in a new shell, without this one's cd/export state");
    return status == 0 ? 0 : status;
  }

  private void start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(shell).directory(workDir.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true);
    process = builder.start();
    stdin = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    if (process == null) {
      return;
    }
    try {
      stdin.close();
    } catch (IOException ignored) {
      // the shell is gone already
    }
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
    process = null;
  }
}
