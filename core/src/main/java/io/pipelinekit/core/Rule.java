package io.pipelinekit.core;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule of one of the rule sets (buildspec, OpenAPI/API Gateway, pipeline structure): its id, its
 * severity, a one-line summary and its documentation page.
 */
public record Rule(String id, Severity severity, String summary) {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+");

  public Rule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(summary, "summary");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "rule id '"
              + id
              + "' must be lower-case words joined by '-', e.g. pipeline-source-first");
    }
    if (summary.isBlank()) {
      throw new IllegalArgumentException("rule " + id + " needs a summary");
    }
  }

  /** The rule's documentation page, relative to the repository root. */
  public String docPath() {
    return "docs/rules/" + id + ".md";
  }
}
