package io.pipelinekit.cli;

/** The exit codes of the {@code pipeline} command line (a contract: scripts depend on them). */
public final class ExitCodes {
  /** Everything went well. */
  public static final int OK = 0;

  /**
   * The thing checked failed: findings at or above {@code --fail-on}, a merge conflict, a breaking
   * change with {@code --fail-on-breaking}, AWS rejected a call or a deploy failed.
   */
  public static final int CHECK_FAILED = 1;

  /** Usage error, or unreadable or invalid input. */
  public static final int USAGE = 2;

  /**
   * Changes pending: AWS does not match the definition ({@code apply --dry-run
   * --detailed-exitcode}, {@code drift}).
   */
  public static final int CHANGES_PENDING = 3;

  private ExitCodes() {}
}
