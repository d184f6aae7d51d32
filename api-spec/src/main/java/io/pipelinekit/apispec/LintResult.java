package io.pipelinekit.apispec;

import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link OpenApiLinter} found in one document, sorted by line, column and rule. */
public final class LintResult {
  /**
   * By line, column, rule id, message. One method, not {@code Comparator.comparingInt(...)
   * .thenComparing(...)}: those combinators return serializable lambdas, which JDK 17's start-up
   * archive does not hold, so each run generated their classes anew.
   */
  static final Comparator<Finding> ORDER = LintResult::compareInOrder;

  private static int compareInOrder(Finding a, Finding b) {
    int c = Integer.compare(a.location().line(), b.location().line());
    if (c == 0) {
      c = Integer.compare(a.location().column(), b.location().column());
    }
    if (c == 0) {
      c = a.ruleId().compareTo(b.ruleId());
    }
    return c != 0 ? c : a.message().compareTo(b.message());
  }

  private final Path file;
  private final String specVersion;
  private final List<Finding> findings;

  LintResult(Path file, String specVersion, List<Finding> findings) {
    this.file = Objects.requireNonNull(file, "file");
    this.specVersion = Objects.requireNonNull(specVersion, "specVersion");
    this.findings = findings.stream().sorted(ORDER).toList();
  }

  public Path file() {
    return file;
  }

  /** {@code openapi} or {@code swagger} version of the document. */
  public String specVersion() {
    return specVersion;
  }

  public List<Finding> findings() {
    return findings;
  }

  /** The most serious finding's severity, empty when there is none. */
  public Optional<Severity> highestSeverity() {
    return findings.stream().map(Finding::severity).max(Comparator.naturalOrder());
  }

  /** Whether any finding is at least this serious. */
  public boolean hasFindingsAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }
}
