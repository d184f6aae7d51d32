package io.pipelinekit.aws;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@link RestApiPublisher#publish} publishes and how: the REST API and stage, the OpenAPI
 * file, the import mode (overwrite by default, unlike AWS's merge), whether import warnings fail,
 * import parameters, stage variables, and the commit the document came from.
 */
public final class PublishOptions {
  /** How PutRestApi combines the document with the API's current definition. */
  public enum Mode {
    /** Replace the API's definition with the document (stale resources go away). */
    OVERWRITE,
    /** Add the document to the current definition (what the document omits stays). */
    MERGE;

    /** The spelling API Gateway expects ({@code overwrite}, {@code merge}). */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

  private final String restApiId;
  private final String stageName;
  private final Path spec;
  private final Mode mode;
  private final boolean failOnWarnings;
  private final Map<String, String> parameters;
  private final Map<String, String> variables;
  private final String stageDescription;
  private final String commitId;
  private final boolean force;
  private final boolean allowBreaking;

  private PublishOptions(Builder b) {
    this.restApiId = requireText(b.restApiId, "restApiId");
    this.stageName = requireText(b.stageName, "stageName");
    if (!STAGE_NAME.matcher(stageName).matches()) {
      throw new IllegalArgumentException(
          "stage name '" + stageName + "' must be 1-128 letters, digits, '_' or '-'");
    }
    this.spec = Objects.requireNonNull(b.spec, "spec");
    this.mode = Objects.requireNonNull(b.mode, "mode");
    this.failOnWarnings = b.failOnWarnings;
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
    for (String name : b.variables.keySet()) {
      if (!VARIABLE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "stage variable name '" + name + "' must be 1-64 letters, digits or '_'");
      }
    }
    this.variables = Collections.unmodifiableMap(new LinkedHashMap<>(b.variables));
    this.stageDescription = b.stageDescription;
    this.commitId = b.commitId == null || b.commitId.isBlank() ? null : b.commitId.trim();
    this.force = b.force;
    this.allowBreaking = b.allowBreaking;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .restApiId(restApiId)
        .stageName(stageName)
        .spec(spec)
        .mode(mode)
        .failOnWarnings(failOnWarnings)
        .parameters(parameters)
        .variables(variables)
        .stageDescription(stageDescription)
        .commitId(commitId)
        .force(force)
        .allowBreaking(allowBreaking);
  }

  public String restApiId() {
    return restApiId;
  }

  public String stageName() {
    return stageName;
  }

  public Path spec() {
    return spec;
  }

  public Mode mode() {
    return mode;
  }

  public boolean failOnWarnings() {
    return failOnWarnings;
  }

  /** PutRestApi import parameters, e.g. {@code basepath=prepend}, {@code ignore=documentation}. */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** Stage variables set by CreateDeployment. */
  public Map<String, String> variables() {
    return variables;
  }

  public Optional<String> stageDescription() {
    return Optional.ofNullable(stageDescription);
  }

  /**
   * The commit the document was built from (CodeBuild's {@code CODEBUILD_RESOLVED_SOURCE_VERSION}).
   */
  public Optional<String> commitId() {
    return Optional.ofNullable(commitId);
  }

  /** Publish even when the stage already serves this document. */
  public boolean force() {
    return force;
  }

  /**
   * Publish even when the document breaks what the stage serves (its export compared with the
   * document); the changes are still reported.
   */
  public boolean allowBreaking() {
    return allowBreaking;
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  public static final class Builder {
    private String restApiId;
    private String stageName;
    private Path spec;
    private Mode mode = Mode.OVERWRITE;
    private boolean failOnWarnings = true;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private String stageDescription;
    private String commitId;
    private boolean force;
    private boolean allowBreaking;

    private Builder() {}

    public Builder restApiId(String restApiId) {
      this.restApiId = restApiId;
      return this;
    }

    public Builder stageName(String stageName) {
      this.stageName = stageName;
      return this;
    }

    public Builder spec(Path spec) {
      this.spec = spec;
      return this;
    }

    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    public Builder failOnWarnings(boolean failOnWarnings) {
      this.failOnWarnings = failOnWarnings;
      return this;
    }

    public Builder parameters(Map<String, String> parameters) {
      this.parameters.clear();
      this.parameters.putAll(Objects.requireNonNull(parameters, "parameters"));
      return this;
    }

    public Builder parameter(String name, String value) {
      this.parameters.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder variables(Map<String, String> variables) {
      this.variables.clear();
      this.variables.putAll(Objects.requireNonNull(variables, "variables"));
      return this;
    }

    public Builder variable(String name, String value) {
      this.variables.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder stageDescription(String stageDescription) {
      this.stageDescription = stageDescription;
      return this;
    }

    public Builder commitId(String commitId) {
      this.commitId = commitId;
      return this;
    }

    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public Builder allowBreaking(boolean allowBreaking) {
      this.allowBreaking = allowBreaking;
      return this;
    }

    public PublishOptions build() {
      return new PublishOptions(this);
    }
  }
}
