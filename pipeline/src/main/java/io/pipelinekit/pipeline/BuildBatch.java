package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A CodeBuild project's batch build settings (CreateProject's {@code buildBatchConfig}): the role
 * CodeBuild uses to start, stop and retry the batch's builds, and the batch's limits. A project run
 * by a {@code CodeBuildAction.builder().batchEnabled(true)} action needs them; {@code pipeline
 * build} writes them and {@code iam/codebuild-batch-role-policy.json}, the permissions that role
 * needs.
 *
 * <p>AWS: <a
 * href="https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectBuildBatchConfig.html">ProjectBuildBatchConfig</a>,
 * <a href="https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build.html">batch builds'
 * security role</a>.
 */
public final class BuildBatch {
  private final String serviceRoleArn;
  private final boolean serviceRoleExists;
  private final Integer timeoutInMinutes;
  private final Integer maximumBuildsAllowed;
  private final List<String> computeTypesAllowed;
  private final Boolean combineArtifacts;

  private BuildBatch(Builder b) {
    String where = "build batch";
    this.serviceRoleArn =
        Checks.requiredText(
            b.serviceRoleArn,
            where,
            "serviceRoleArn",
            "\"arn:aws:iam::ACCOUNT:role/service-codebuild-batch\"");
    this.serviceRoleExists = b.serviceRoleExists;
    this.timeoutInMinutes = b.timeoutInMinutes;
    this.maximumBuildsAllowed = b.maximumBuildsAllowed;
    this.computeTypesAllowed = Checks.copy(b.computeTypesAllowed, where, "computeTypesAllowed");
    this.combineArtifacts = b.combineArtifacts;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.serviceRoleArn = serviceRoleArn;
    b.serviceRoleExists = serviceRoleExists;
    b.timeoutInMinutes = timeoutInMinutes;
    b.maximumBuildsAllowed = maximumBuildsAllowed;
    b.computeTypesAllowed.addAll(computeTypesAllowed);
    b.combineArtifacts = combineArtifacts;
    return b;
  }

  /**
   * The role CodeBuild assumes to run the batch (it calls StartBuild, StopBuild and RetryBuild on
   * the project). AWS advises a role of its own, not the project's build role.
   */
  public String serviceRoleArn() {
    return serviceRoleArn;
  }

  /**
   * Whether the batch role already exists ({@link Builder#existingServiceRoleArn}): the bootstrap
   * template refers to it and creates none.
   */
  public boolean serviceRoleExists() {
    return serviceRoleExists;
  }

  /** The most minutes the whole batch may take (CodeBuild's default when empty). */
  public Optional<Integer> timeoutInMinutes() {
    return Optional.ofNullable(timeoutInMinutes);
  }

  /** The most builds the batch may start (no limit when empty). */
  public Optional<Integer> maximumBuildsAllowed() {
    return Optional.ofNullable(maximumBuildsAllowed);
  }

  /** The compute types the batch's builds may use (any when empty). */
  public List<String> computeTypesAllowed() {
    return computeTypesAllowed;
  }

  /** Whether the batch's artifacts are combined into one location (CodeBuild's default: no). */
  public Optional<Boolean> combineArtifacts() {
    return Optional.ofNullable(combineArtifacts);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof BuildBatch o
        && serviceRoleArn.equals(o.serviceRoleArn)
        && serviceRoleExists == o.serviceRoleExists
        && Objects.equals(timeoutInMinutes, o.timeoutInMinutes)
        && Objects.equals(maximumBuildsAllowed, o.maximumBuildsAllowed)
        && computeTypesAllowed.equals(o.computeTypesAllowed)
        && Objects.equals(combineArtifacts, o.combineArtifacts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        serviceRoleArn,
        serviceRoleExists,
        timeoutInMinutes,
        maximumBuildsAllowed,
        computeTypesAllowed,
        combineArtifacts);
  }

  /** The settings, SDK v2 style. */
  @Override
  public String toString() {
    return ToString.builder("BuildBatch")
        .add("serviceRoleArn", serviceRoleArn)
        .add("serviceRoleExists", serviceRoleExists ? true : null)
        .add("timeoutInMinutes", timeoutInMinutes)
        .add("maximumBuildsAllowed", maximumBuildsAllowed)
        .add("computeTypesAllowed", computeTypesAllowed.isEmpty() ? null : computeTypesAllowed)
        .add("combineArtifacts", combineArtifacts)
        .build();
  }

  /** Builds a {@link BuildBatch}. */
  public static final class Builder {
    private String serviceRoleArn;
    private boolean serviceRoleExists;
    private Integer timeoutInMinutes;
    private Integer maximumBuildsAllowed;
    private final List<String> computeTypesAllowed = new ArrayList<>();
    private Boolean combineArtifacts;

    private Builder() {}

    /** The batch role; {@code pipeline build}'s bootstrap template creates it. */
    public Builder serviceRoleArn(String serviceRoleArn) {
      this.serviceRoleArn = serviceRoleArn;
      this.serviceRoleExists = false;
      return this;
    }

    /** A batch role that already exists: the bootstrap template refers to it, creates none. */
    public Builder existingServiceRoleArn(String serviceRoleArn) {
      this.serviceRoleArn = serviceRoleArn;
      this.serviceRoleExists = true;
      return this;
    }

    public Builder timeoutInMinutes(int minutes) {
      this.timeoutInMinutes = minutes;
      return this;
    }

    public Builder maximumBuildsAllowed(int builds) {
      this.maximumBuildsAllowed = builds;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder computeTypesAllowed(String... computeTypes) {
      Checks.replaceAll(computeTypesAllowed, Arrays.asList(computeTypes));
      return this;
    }

    public Builder combineArtifacts(boolean combineArtifacts) {
      this.combineArtifacts = combineArtifacts;
      return this;
    }

    public BuildBatch build() {
      return Checks.building(() -> new BuildBatch(this));
    }
  }
}
