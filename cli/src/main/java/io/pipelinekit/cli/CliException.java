package io.pipelinekit.cli;

/**
 * An error a command reports to the user with a given exit code. The message is what the user
 * reads: what is wrong, where, and what to do.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** An unreadable or invalid input (exit 2). */
  public static CliException invalidInput(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  /** The thing checked failed (exit 1). */
  public static CliException failed(String message) {
    return new CliException(ExitCodes.CHECK_FAILED, message);
  }

  public int exitCode() {
    return exitCode;
  }
}
