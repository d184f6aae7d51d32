package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Include and exclude glob patterns of a trigger filter (branches, tags or file paths). Excludes
 * win over includes. CodePipeline allows at most 8 patterns in each list.
 */
public final class Patterns {
  private final List<String> includes;
  private final List<String> excludes;

  private Patterns(Builder b) {
    this.includes = Checks.copy(b.includes, "Patterns", "includes");
    this.excludes = Checks.copy(b.excludes, "Patterns", "excludes");
    includes.forEach(glob -> Checks.noControlCharacters(glob, "Patterns", "include"));
    excludes.forEach(glob -> Checks.noControlCharacters(glob, "Patterns", "exclude"));
  }

  /** Patterns that include the given globs. */
  public static Patterns include(String... globs) {
    return builder().includes(Arrays.asList(globs)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().includes(includes).excludes(excludes);
  }

  /** The same includes and excludes, plus the given excludes. */
  public Patterns excluding(String... globs) {
    List<String> all = new ArrayList<>(excludes);
    all.addAll(Arrays.asList(globs));
    return toBuilder().excludes(all).build();
  }

  public List<String> includes() {
    return includes;
  }

  public List<String> excludes() {
    return excludes;
  }

  public boolean isEmpty() {
    return includes.isEmpty() && excludes.isEmpty();
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Patterns o
        && includes.equals(o.includes)
        && excludes.equals(o.excludes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(includes, excludes);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("Patterns").add("includes", includes).add("excludes", excludes).build();
  }

  /** Builds {@link Patterns}. */
  public static final class Builder {
    private final List<String> includes = new ArrayList<>();
    private final List<String> excludes = new ArrayList<>();

    private Builder() {}

    /** Sets them, replacing any set before. */
    public Builder includes(List<String> globs) {
      Checks.replaceAll(includes, globs);
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder excludes(List<String> globs) {
      Checks.replaceAll(excludes, globs);
      return this;
    }

    public Patterns build() {
      return Checks.building(() -> new Patterns(this));
    }
  }
}
