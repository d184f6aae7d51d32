package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A pull-request filter of a V2 trigger: which events on pull requests into which branches (and
 * touching which file paths) start the pipeline. Branches are required.
 */
public final class PullRequestFilter {
  private final List<PullRequestEvent> events;
  private final Patterns branches;
  private final Patterns filePaths;

  private PullRequestFilter(Builder b) {
    this.events = Checks.copy(b.events, "PullRequestFilter", "events");
    this.branches = b.branches;
    this.filePaths = b.filePaths;
  }

  /** The given events on pull requests into branches matching the patterns. */
  public static PullRequestFilter on(Patterns branches, PullRequestEvent... events) {
    return builder().branches(branches).events(Arrays.asList(events)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().events(events).branches(branches).filePaths(filePaths);
  }

  /** The events; empty means CodePipeline's default (all of them). */
  public List<PullRequestEvent> events() {
    return events;
  }

  public Optional<Patterns> branches() {
    return Optional.ofNullable(branches);
  }

  public Optional<Patterns> filePaths() {
    return Optional.ofNullable(filePaths);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof PullRequestFilter o
        && events.equals(o.events)
        && Objects.equals(branches, o.branches)
        && Objects.equals(filePaths, o.filePaths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(events, branches, filePaths);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("PullRequestFilter")
        .add("events", events)
        .add("branches", branches)
        .add("filePaths", filePaths)
        .build();
  }

  /** Builds {@link PullRequestFilter}. */
  public static final class Builder {
    private final List<PullRequestEvent> events = new ArrayList<>();
    private Patterns branches;
    private Patterns filePaths;

    private Builder() {}

    /** Sets them, replacing any set before. */
    public Builder events(List<PullRequestEvent> events) {
      Checks.replaceAll(this.events, events);
      return this;
    }

    public Builder branches(Patterns branches) {
      this.branches = branches;
      return this;
    }

    public Builder filePaths(Patterns filePaths) {
      this.filePaths = filePaths;
      return this;
    }

    public PullRequestFilter build() {
      return Checks.building(() -> new PullRequestFilter(this));
    }
  }
}
