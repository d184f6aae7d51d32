package io.pipelinekit.apispec;

import java.util.Objects;

/**
 * A lint rule: its id, default severity, one-line summary, and the page under {@code docs/rules/}
 * that explains it ({@code docs/rules/<id>.md}).
 */
public record RuleDescription(String id, Severity severity, String summary) {
  public RuleDescription {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
  }

  /** The rule's page, relative to the repository root. */
  public String docPath() {
    return "docs/rules/" + id + ".md";
  }
}
