package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.Objects;

/**
 * A CodeBuild environment variable: a plaintext value, or a reference to Parameter Store or Secrets
 * Manager. Secrets belong in the latter two; plaintext values that look like secrets are rejected
 * when the pipeline is built.
 */
public final class EnvironmentVariable {
  private final String name;
  private final String value;
  private final EnvironmentVariableType type;

  private EnvironmentVariable(String name, String value, EnvironmentVariableType type) {
    this.name = Checks.requiredText(name, "EnvironmentVariable", "name", "\"IMAGE_REPO\"");
    this.value = Checks.required(value, "EnvironmentVariable " + name, "value", "\"...\"");
    this.type = Objects.requireNonNull(type, "type");
  }

  /** A plaintext value (visible in the console: never a secret). */
  public static EnvironmentVariable plaintext(String name, String value) {
    return new EnvironmentVariable(name, value, EnvironmentVariableType.PLAINTEXT);
  }

  /** The value of a Systems Manager Parameter Store parameter, e.g. {@code /service/db-url}. */
  public static EnvironmentVariable parameterStore(String name, String parameterName) {
    return new EnvironmentVariable(name, parameterName, EnvironmentVariableType.PARAMETER_STORE);
  }

  /**
   * The value of a Secrets Manager secret: {@code
   * secret-id[:json-key[:version-stage[:version-id]]]}.
   */
  public static EnvironmentVariable secretsManager(String name, String secretReference) {
    return new EnvironmentVariable(name, secretReference, EnvironmentVariableType.SECRETS_MANAGER);
  }

  public String name() {
    return name;
  }

  /** The value, or the parameter name or secret reference for the other types. */
  public String value() {
    return value;
  }

  public EnvironmentVariableType type() {
    return type;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EnvironmentVariable e
        && name.equals(e.name)
        && value.equals(e.value)
        && type == e.type;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, type);
  }

  /**
   * The variable, SDK v2 style. A plaintext value is never printed (it may be a secret that the
   * pipeline's rules have not rejected yet); a parameter name or secret reference is, as it is only
   * a name.
   */
  @Override
  public String toString() {
    return ToString.builder("EnvironmentVariable")
        .add("name", name)
        .add("type", type)
        .add("value", type == EnvironmentVariableType.PLAINTEXT ? ToString.redacted() : value)
        .build();
  }
}
