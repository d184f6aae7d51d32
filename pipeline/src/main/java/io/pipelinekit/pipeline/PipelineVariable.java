package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline-level variable (V2 pipelines), referenced as {@code #{variables.NAME}} and settable
 * when an execution starts.
 */
public final class PipelineVariable {
  private final String name;
  private final String defaultValue;
  private final String description;

  private PipelineVariable(String name, String defaultValue, String description) {
    this.name = Checks.requiredText(name, "PipelineVariable", "name", "\"DeployEnv\"");
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** A variable with a default value. */
  public static PipelineVariable of(String name, String defaultValue) {
    return new PipelineVariable(name, defaultValue, null);
  }

  /** A variable with a default value and a description. */
  public static PipelineVariable of(String name, String defaultValue, String description) {
    return new PipelineVariable(name, defaultValue, description);
  }

  public String name() {
    return name;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof PipelineVariable o
        && name.equals(o.name)
        && Objects.equals(defaultValue, o.defaultValue)
        && Objects.equals(description, o.description);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, defaultValue, description);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("PipelineVariable")
        .add("name", name)
        .add("defaultValue", defaultValue)
        .add("description", description)
        .build();
  }
}
