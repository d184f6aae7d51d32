package io.pipelinekit.buildspec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outcome of one {@link LocalBuild#run()}: as CodeBuild reports a build. */
public final class LocalBuildResult {
  /** A build's or a phase's status, spelled as CodeBuild spells it. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    /** The phase was not reached (an earlier failure ended the build). */
    NOT_RUN
  }

  /**
   * One phase: {@code INSTALL}, {@code PRE_BUILD}, {@code BUILD}, {@code POST_BUILD}, {@code
   * UPLOAD_ARTIFACTS} (and {@code PROVISIONING} when a parameter lookup failed).
   *
   * @param failedCommand the first command that failed, empty when none did
   * @param exitStatus that command's exit status (0 when none failed)
   */
  public record Phase(
      String name,
      Status status,
      Duration duration,
      Optional<String> failedCommand,
      int exitStatus) {
    public Phase {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(failedCommand, "failedCommand");
    }
  }

  /**
   * One report group's files and counts.
   *
   * @param summarised false when the format's results are not counted locally (coverage, NUnit,
   *     TRX): only the files are
   */
  public record Report(
      String group,
      String fileFormat,
      List<String> files,
      int tests,
      int failures,
      int errors,
      int skipped,
      boolean summarised) {
    public Report {
      files = List.copyOf(files);
    }
  }

  private final String buildId;
  private final Status status;
  private final List<Phase> phases;
  private final Map<String, String> exportedVariables;
  private final List<String> artifacts;
  private final List<Report> reports;

  /** For {@link LocalBuild} (and tests of code that reports results). */
  public LocalBuildResult(
      String buildId,
      Status status,
      List<Phase> phases,
      Map<String, String> exportedVariables,
      List<String> artifacts,
      List<Report> reports) {
    this.buildId = buildId;
    this.status = status;
    this.phases = List.copyOf(phases);
    this.exportedVariables =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(exportedVariables));
    this.artifacts = List.copyOf(artifacts);
    this.reports = List.copyOf(reports);
  }

  /** {@code CODEBUILD_BUILD_ID} of the run ({@code run-local:<uuid>}). */
  public String buildId() {
    return buildId;
  }

  /** SUCCEEDED or FAILED. */
  public Status status() {
    return status;
  }

  /** Every phase in CodeBuild's order, those not reached included. */
  public List<Phase> phases() {
    return phases;
  }

  /** The first phase that failed. */
  public Optional<Phase> failedPhase() {
    return phases.stream().filter(p -> p.status() == Status.FAILED).findFirst();
  }

  /**
   * The {@code env.exported-variables} as the shell held them when {@code post_build} ended (a
   * variable that was not set is left out).
   */
  public Map<String, String> exportedVariables() {
    return exportedVariables;
  }

  /** The files written to the artifacts folder, relative to it ('/'-separated), sorted. */
  public List<String> artifacts() {
    return artifacts;
  }

  /** The report groups, in buildspec order. */
  public List<Report> reports() {
    return reports;
  }
}
