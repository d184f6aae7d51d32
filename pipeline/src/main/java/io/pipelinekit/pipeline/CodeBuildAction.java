package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@link CodeBuildProject} as a Build (or Test) action: 1–5 input artifacts (the primary
 * source named when there is more than one), 0–5 outputs, action-level environment variables, and a
 * namespace publishing the buildspec's exported variables.
 */
public final class CodeBuildAction extends ActionBase implements Action {
  private final CodeBuildProject project;
  private final List<String> inputs;
  private final List<String> outputs;
  private final String primarySource;
  private final List<EnvironmentVariable> environmentVariables;
  private final boolean test;
  private final Boolean batchEnabled;

  private CodeBuildAction(Builder b) {
    super(b, "CodeBuildAction");
    String where = Checks.where("CodeBuild action", name());
    this.project =
        Checks.required(b.project, where, "project", "CodeBuildProject.builder()...build()");
    this.inputs = Checks.copy(b.inputs, where, "inputs");
    this.outputs = Checks.copy(b.outputs, where, "outputs");
    this.primarySource = b.primarySource;
    this.environmentVariables = Checks.copy(b.environmentVariables, where, "environmentVariables");
    this.test = b.test;
    this.batchEnabled = b.batchEnabled;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = copyTo(new Builder());
    b.project = project;
    b.inputs.addAll(inputs);
    b.outputs.addAll(outputs);
    b.primarySource = primarySource;
    b.environmentVariables.addAll(environmentVariables);
    b.test = test;
    b.batchEnabled = batchEnabled;
    return b;
  }

  @Override
  public ActionCategory category() {
    return test ? ActionCategory.TEST : ActionCategory.BUILD;
  }

  @Override
  public String provider() {
    return "CodeBuild";
  }

  public CodeBuildProject project() {
    return project;
  }

  @Override
  public List<String> inputArtifacts() {
    return inputs;
  }

  @Override
  public List<String> outputArtifacts() {
    return outputs;
  }

  public Optional<String> primarySource() {
    return Optional.ofNullable(primarySource);
  }

  /** Variables set for this action only (they override the project's). */
  public List<EnvironmentVariable> environmentVariables() {
    return environmentVariables;
  }

  public Optional<Boolean> batchEnabled() {
    return Optional.ofNullable(batchEnabled);
  }

  @Override
  public Map<String, String> configuration() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("ProjectName", project.name());
    if (primarySource != null) {
      c.put("PrimarySource", primarySource);
    }
    if (!environmentVariables.isEmpty()) {
      c.put("EnvironmentVariables", environmentVariablesJson());
    }
    if (batchEnabled != null) {
      c.put("BatchEnabled", batchEnabled.toString());
    }
    return Collections.unmodifiableMap(c);
  }

  /**
   * The {@code EnvironmentVariables} configuration value: a JSON array, as CodePipeline takes it.
   */
  public String environmentVariablesJson() {
    List<Object> list = new ArrayList<>();
    for (EnvironmentVariable v : environmentVariables) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", v.name());
      m.put("value", v.value());
      m.put("type", v.type().name());
      list.add(m);
    }
    return Json.compact(list);
  }

  @Override
  public Set<String> outputVariables() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(project.exportedVariables()));
  }

  @Override
  public String describe() {
    return "CodeBuild " + project.name();
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof CodeBuildAction o
        && sameBase(o)
        && project.equals(o.project)
        && inputs.equals(o.inputs)
        && outputs.equals(o.outputs)
        && Objects.equals(primarySource, o.primarySource)
        && environmentVariables.equals(o.environmentVariables)
        && test == o.test
        && Objects.equals(batchEnabled, o.batchEnabled);
  }

  @Override
  public int hashCode() {
    return 31 * baseHash()
        + Objects.hash(
            project, inputs, outputs, primarySource, environmentVariables, test, batchEnabled);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return toStringStart("CodeBuildAction")
        .add("project", project)
        .add("inputs", inputs)
        .add("outputs", outputs)
        .add("primarySource", primarySource)
        .add("environmentVariables", environmentVariables)
        .add("test", test)
        .add("batchEnabled", batchEnabled)
        .build();
  }

  /** Builds a {@link CodeBuildAction}. */
  public static final class Builder extends ActionBase.Builder<Builder> {
    private CodeBuildProject project;
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private String primarySource;
    private final List<EnvironmentVariable> environmentVariables = new ArrayList<>();
    private boolean test;
    private Boolean batchEnabled;

    private Builder() {
      super("Build");
    }

    public Builder project(CodeBuildProject project) {
      this.project = project;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder inputs(String... artifacts) {
      Checks.replaceAll(inputs, Arrays.asList(artifacts));
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder outputs(String... artifacts) {
      Checks.replaceAll(outputs, Arrays.asList(artifacts));
      return this;
    }

    public Builder primarySource(String artifact) {
      this.primarySource = artifact;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder environmentVariables(EnvironmentVariable... variables) {
      Checks.replaceAll(environmentVariables, Arrays.asList(variables));
      return this;
    }

    /** A Test action instead of a Build action. */
    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    public Builder batchEnabled(boolean batchEnabled) {
      this.batchEnabled = batchEnabled;
      return this;
    }

    public CodeBuildAction build() {
      return Checks.building(() -> new CodeBuildAction(this));
    }
  }
}
