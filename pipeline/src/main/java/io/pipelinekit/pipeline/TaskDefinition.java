package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the pipeline knows about the ECS service's task definition, for cross-checks and least
 * privilege: the containers whose images this pipeline builds, the containers whose images it does
 * not touch (sidecars pinned elsewhere), and the task and execution roles the deploy passes.
 */
public final class TaskDefinition {
  private final String family;
  private final List<String> containers;
  private final List<String> otherContainers;
  private final String taskRoleArn;
  private final String executionRoleArn;

  private TaskDefinition(Builder b) {
    this.family = Checks.requiredText(b.family, "TaskDefinition", "family", "\"service\"");
    String where = Checks.where("TaskDefinition", family);
    this.containers = Checks.copy(b.containers, where, "containers");
    this.otherContainers = Checks.copy(b.otherContainers, where, "otherContainers");
    this.taskRoleArn = b.taskRoleArn;
    this.executionRoleArn = b.executionRoleArn;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .family(family)
        .containers(containers)
        .otherContainers(otherContainers)
        .taskRoleArn(taskRoleArn)
        .executionRoleArn(executionRoleArn);
  }

  public String family() {
    return family;
  }

  /** Containers whose images the pipeline builds and deploys (named in imagedefinitions.json). */
  public List<String> containers() {
    return containers;
  }

  /** Containers whose images the pipeline leaves as they are. */
  public List<String> otherContainers() {
    return otherContainers;
  }

  public Optional<String> taskRoleArn() {
    return Optional.ofNullable(taskRoleArn);
  }

  public Optional<String> executionRoleArn() {
    return Optional.ofNullable(executionRoleArn);
  }

  /** The roles a deploy passes to ECS: the task role and the execution role, when set. */
  public List<String> roleArns() {
    List<String> roles = new ArrayList<>();
    taskRoleArn().ifPresent(roles::add);
    executionRoleArn().ifPresent(roles::add);
    return List.copyOf(roles);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof TaskDefinition o
        && family.equals(o.family)
        && containers.equals(o.containers)
        && otherContainers.equals(o.otherContainers)
        && Objects.equals(taskRoleArn, o.taskRoleArn)
        && Objects.equals(executionRoleArn, o.executionRoleArn);
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, containers, otherContainers, taskRoleArn, executionRoleArn);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("TaskDefinition")
        .add("family", family)
        .add("containers", containers)
        .add("otherContainers", otherContainers)
        .add("taskRoleArn", taskRoleArn)
        .add("executionRoleArn", executionRoleArn)
        .build();
  }

  /** Builds a {@link TaskDefinition}. */
  public static final class Builder {
    private String family;
    private final List<String> containers = new ArrayList<>();
    private final List<String> otherContainers = new ArrayList<>();
    private String taskRoleArn;
    private String executionRoleArn;

    private Builder() {}

    public Builder family(String family) {
      this.family = family;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder containers(List<String> names) {
      Checks.replaceAll(containers, names);
      return this;
    }

    public Builder containers(String... names) {
      return containers(Arrays.asList(names));
    }

    /** Sets them, replacing any set before. */
    public Builder otherContainers(List<String> names) {
      Checks.replaceAll(otherContainers, names);
      return this;
    }

    public Builder otherContainers(String... names) {
      return otherContainers(Arrays.asList(names));
    }

    /** Adds a container whose image the pipeline builds, after those set so far. */
    public Builder addContainer(String name) {
      Checks.addAll(containers, List.of(name));
      return this;
    }

    /** Adds a container the pipeline leaves alone, after those set so far. */
    public Builder addOtherContainer(String name) {
      Checks.addAll(otherContainers, List.of(name));
      return this;
    }

    public Builder taskRoleArn(String arn) {
      this.taskRoleArn = arn;
      return this;
    }

    public Builder executionRoleArn(String arn) {
      this.executionRoleArn = arn;
      return this;
    }

    public TaskDefinition build() {
      return Checks.building(() -> new TaskDefinition(this));
    }
  }
}
