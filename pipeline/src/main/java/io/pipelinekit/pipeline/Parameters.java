package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The parameters a {@link PipelineDefinition} is built with ({@code -P name=value} on the command
 * line, {@code <parameters>} of the Maven plugin). A definition reads each with its example
 * default; {@link #checkAllUsed()} then rejects a parameter the definition never asked for, so that
 * a typo does not pass silently.
 */
public final class Parameters {
  private final Map<String, String> values;
  private final Map<String, String> asked = new LinkedHashMap<>();

  private Parameters(Map<String, String> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Parameters of(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    return new Parameters(values);
  }

  public static Parameters none() {
    return new Parameters(Map.of());
  }

  /** The parameter's value, or the default when it was not given. */
  public synchronized String get(String name, String defaultValue) {
    Objects.requireNonNull(name, "name");
    asked.put(name, defaultValue);
    return values.getOrDefault(name, defaultValue);
  }

  /**
   * The parameter's value; a {@link DefinitionException} when it was not given (inside {@link
   * PipelineDefinition#define(PipelineDefinition, Parameters)}: null, the problem reported with
   * every other one the definition has).
   */
  public synchronized String require(String name) {
    asked.put(name, null);
    String value = values.get(name);
    if (value == null) {
      // inside PipelineDefinition.define(definition, parameters) collected with every other
      // problem (and null returned), else thrown
      Checks.problem(requiredMessage(name));
    }
    return value;
  }

  /**
   * How to give a required parameter, for both ways a definition runs: {@code pipeline build -P}
   * (or its parameters file) and the Maven plugin's {@code <parameters>}.
   */
  private static String requiredMessage(String name) {
    return "parameter '"
        + name
        + "' is required; pass it with -P "
        + name
        + "=VALUE (pipeline; or a line in its --parameters file) or <parameters><"
        + name
        + ">VALUE</"
        + name
        + "></parameters> (Maven plugin)";
  }

  /** The parameters given. */
  public Map<String, String> values() {
    return values;
  }

  /** The parameters the definition asked for, with their defaults (null when required). */
  public synchronized Map<String, String> asked() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(asked));
  }

  /** Rejects given parameters the definition never asked for, naming the known ones. */
  public synchronized void checkAllUsed() {
    Set<String> unknown = new LinkedHashSet<>(values.keySet());
    unknown.removeAll(asked.keySet());
    if (!unknown.isEmpty()) {
      throw new DefinitionException(
          "unknown parameter"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + "; the definition takes: "
              + String.join(", ", new TreeSet<>(asked.keySet())));
    }
  }
}
