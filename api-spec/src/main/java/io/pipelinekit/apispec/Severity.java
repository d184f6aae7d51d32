package io.pipelinekit.apispec;

/** How serious a finding is; ordered from least to most serious. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  /** The lower-case spelling used in output ({@code error}, {@code warning}, {@code info}). */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
