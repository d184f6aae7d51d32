package io.pipelinekit.aws;

import java.time.Duration;

/**
 * What publishing reports while it works; library code never prints, the caller decides where these
 * go. Every method has a no-op default.
 */
public interface PublishListener {
  /** A listener that ignores everything. */
  PublishListener NONE = new PublishListener() {};

  /**
   * A call failed in a way worth retrying and will be tried again after {@code wait}.
   *
   * @param call the AWS operation, e.g. {@code PutRestApi}
   * @param reason why it failed, e.g. {@code 429 TooManyRequestsException}
   * @param wait how long until the next attempt
   * @param attempt the number of the attempt that failed (1 for the first)
   */
  default void retrying(String call, String reason, Duration wait, int attempt) {}

  /** Something the user should know that does not stop publishing. */
  default void warning(String message) {}
}
