package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The buildspec's {@code cache} section: paths CodeBuild caches between builds and, optionally, a
 * cache key. Validated when built: {@code paths} is required and non-empty.
 */
public final class Cache {
  private final String key;
  private final List<String> paths;

  private Cache(Builder b) {
    this.key = b.key == null ? null : Checks.nonBlank(b.key, "$.cache.key");
    this.paths = Checks.nonBlankList(b.paths, "$.cache.paths");
    if (paths.isEmpty()) {
      throw new BuildSpecException(
          "$.cache.paths is required: list the directories to cache (e.g."
              + " '/root/.m2/**/*') or leave the cache section out");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A cache of the given paths. */
  public static Cache ofPaths(String... paths) {
    return builder().paths(paths).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code key}, if set. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** {@code paths}, in order. */
  public List<String> paths() {
    return paths;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Cache)) {
      return false;
    }
    Cache c = (Cache) o;
    return Objects.equals(key, c.key) && paths.equals(c.paths);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, paths);
  }

  @Override
  public String toString() {
    return "Cache{key=" + key + ", paths=" + paths + "}";
  }

  /** Builds a {@link Cache}. */
  public static final class Builder {
    private String key;
    private List<String> paths = new ArrayList<>();

    private Builder() {}

    private Builder(Cache c) {
      this.key = c.key;
      this.paths = new ArrayList<>(c.paths);
    }

    public Builder key(String key) {
      this.key = key;
      return this;
    }

    public Builder paths(List<String> paths) {
      this.paths = new ArrayList<>(Objects.requireNonNull(paths, "paths"));
      return this;
    }

    public Builder paths(String... paths) {
      return paths(Arrays.asList(Objects.requireNonNull(paths, "paths")));
    }

    public Cache build() {
      return new Cache(this);
    }
  }
}
