package io.pipelinekit.buildspec;

import io.pipelinekit.core.Finding;

/**
 * What a {@link LocalBuild} reports while it runs; library code never prints, the caller decides
 * where lines go. Every line is already masked (no parameter-store or secrets-manager value).
 */
public interface LocalBuildListener {
  /** A listener that ignores everything. */
  LocalBuildListener NONE = line -> {};

  /**
   * One line of the build's log: CodeBuild-style {@code [Container] …} lines and the commands' own
   * output (standard output and standard error, merged as in CodeBuild's log).
   */
  void log(String line);

  /** A lint finding (warnings and infos; errors stop the run before it starts). */
  default void finding(Finding finding) {}
}
