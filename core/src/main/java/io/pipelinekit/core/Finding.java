package io.pipelinekit.core;

import java.util.Objects;

/**
 * One problem found: which rule, how serious, where, and a message that says what is wrong and how
 * to fix it. The same type for every rule set.
 */
public record Finding(String ruleId, Severity severity, Location location, String message) {
  public Finding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:col severity rule-id message}, the text output format. */
  public String format() {
    return location + " " + severity.label() + " " + ruleId + " " + message;
  }
}
