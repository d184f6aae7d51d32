package io.pipelinekit.aws;

import io.pipelinekit.apispec.ApiChange;
import java.time.Duration;
import java.util.List;

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

  /**
   * The changes from what the stage serves (its export) to the document about to be published,
   * breaking and non-breaking, before anything is written; not called for a new stage or an
   * unchanged document. Called before publishing is refused for breaking changes.
   *
   * @param stageName the stage compared with
   * @param deploymentId the deployment the stage serves
   * @param changes every change, in document order (empty when the API is the same)
   */
  default void apiChanges(String stageName, String deploymentId, List<ApiChange> changes) {}

  /** Something the user should know that does not stop publishing. */
  default void warning(String message) {}
}
