package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image the CodeBuild project builds and pushes to ECR. Its name is the container's
 * name in the ECS task definition (it is what {@code imagedefinitions.json} lists).
 */
public final class ContainerImage {
  private final String containerName;
  private final String repository;
  private final boolean repositoryExists;
  private final String dockerfile;
  private final String context;
  private final ImageTagPolicy tagPolicy;
  private final List<String> additionalTags;
  private final Map<String, String> buildArgs;
  private final String target;
  private final String registryAccount;
  private final String registryRegion;

  private ContainerImage(Builder b) {
    this.containerName =
        Checks.requiredText(b.containerName, "ContainerImage", "containerName", "\"app\"");
    String where = Checks.where("ContainerImage", containerName);
    this.repository = Checks.requiredText(b.repository, where, "repository", "\"service/app\"");
    this.repositoryExists = b.repositoryExists;
    this.dockerfile = Checks.requiredText(b.dockerfile, where, "dockerfile", "\"Dockerfile\"");
    this.context = Checks.requiredText(b.context, where, "context", "\".\"");
    this.tagPolicy = Checks.required(b.tagPolicy, where, "tagPolicy", "ImageTagPolicy.commitId()");
    this.additionalTags = Checks.copy(b.additionalTags, where, "additionalTags");
    this.buildArgs = Checks.copy(b.buildArgs, where, "buildArgs");
    this.target = b.target;
    this.registryAccount = b.registryAccount;
    this.registryRegion = b.registryRegion;
  }

  /** An image for the named container, pushed to the named ECR repository. */
  public static ContainerImage of(String containerName, String repository, String dockerfile) {
    return builder()
        .containerName(containerName)
        .repository(repository)
        .dockerfile(dockerfile)
        .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.containerName = containerName;
    b.repository = repository;
    b.repositoryExists = repositoryExists;
    b.dockerfile = dockerfile;
    b.context = context;
    b.tagPolicy = tagPolicy;
    b.additionalTags.addAll(additionalTags);
    b.buildArgs.putAll(buildArgs);
    b.target = target;
    b.registryAccount = registryAccount;
    b.registryRegion = registryRegion;
    return b;
  }

  /** The container name in the task definition (and in imagedefinitions.json). */
  public String containerName() {
    return containerName;
  }

  /** The ECR repository's name, e.g. {@code service/app}. */
  public String repository() {
    return repository;
  }

  /**
   * Whether the repository already exists ({@link Builder#existingRepository}): the bootstrap
   * template then creates none. A repository in another account or region is never created.
   */
  public boolean repositoryExists() {
    return repositoryExists;
  }

  /** The Dockerfile, relative to the source root. */
  public String dockerfile() {
    return dockerfile;
  }

  /** The build context, relative to the source root (default {@code .}). */
  public String context() {
    return context;
  }

  public ImageTagPolicy tagPolicy() {
    return tagPolicy;
  }

  /** Further tags pushed besides the policy's tag. */
  public List<String> additionalTags() {
    return additionalTags;
  }

  /** {@code --build-arg} values, in order. */
  public Map<String, String> buildArgs() {
    return buildArgs;
  }

  /** The Dockerfile stage to build ({@code --target}). */
  public Optional<String> target() {
    return Optional.ofNullable(target);
  }

  /** The registry's account when it is not the pipeline's. */
  public Optional<String> registryAccount() {
    return Optional.ofNullable(registryAccount);
  }

  /** The registry's region when it is not the pipeline's. */
  public Optional<String> registryRegion() {
    return Optional.ofNullable(registryRegion);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof ContainerImage o
        && containerName.equals(o.containerName)
        && repository.equals(o.repository)
        && repositoryExists == o.repositoryExists
        && dockerfile.equals(o.dockerfile)
        && context.equals(o.context)
        && tagPolicy.equals(o.tagPolicy)
        && additionalTags.equals(o.additionalTags)
        && buildArgs.equals(o.buildArgs)
        && Objects.equals(target, o.target)
        && Objects.equals(registryAccount, o.registryAccount)
        && Objects.equals(registryRegion, o.registryRegion);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        containerName,
        repository,
        repositoryExists,
        dockerfile,
        context,
        tagPolicy,
        additionalTags,
        buildArgs,
        target,
        registryAccount,
        registryRegion);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("ContainerImage")
        .add("containerName", containerName)
        .add("repository", repository)
        .add("repositoryExists", repositoryExists ? true : null)
        .add("dockerfile", dockerfile)
        .add("context", context)
        .add("tagPolicy", tagPolicy)
        .add("additionalTags", additionalTags)
        .add("buildArgs", ToString.redactValues(buildArgs))
        .add("target", target)
        .add("registryAccount", registryAccount)
        .add("registryRegion", registryRegion)
        .build();
  }

  /** Builds a {@link ContainerImage}. */
  public static final class Builder {
    private String containerName;
    private String repository;
    private boolean repositoryExists;
    private String dockerfile = "Dockerfile";
    private String context = ".";
    private ImageTagPolicy tagPolicy = ImageTagPolicy.commitId();
    private final List<String> additionalTags = new ArrayList<>();
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private String target;
    private String registryAccount;
    private String registryRegion;

    private Builder() {}

    public Builder containerName(String containerName) {
      this.containerName = containerName;
      return this;
    }

    /** The ECR repository; the bootstrap template creates it. */
    public Builder repository(String repository) {
      this.repository = repository;
      this.repositoryExists = false;
      return this;
    }

    /** A repository that already exists: the bootstrap template creates none. */
    public Builder existingRepository(String repository) {
      this.repository = repository;
      this.repositoryExists = true;
      return this;
    }

    public Builder dockerfile(String dockerfile) {
      this.dockerfile = dockerfile;
      return this;
    }

    public Builder context(String context) {
      this.context = context;
      return this;
    }

    public Builder tagPolicy(ImageTagPolicy tagPolicy) {
      this.tagPolicy = tagPolicy;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder additionalTags(List<String> tags) {
      Checks.replaceAll(additionalTags, tags);
      return this;
    }

    public Builder buildArg(String name, String value) {
      buildArgs.put(name, value);
      return this;
    }

    public Builder target(String target) {
      this.target = target;
      return this;
    }

    public Builder registryAccount(String account) {
      this.registryAccount = account;
      return this;
    }

    public Builder registryRegion(String region) {
      this.registryRegion = region;
      return this;
    }

    public ContainerImage build() {
      return Checks.building(() -> new ContainerImage(this));
    }
  }
}
