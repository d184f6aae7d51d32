package io.pipelinekit.apispec;

import io.pipelinekit.core.Finding;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fragments of a merge disagree: the same path, operation, component, tag or operationId is
 * defined differently in two places. {@link #conflicts()} names both places of each.
 */
public final class MergeConflictException extends ApiSpecException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN = 10;

  private final transient List<Finding> conflicts;

  public MergeConflictException(List<Finding> conflicts) {
    super(message(conflicts));
    this.conflicts = List.copyOf(conflicts);
  }

  /** Every conflict, each naming both places. */
  public List<Finding> conflicts() {
    return conflicts;
  }

  private static String message(List<Finding> conflicts) {
    String lines =
        conflicts.stream().limit(SHOWN).map(Finding::format).collect(Collectors.joining("\n"));
    String more = conflicts.size() > SHOWN ? "\n… and " + (conflicts.size() - SHOWN) + " more" : "";
    return "the OpenAPI fragments conflict ("
        + conflicts.size()
        + (conflicts.size() == 1 ? " conflict" : " conflicts")
        + "); nothing was merged:\n"
        + lines
        + more;
  }
}
