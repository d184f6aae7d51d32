package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.ToString;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A CodeBuild project's cache: none, local (Docker layers, source, custom paths) or S3. */
public final class BuildCache {
  /** The cache type as CodeBuild names it. */
  public enum Type {
    NO_CACHE,
    LOCAL,
    S3
  }

  /** Local cache modes. */
  public enum LocalMode {
    LOCAL_DOCKER_LAYER_CACHE,
    LOCAL_SOURCE_CACHE,
    LOCAL_CUSTOM_CACHE
  }

  private static final BuildCache NONE = new BuildCache(Type.NO_CACHE, List.of(), null);

  private final Type type;
  private final List<LocalMode> modes;
  private final String location;

  private BuildCache(Type type, List<LocalMode> modes, String location) {
    this.type = type;
    this.modes = List.copyOf(modes);
    this.location = location;
  }

  public static BuildCache none() {
    return NONE;
  }

  /** A local cache with the given modes, e.g. Docker layers. */
  public static BuildCache local(LocalMode... modes) {
    return new BuildCache(Type.LOCAL, Arrays.asList(modes), null);
  }

  /** An S3 cache at {@code bucket/prefix}. */
  public static BuildCache s3(String location) {
    return new BuildCache(Type.S3, List.of(), location);
  }

  public Type type() {
    return type;
  }

  public List<LocalMode> modes() {
    return modes;
  }

  public Optional<String> location() {
    return Optional.ofNullable(location);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof BuildCache o
        && type.equals(o.type)
        && modes.equals(o.modes)
        && Objects.equals(location, o.location);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, modes, location);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("BuildCache")
        .add("type", type)
        .add("modes", modes)
        .add("location", location)
        .build();
  }
}
