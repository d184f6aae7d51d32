package io.pipelinekit.core;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious a finding is, ordered: {@code INFO < WARNING < ERROR}. One scale for every rule set.
 */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  /** Lower-case name, as printed and as options spell it ({@code error}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether this is at least as serious as {@code other}. */
  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }

  /** The severity a label names ({@code error}, {@code warning}, {@code info}), any case. */
  public static Optional<Severity> ofLabel(String label) {
    for (Severity s : values()) {
      if (s.label().equalsIgnoreCase(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
