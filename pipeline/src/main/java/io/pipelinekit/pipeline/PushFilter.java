package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.Objects;
import java.util.Optional;

/**
 * A push filter of a V2 trigger: on which branches (or tags) and file paths a push starts the
 * pipeline. Tag filters cannot be combined with branch or file-path filters.
 */
public final class PushFilter {
  private final Patterns branches;
  private final Patterns tags;
  private final Patterns filePaths;

  private PushFilter(Builder b) {
    this.branches = b.branches;
    this.tags = b.tags;
    this.filePaths = b.filePaths;
  }

  /** Pushes to branches matching the patterns. */
  public static PushFilter branches(Patterns branches) {
    return builder().branches(branches).build();
  }

  /** Pushes of tags matching the patterns. */
  public static PushFilter tags(Patterns tags) {
    return builder().tags(tags).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().branches(branches).tags(tags).filePaths(filePaths);
  }

  public Optional<Patterns> branches() {
    return Optional.ofNullable(branches);
  }

  public Optional<Patterns> tags() {
    return Optional.ofNullable(tags);
  }

  public Optional<Patterns> filePaths() {
    return Optional.ofNullable(filePaths);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof PushFilter o
        && Objects.equals(branches, o.branches)
        && Objects.equals(tags, o.tags)
        && Objects.equals(filePaths, o.filePaths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(branches, tags, filePaths);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("PushFilter")
        .add("branches", branches)
        .add("tags", tags)
        .add("filePaths", filePaths)
        .build();
  }

  /** Builds {@link PushFilter}. */
  public static final class Builder {
    private Patterns branches;
    private Patterns tags;
    private Patterns filePaths;

    private Builder() {}

    public Builder branches(Patterns branches) {
      this.branches = branches;
      return this;
    }

    public Builder tags(Patterns tags) {
      this.tags = tags;
      return this;
    }

    public Builder filePaths(Patterns filePaths) {
      this.filePaths = filePaths;
      return this;
    }

    public PushFilter build() {
      return Checks.building(() -> new PushFilter(this));
    }
  }
}
