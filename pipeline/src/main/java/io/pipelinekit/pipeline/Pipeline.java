package io.pipelinekit.pipeline;

import io.pipelinekit.core.Finding;
import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.PipelineRules;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CodePipeline pipeline: name, type (V2 by default), execution mode, variables, triggers, the
 * artifact bucket, the role, and its stages. Building one checks CodePipeline's structure rules and
 * the cross-file rules (image names, artifact files, variables) and reports every problem at once
 * in one {@link DefinitionException}.
 *
 * <p>The account and region are where the pipeline lives; ARNs in the synthesized IAM policies are
 * scoped with them.
 */
public final class Pipeline {
  private final String name;
  private final String account;
  private final String region;
  private final String roleArn;
  private final String artifactBucket;
  private final String artifactKmsKeyArn;
  private final boolean roleExists;
  private final boolean artifactBucketExists;
  private final PipelineType pipelineType;
  private final ExecutionMode executionMode;
  private final List<PipelineVariable> variables;
  private final List<Trigger> triggers;
  private final List<Stage> stages;
  private final Map<String, String> tags;

  private Pipeline(Builder b) {
    this.name = Checks.requiredText(b.name, "Pipeline", "name", "\"service\"");
    String where = Checks.where("pipeline", name);
    this.account = Checks.requiredText(b.account, where, "account", "\"111122223333\"");
    this.region = Checks.requiredText(b.region, where, "region", "\"eu-west-1\"");
    this.roleArn =
        Checks.requiredText(b.roleArn, where, "roleArn", "\"arn:aws:iam::ACCOUNT:role/pipeline\"");
    this.artifactBucket =
        Checks.requiredText(b.artifactBucket, where, "artifactBucket", "\"service-artifacts\"");
    this.artifactKmsKeyArn = b.artifactKmsKeyArn;
    this.roleExists = b.roleExists;
    this.artifactBucketExists = b.artifactBucketExists;
    this.pipelineType = Checks.required(b.pipelineType, where, "pipelineType", "PipelineType.V2");
    this.executionMode = b.executionMode;
    this.variables = Checks.copy(b.variables, where, "variables");
    this.triggers = Checks.copy(b.triggers, where, "triggers");
    this.stages = Checks.copy(b.stages, where, "stages");
    this.tags = Checks.copy(b.tags, where, "tags");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.account = account;
    b.region = region;
    b.roleArn = roleArn;
    b.artifactBucket = artifactBucket;
    b.artifactKmsKeyArn = artifactKmsKeyArn;
    b.roleExists = roleExists;
    b.artifactBucketExists = artifactBucketExists;
    b.pipelineType = pipelineType;
    b.executionMode = executionMode;
    b.variables.addAll(variables);
    b.triggers.addAll(triggers);
    b.stages.addAll(stages);
    b.tags.putAll(tags);
    return b;
  }

  public String name() {
    return name;
  }

  /** The AWS account id the pipeline lives in. */
  public String account() {
    return account;
  }

  public String region() {
    return region;
  }

  /** The role CodePipeline assumes (its policy is {@code iam/pipeline-role-policy.json}). */
  public String roleArn() {
    return roleArn;
  }

  /** The S3 bucket for artifacts, in the pipeline's region. */
  public String artifactBucket() {
    return artifactBucket;
  }

  /**
   * A KMS key for the artifacts; empty for the S3-managed default. A key ARN ({@code
   * arn:aws:kms:REGION:ACCOUNT:key/ID}) names a key that already exists; an alias ARN ({@code
   * arn:aws:kms:REGION:ACCOUNT:alias/NAME}) asks {@code cloudformation/bootstrap.template.json} to
   * create a key with that alias.
   */
  public Optional<String> artifactKmsKeyArn() {
    return Optional.ofNullable(artifactKmsKeyArn);
  }

  /**
   * Whether the role already exists ({@link Builder#existingRoleArn}): the bootstrap template then
   * refers to it instead of creating it.
   */
  public boolean roleExists() {
    return roleExists;
  }

  /**
   * Whether the artifact bucket already exists ({@link Builder#existingArtifactBucket}): the
   * bootstrap template then refers to it instead of creating it.
   */
  public boolean artifactBucketExists() {
    return artifactBucketExists;
  }

  public PipelineType pipelineType() {
    return pipelineType;
  }

  /** The execution mode as set; empty for CodePipeline's default (SUPERSEDED). */
  public Optional<ExecutionMode> executionMode() {
    return Optional.ofNullable(executionMode);
  }

  public List<PipelineVariable> variables() {
    return variables;
  }

  public List<Trigger> triggers() {
    return triggers;
  }

  public List<Stage> stages() {
    return stages;
  }

  public Map<String, String> tags() {
    return tags;
  }

  /** Every action, stage by stage. */
  public List<Action> actions() {
    List<Action> all = new ArrayList<>();
    stages.forEach(s -> all.addAll(s.actions()));
    return List.copyOf(all);
  }

  /** The CodeBuild projects the pipeline runs, by name, in the order first used. */
  public List<CodeBuildProject> codeBuildProjects() {
    Map<String, CodeBuildProject> projects = new LinkedHashMap<>();
    for (Action action : actions()) {
      if (action instanceof CodeBuildAction build) {
        projects.putIfAbsent(build.project().name(), build.project());
      }
    }
    return List.copyOf(projects.values());
  }

  /** The stage holding the action, by identity. */
  public Optional<Stage> stageOf(Action action) {
    return stages.stream().filter(s -> s.actions().stream().anyMatch(a -> a == action)).findFirst();
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Pipeline o
        && name.equals(o.name)
        && account.equals(o.account)
        && region.equals(o.region)
        && roleArn.equals(o.roleArn)
        && artifactBucket.equals(o.artifactBucket)
        && Objects.equals(artifactKmsKeyArn, o.artifactKmsKeyArn)
        && roleExists == o.roleExists
        && artifactBucketExists == o.artifactBucketExists
        && pipelineType.equals(o.pipelineType)
        && Objects.equals(executionMode, o.executionMode)
        && variables.equals(o.variables)
        && triggers.equals(o.triggers)
        && stages.equals(o.stages)
        && tags.equals(o.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        account,
        region,
        roleArn,
        artifactBucket,
        artifactKmsKeyArn,
        roleExists,
        artifactBucketExists,
        pipelineType,
        executionMode,
        variables,
        triggers,
        stages,
        tags);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("Pipeline")
        .add("name", name)
        .add("account", account)
        .add("region", region)
        .add("roleArn", roleArn)
        .add("artifactBucket", artifactBucket)
        .add("artifactKmsKeyArn", artifactKmsKeyArn)
        .add("roleExists", roleExists ? true : null)
        .add("artifactBucketExists", artifactBucketExists ? true : null)
        .add("pipelineType", pipelineType)
        .add("executionMode", executionMode)
        .add("variables", variables)
        .add("triggers", triggers)
        .add("stages", stages)
        .add("tags", tags)
        .build();
  }

  /** Builds a {@link Pipeline}; {@link #build()} checks every rule. */
  public static final class Builder {
    private String name;
    private String account;
    private String region;
    private String roleArn;
    private String artifactBucket;
    private String artifactKmsKeyArn;
    private boolean roleExists;
    private boolean artifactBucketExists;
    private PipelineType pipelineType = PipelineType.V2;
    private ExecutionMode executionMode;
    private final List<PipelineVariable> variables = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private final Map<String, String> tags = new LinkedHashMap<>();

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder account(String account) {
      this.account = account;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** The role CodePipeline assumes; the bootstrap template creates it with this name. */
    public Builder roleArn(String roleArn) {
      this.roleArn = roleArn;
      this.roleExists = false;
      return this;
    }

    /** A role that already exists: the bootstrap template refers to it, creates none. */
    public Builder existingRoleArn(String roleArn) {
      this.roleArn = roleArn;
      this.roleExists = true;
      return this;
    }

    /** The artifact bucket; the bootstrap template creates it with this name. */
    public Builder artifactBucket(String bucket) {
      this.artifactBucket = bucket;
      this.artifactBucketExists = false;
      return this;
    }

    /** A bucket that already exists: the bootstrap template refers to it, creates none. */
    public Builder existingArtifactBucket(String bucket) {
      this.artifactBucket = bucket;
      this.artifactBucketExists = true;
      return this;
    }

    public Builder artifactKmsKeyArn(String keyArn) {
      this.artifactKmsKeyArn = keyArn;
      return this;
    }

    public Builder pipelineType(PipelineType type) {
      this.pipelineType = type;
      return this;
    }

    public Builder executionMode(ExecutionMode mode) {
      this.executionMode = mode;
      return this;
    }

    /** Sets the pipeline variables, replacing any set before. */
    public Builder variables(PipelineVariable... variables) {
      return variables(Arrays.asList(variables));
    }

    /** Sets the pipeline variables, replacing any set before. */
    public Builder variables(Collection<PipelineVariable> variables) {
      Checks.replaceAll(this.variables, variables);
      return this;
    }

    /** Adds a pipeline variable after those set so far. */
    public Builder addVariable(PipelineVariable variable) {
      Checks.addAll(this.variables, List.of(variable));
      return this;
    }

    /** Sets the triggers, replacing any set before. */
    public Builder triggers(Trigger... triggers) {
      return triggers(Arrays.asList(triggers));
    }

    /** Sets the triggers, replacing any set before. */
    public Builder triggers(Collection<Trigger> triggers) {
      Checks.replaceAll(this.triggers, triggers);
      return this;
    }

    /** Adds a trigger after those set so far. */
    public Builder addTrigger(Trigger trigger) {
      Checks.addAll(this.triggers, List.of(trigger));
      return this;
    }

    /**
     * Sets the stages, replacing any set before (on a {@link Pipeline#toBuilder()}, the base
     * pipeline's). To change a base pipeline's stages one at a time, use {@link #addStage}, {@link
     * #insertStageBefore}, {@link #insertStageAfter}, {@link #replaceStage} and {@link
     * #removeStage}.
     */
    public Builder stages(Stage... stages) {
      return stages(Arrays.asList(stages));
    }

    /** Sets the stages, replacing any set before. */
    public Builder stages(Collection<Stage> stages) {
      Checks.replaceAll(this.stages, stages);
      return this;
    }

    /** Adds a stage after those set so far. */
    public Builder addStage(Stage stage) {
      Checks.addAll(this.stages, List.of(stage));
      return this;
    }

    /**
     * Adds a stage after those set so far.
     *
     * @deprecated use {@link #addStage(Stage)}, which says what it does.
     */
    @Deprecated
    public Builder stage(Stage stage) {
      return addStage(stage);
    }

    /** Inserts a stage at {@code index} (0 is first; the stage there and after move down). */
    public Builder insertStage(int index, Stage stage) {
      if (index < 0 || index > stages.size()) {
        throw new DefinitionException(
            where()
                + ": cannot insert a stage at position "
                + index
                + "; use 0–"
                + stages.size()
                + " (there are "
                + stages.size()
                + " stages)");
      }
      stages.add(index, Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /** Inserts a stage just before the stage named {@code existing}. */
    public Builder insertStageBefore(String existing, Stage stage) {
      return insertStage(stageIndex(existing), stage);
    }

    /** Inserts a stage just after the stage named {@code existing}. */
    public Builder insertStageAfter(String existing, Stage stage) {
      return insertStage(stageIndex(existing) + 1, stage);
    }

    /** Puts {@code stage} in place of the stage named {@code existing} (its name may differ). */
    public Builder replaceStage(String existing, Stage stage) {
      stages.set(stageIndex(existing), Objects.requireNonNull(stage, "stage"));
      return this;
    }

    /** Removes the stage named {@code existing}. */
    public Builder removeStage(String existing) {
      stages.remove(stageIndex(existing));
      return this;
    }

    private int stageIndex(String name) {
      return Checks.indexOfName(stages, Stage::name, name, where(), "stage");
    }

    private String where() {
      return name == null ? "pipeline" : "pipeline '" + name + "'";
    }

    /** Sets the tags, replacing any set before. */
    public Builder tags(Map<String, String> tags) {
      Map<String, String> copy = new LinkedHashMap<>(Objects.requireNonNull(tags, "tags"));
      this.tags.clear();
      this.tags.putAll(copy);
      return this;
    }

    /** Adds (or changes) one tag. */
    public Builder tag(String key, String value) {
      tags.put(key, value);
      return this;
    }

    /** The pipeline, checked: every rule broken is listed in one {@link DefinitionException}. */
    public Pipeline build() {
      Pipeline pipeline = Checks.building(() -> new Pipeline(this));
      if (Checks.problemsFound()) {
        // inside PipelineDefinition.define(definition, parameters): its settings' problems are
        // reported first, all together; the structure rules once they are fixed
        return pipeline;
      }
      List<Finding> problems = PipelineRules.check(pipeline);
      if (!problems.isEmpty()) {
        throw new DefinitionException(
            "pipeline '"
                + pipeline.name()
                + "' breaks "
                + problems.size()
                + (problems.size() == 1 ? " rule:" : " rules:"),
            problems);
      }
      return pipeline;
    }
  }
}
