package io.pipelinekit.buildspec;

import java.util.Locale;
import java.util.Objects;

/**
 * One problem the {@link BuildSpecLinter} found in a buildspec: the rule ({@code buildspec-…}, with
 * a page {@code docs/rules/<ruleId>.md}), how serious it is, where (1-based line and column, and a
 * JSON pointer such as {@code /phases/build/commands/2}; {@code ""} is the document root) and a
 * message saying what is wrong and how to fix it.
 */
public record BuildSpecFinding(
    String ruleId, Severity severity, int line, int column, String pointer, String message) {

  /** How serious a finding is; ordered from most to least serious. */
  public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case spelling used in output ({@code error}, {@code warning}, {@code info}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public BuildSpecFinding {
    Objects.requireNonNull(ruleId, "ruleId");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  /** {@code file:line:col severity rule-id message}, the text output format. */
  public String format(String fileName) {
    return fileName
        + ":"
        + line
        + ":"
        + column
        + " "
        + severity.label()
        + " "
        + ruleId
        + " "
        + message;
  }
}
