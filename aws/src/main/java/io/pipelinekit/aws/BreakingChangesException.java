package io.pipelinekit.aws;

import io.pipelinekit.apispec.ApiChange;
import java.util.List;

/**
 * Publishing was refused before anything was written: the document breaks what the stage serves
 * (its export, compared with the project's diff), and {@link PublishOptions#allowBreaking()} is
 * off. {@link #changes()} lists the breaking changes.
 */
public final class BreakingChangesException extends PublishException {
  private static final long serialVersionUID = 1L;

  private final transient List<ApiChange> changes;

  BreakingChangesException(String message, List<ApiChange> changes) {
    super(message, "GetExport", null, null);
    this.changes = List.copyOf(changes);
  }

  /** The breaking changes, in document order. */
  public List<ApiChange> changes() {
    return changes;
  }
}
