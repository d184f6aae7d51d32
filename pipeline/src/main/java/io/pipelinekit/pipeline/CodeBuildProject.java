package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import io.pipelinekit.pipeline.internal.ToolInstalls;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A CodeBuild project run by a pipeline: its environment (image, compute type, privileged mode,
 * variables), logs, cache and timeouts, and what its build does: the container images it builds and
 * pushes, the API it publishes, and any further commands and artifacts. {@code pipeline build}
 * turns it into {@code codebuild-project.json} and {@code buildspec.yaml}.
 */
public final class CodeBuildProject {
  /** The file CodeDeployToECS reads an image from. */
  public static final String IMAGE_DETAIL_FILE = "imageDetail.json";

  /** The exported variable holding the image tag (the short commit id). */
  public static final String IMAGE_TAG_VARIABLE = "IMAGE_TAG";

  private final String name;
  private final String description;
  private final String serviceRoleArn;
  private final boolean serviceRoleExists;
  private final String image;
  private final String computeType;
  private final String environmentType;
  private final Boolean privilegedMode;
  private final List<EnvironmentVariable> environmentVariables;
  private final String logGroupName;
  private final String logStreamName;
  private final BuildCache cache;
  private final int timeoutInMinutes;
  private final int queuedTimeoutInMinutes;
  private final List<ContainerImage> images;
  private final String imageDefinitionsFile;
  private final String imageDetailContainer;
  private final ApiPublication api;
  private final List<String> installCommands;
  private final List<String> preBuildCommands;
  private final List<String> buildCommands;
  private final List<String> postBuildCommands;
  private final List<String> exportedVariables;
  private final List<String> artifactFiles;
  private final Map<String, List<String>> secondaryArtifacts;
  private final ToolInstall toolInstall;
  private final List<String> cachePaths;
  private final BuildBatch batch;

  private CodeBuildProject(Builder b) {
    this.name = Checks.requiredText(b.name, "CodeBuildProject", "name", "\"service-build\"");
    String where = Checks.where("CodeBuild project", name);
    this.description = b.description;
    this.serviceRoleArn =
        Checks.requiredText(
            b.serviceRoleArn,
            where,
            "serviceRoleArn",
            "\"arn:aws:iam::ACCOUNT:role/service-codebuild\"");
    this.serviceRoleExists = b.serviceRoleExists;
    this.image = Checks.requiredText(b.image, where, "image", "\"aws/codebuild/standard:7.0\"");
    this.computeType =
        Checks.requiredText(b.computeType, where, "computeType", "\"BUILD_GENERAL1_SMALL\"");
    this.environmentType =
        Checks.requiredText(b.environmentType, where, "environmentType", "\"LINUX_CONTAINER\"");
    this.privilegedMode = b.privilegedMode;
    this.environmentVariables = Checks.copy(b.environmentVariables, where, "environmentVariables");
    this.logGroupName = b.logGroupName;
    this.logStreamName = b.logStreamName;
    this.images = Checks.copy(b.images, where, "images");
    // Kept as set (null: the default), so that toBuilder() with other images or another name
    // derives the defaults afresh.
    this.cache = b.cache;
    this.timeoutInMinutes = b.timeoutInMinutes;
    this.queuedTimeoutInMinutes = b.queuedTimeoutInMinutes;
    this.imageDefinitionsFile =
        Checks.requiredText(
            b.imageDefinitionsFile, where, "imageDefinitionsFile", "\"imagedefinitions.json\"");
    this.imageDetailContainer = b.imageDetailContainer;
    this.api = b.api;
    this.installCommands = Checks.copy(b.installCommands, where, "installCommands");
    this.preBuildCommands = Checks.copy(b.preBuildCommands, where, "preBuildCommands");
    this.buildCommands = Checks.copy(b.buildCommands, where, "buildCommands");
    this.postBuildCommands = Checks.copy(b.postBuildCommands, where, "postBuildCommands");
    this.exportedVariables = Checks.copy(b.exportedVariables, where, "exportedVariables");
    this.artifactFiles = Checks.copy(b.artifactFiles, where, "artifactFiles");
    Map<String, List<String>> secondary = new LinkedHashMap<>();
    b.secondaryArtifacts.forEach((id, files) -> secondary.put(id, List.copyOf(files)));
    this.secondaryArtifacts = Checks.copy(secondary, where, "secondaryArtifacts");
    // Kept as set (null: the default), so that installsTool() knows whether it was chosen.
    this.toolInstall = b.toolInstall;
    this.cachePaths = Checks.copy(b.cachePaths, where, "cachePaths");
    this.batch = b.batch;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.description = description;
    b.serviceRoleArn = serviceRoleArn;
    b.serviceRoleExists = serviceRoleExists;
    b.image = image;
    b.computeType = computeType;
    b.environmentType = environmentType;
    b.privilegedMode = privilegedMode;
    b.environmentVariables.addAll(environmentVariables);
    b.logGroupName = logGroupName;
    b.logStreamName = logStreamName;
    b.cache = cache;
    b.timeoutInMinutes = timeoutInMinutes;
    b.queuedTimeoutInMinutes = queuedTimeoutInMinutes;
    b.images.addAll(images);
    b.imageDefinitionsFile = imageDefinitionsFile;
    b.imageDetailContainer = imageDetailContainer;
    b.api = api;
    b.installCommands.addAll(installCommands);
    b.preBuildCommands.addAll(preBuildCommands);
    b.buildCommands.addAll(buildCommands);
    b.postBuildCommands.addAll(postBuildCommands);
    b.exportedVariables.addAll(exportedVariables);
    b.artifactFiles.addAll(artifactFiles);
    b.secondaryArtifacts.putAll(secondaryArtifacts);
    b.toolInstall = toolInstall;
    b.cachePaths.addAll(cachePaths);
    b.batch = batch;
    return b;
  }

  public String name() {
    return name;
  }

  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  public String serviceRoleArn() {
    return serviceRoleArn;
  }

  /**
   * Whether the service role already exists ({@link Builder#existingServiceRoleArn}): the bootstrap
   * template then refers to it instead of creating it.
   */
  public boolean serviceRoleExists() {
    return serviceRoleExists;
  }

  /** The build image, e.g. {@code aws/codebuild/amazonlinux-x86_64-standard:5.0}. */
  public String image() {
    return image;
  }

  public String computeType() {
    return computeType;
  }

  public String environmentType() {
    return environmentType;
  }

  /** The privileged mode as set; empty when left to the default (on whenever images are built). */
  public Optional<Boolean> privilegedModeSetting() {
    return Optional.ofNullable(privilegedMode);
  }

  /** Whether the project runs privileged: as set, else whenever it builds images. */
  public boolean privilegedMode() {
    return privilegedMode != null ? privilegedMode : !images.isEmpty();
  }

  public List<EnvironmentVariable> environmentVariables() {
    return environmentVariables;
  }

  /** The CloudWatch Logs group (default {@code /aws/codebuild/<name>}). */
  public String logGroupName() {
    return logGroupName == null ? "/aws/codebuild/" + name : logGroupName;
  }

  public Optional<String> logStreamName() {
    return Optional.ofNullable(logStreamName);
  }

  /**
   * The cache (default: local Docker layer and source cache when images are built, and a local
   * custom cache when the buildspec lists {@link #cachePaths()}: the Maven repository when the tool
   * is built from source, and any set with {@link Builder#cachePaths(String...)}).
   */
  public BuildCache cache() {
    if (cache != null) {
      return cache;
    }
    List<BuildCache.LocalMode> modes = new ArrayList<>();
    if (!images.isEmpty()) {
      modes.add(BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE);
      modes.add(BuildCache.LocalMode.LOCAL_SOURCE_CACHE);
    }
    if (!cachePaths().isEmpty()) {
      // The buildspec's cache paths (the Maven repository) are kept by a local custom cache:
      // https://docs.aws.amazon.com/codebuild/latest/userguide/caching-local.html
      modes.add(BuildCache.LocalMode.LOCAL_CUSTOM_CACHE);
    }
    return modes.isEmpty()
        ? BuildCache.none()
        : BuildCache.local(modes.toArray(BuildCache.LocalMode[]::new));
  }

  /** The paths set with {@link Builder#cachePaths(String...)}. */
  public List<String> extraCachePaths() {
    return cachePaths;
  }

  /**
   * The buildspec's {@code cache: paths}, which an S3 cache or a local custom cache keeps: the
   * Maven repository when the tool is built from source, then those set with {@link
   * Builder#cachePaths(String...)}.
   */
  public List<String> cachePaths() {
    Set<String> all = new LinkedHashSet<>();
    if (installsTool() && toolInstall().kind() == ToolInstall.Kind.FROM_SOURCE) {
      all.add(ToolInstalls.MAVEN_CACHE_PATH);
    }
    all.addAll(cachePaths);
    return List.copyOf(all);
  }

  /**
   * The batch build settings as set; a project run by a {@code batchEnabled(true)} action without
   * them gets {@link #batchSettings()}'s default.
   */
  public Optional<BuildBatch> batch() {
    return Optional.ofNullable(batch);
  }

  /** The batch build settings: as set, else the project's own service role and no limits. */
  public BuildBatch batchSettings() {
    return batch != null ? batch : BuildBatch.builder().serviceRoleArn(serviceRoleArn).build();
  }

  public int timeoutInMinutes() {
    return timeoutInMinutes;
  }

  public int queuedTimeoutInMinutes() {
    return queuedTimeoutInMinutes;
  }

  public List<ContainerImage> images() {
    return images;
  }

  /** The file the build writes with {@code pipeline image-definitions}, when it builds images. */
  public String imageDefinitionsFile() {
    return imageDefinitionsFile;
  }

  /**
   * The container whose image the build also writes to {@value #IMAGE_DETAIL_FILE} (for a
   * CodeDeployToECS blue/green deploy), if any.
   */
  public Optional<String> imageDetailContainer() {
    return Optional.ofNullable(imageDetailContainer);
  }

  public Optional<ApiPublication> api() {
    return Optional.ofNullable(api);
  }

  public List<String> installCommands() {
    return installCommands;
  }

  public List<String> preBuildCommands() {
    return preBuildCommands;
  }

  public List<String> buildCommands() {
    return buildCommands;
  }

  /** Commands run after a successful build (guarded by {@code CODEBUILD_BUILD_SUCCEEDING}). */
  public List<String> postBuildCommands() {
    return postBuildCommands;
  }

  /** Further exported variables the commands set (besides {@value #IMAGE_TAG_VARIABLE}). */
  public List<String> extraExportedVariables() {
    return exportedVariables;
  }

  /** Every exported variable: {@value #IMAGE_TAG_VARIABLE} when images are built, then the rest. */
  public List<String> exportedVariables() {
    Set<String> all = new LinkedHashSet<>();
    if (!images.isEmpty()) {
      all.add(IMAGE_TAG_VARIABLE);
    }
    all.addAll(exportedVariables);
    return List.copyOf(all);
  }

  /** Further files of the primary artifact (besides the image definitions file). */
  public List<String> extraArtifactFiles() {
    return artifactFiles;
  }

  /**
   * The primary artifact's files: the image definitions file when images are built, {@value
   * #IMAGE_DETAIL_FILE} when asked for, the rest.
   */
  public List<String> artifactFiles() {
    Set<String> all = new LinkedHashSet<>();
    if (!images.isEmpty()) {
      all.add(imageDefinitionsFile);
    }
    if (imageDetailContainer != null) {
      all.add(IMAGE_DETAIL_FILE);
    }
    all.addAll(artifactFiles);
    return List.copyOf(all);
  }

  /** Secondary artifacts by identifier (needed when the action has more than one output). */
  public Map<String, List<String>> secondaryArtifacts() {
    return secondaryArtifacts;
  }

  /**
   * How the build gets the {@code pipeline} command (default {@link ToolInstall#mavenCentral()}).
   */
  public ToolInstall toolInstall() {
    return toolInstall == null ? ToolInstall.mavenCentral() : toolInstall;
  }

  /**
   * Whether the buildspec's {@code install} phase installs the tool: when {@link
   * #toolInstall(ToolInstall)} was set, or when the generated commands call {@code pipeline} (the
   * project builds images or publishes an API).
   */
  public boolean installsTool() {
    return toolInstall != null || !images.isEmpty() || api != null || imageDetailContainer != null;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof CodeBuildProject o
        && name.equals(o.name)
        && Objects.equals(description, o.description)
        && serviceRoleArn.equals(o.serviceRoleArn)
        && serviceRoleExists == o.serviceRoleExists
        && image.equals(o.image)
        && computeType.equals(o.computeType)
        && environmentType.equals(o.environmentType)
        && Objects.equals(privilegedMode, o.privilegedMode)
        && environmentVariables.equals(o.environmentVariables)
        && Objects.equals(logGroupName, o.logGroupName)
        && Objects.equals(logStreamName, o.logStreamName)
        && Objects.equals(cache, o.cache)
        && timeoutInMinutes == o.timeoutInMinutes
        && queuedTimeoutInMinutes == o.queuedTimeoutInMinutes
        && images.equals(o.images)
        && imageDefinitionsFile.equals(o.imageDefinitionsFile)
        && Objects.equals(imageDetailContainer, o.imageDetailContainer)
        && Objects.equals(api, o.api)
        && installCommands.equals(o.installCommands)
        && preBuildCommands.equals(o.preBuildCommands)
        && buildCommands.equals(o.buildCommands)
        && postBuildCommands.equals(o.postBuildCommands)
        && exportedVariables.equals(o.exportedVariables)
        && artifactFiles.equals(o.artifactFiles)
        && secondaryArtifacts.equals(o.secondaryArtifacts)
        && Objects.equals(toolInstall, o.toolInstall)
        && cachePaths.equals(o.cachePaths)
        && Objects.equals(batch, o.batch);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        description,
        serviceRoleArn,
        serviceRoleExists,
        image,
        computeType,
        environmentType,
        privilegedMode,
        environmentVariables,
        logGroupName,
        logStreamName,
        cache,
        timeoutInMinutes,
        queuedTimeoutInMinutes,
        images,
        imageDefinitionsFile,
        imageDetailContainer,
        api,
        installCommands,
        preBuildCommands,
        buildCommands,
        postBuildCommands,
        exportedVariables,
        artifactFiles,
        secondaryArtifacts,
        toolInstall,
        cachePaths,
        batch);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("CodeBuildProject")
        .add("name", name)
        .add("description", description)
        .add("serviceRoleArn", serviceRoleArn)
        .add("serviceRoleExists", serviceRoleExists ? true : null)
        .add("image", image)
        .add("computeType", computeType)
        .add("environmentType", environmentType)
        .add("privilegedMode", privilegedMode)
        .add("environmentVariables", environmentVariables)
        .add("logGroupName", logGroupName)
        .add("logStreamName", logStreamName)
        .add("cache", cache)
        .add("timeoutInMinutes", timeoutInMinutes)
        .add("queuedTimeoutInMinutes", queuedTimeoutInMinutes)
        .add("images", images)
        .add("imageDefinitionsFile", imageDefinitionsFile)
        .add("imageDetailContainer", imageDetailContainer)
        .add("api", api)
        .add("installCommands", installCommands)
        .add("preBuildCommands", preBuildCommands)
        .add("buildCommands", buildCommands)
        .add("postBuildCommands", postBuildCommands)
        .add("exportedVariables", exportedVariables)
        .add("artifactFiles", artifactFiles)
        .add("secondaryArtifacts", secondaryArtifacts)
        .add("toolInstall", toolInstall)
        .add("cachePaths", cachePaths.isEmpty() ? null : cachePaths)
        .add("batch", batch)
        .build();
  }

  /** Builds a {@link CodeBuildProject}. */
  public static final class Builder {
    private String name;
    private String description;
    private String serviceRoleArn;
    private boolean serviceRoleExists;
    private String image = "aws/codebuild/amazonlinux-x86_64-standard:5.0";
    private String computeType = "BUILD_GENERAL1_SMALL";
    private String environmentType = "LINUX_CONTAINER";
    private Boolean privilegedMode;
    private final List<EnvironmentVariable> environmentVariables = new ArrayList<>();
    private String logGroupName;
    private String logStreamName;
    private BuildCache cache;
    private int timeoutInMinutes = 60;
    private int queuedTimeoutInMinutes = 480;
    private final List<ContainerImage> images = new ArrayList<>();
    private String imageDefinitionsFile = "imagedefinitions.json";
    private String imageDetailContainer;
    private ApiPublication api;
    private final List<String> installCommands = new ArrayList<>();
    private final List<String> preBuildCommands = new ArrayList<>();
    private final List<String> buildCommands = new ArrayList<>();
    private final List<String> postBuildCommands = new ArrayList<>();
    private final List<String> exportedVariables = new ArrayList<>();
    private final List<String> artifactFiles = new ArrayList<>();
    private final Map<String, List<String>> secondaryArtifacts = new LinkedHashMap<>();
    private ToolInstall toolInstall;
    private final List<String> cachePaths = new ArrayList<>();
    private BuildBatch batch;

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /** The role CodeBuild assumes; the bootstrap template creates it with this name. */
    public Builder serviceRoleArn(String serviceRoleArn) {
      this.serviceRoleArn = serviceRoleArn;
      this.serviceRoleExists = false;
      return this;
    }

    /** A service role that already exists: the bootstrap template refers to it, creates none. */
    public Builder existingServiceRoleArn(String serviceRoleArn) {
      this.serviceRoleArn = serviceRoleArn;
      this.serviceRoleExists = true;
      return this;
    }

    public Builder image(String image) {
      this.image = image;
      return this;
    }

    public Builder computeType(String computeType) {
      this.computeType = computeType;
      return this;
    }

    public Builder environmentType(String environmentType) {
      this.environmentType = environmentType;
      return this;
    }

    public Builder privilegedMode(boolean privilegedMode) {
      this.privilegedMode = privilegedMode;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder environmentVariables(EnvironmentVariable... variables) {
      Checks.replaceAll(environmentVariables, Arrays.asList(variables));
      return this;
    }

    /** Adds an environment variable after those set so far. */
    public Builder addEnvironmentVariable(EnvironmentVariable variable) {
      Checks.addAll(environmentVariables, List.of(variable));
      return this;
    }

    public Builder logGroupName(String logGroupName) {
      this.logGroupName = logGroupName;
      return this;
    }

    public Builder logStreamName(String logStreamName) {
      this.logStreamName = logStreamName;
      return this;
    }

    public Builder cache(BuildCache cache) {
      this.cache = cache;
      return this;
    }

    public Builder timeoutInMinutes(int minutes) {
      this.timeoutInMinutes = minutes;
      return this;
    }

    public Builder queuedTimeoutInMinutes(int minutes) {
      this.queuedTimeoutInMinutes = minutes;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder images(ContainerImage... images) {
      return images(Arrays.asList(images));
    }

    /** Sets the images, replacing any set before. */
    public Builder images(List<ContainerImage> images) {
      Checks.replaceAll(this.images, images);
      return this;
    }

    /** Adds an image after those set so far. */
    public Builder addImage(ContainerImage image) {
      Checks.addAll(this.images, List.of(image));
      return this;
    }

    /** Puts {@code image} in place of the image for the container {@code containerName}. */
    public Builder replaceImage(String containerName, ContainerImage image) {
      String where = name == null ? "CodeBuild project" : "CodeBuild project '" + name + "'";
      int i =
          Checks.indexOfName(
              images, ContainerImage::containerName, containerName, where, "image for container");
      images.set(i, java.util.Objects.requireNonNull(image, "image"));
      return this;
    }

    public Builder imageDefinitionsFile(String file) {
      this.imageDefinitionsFile = file;
      return this;
    }

    /** Also writes {@value #IMAGE_DETAIL_FILE} with this container's image, for blue/green. */
    public Builder imageDetail(String containerName) {
      this.imageDetailContainer = containerName;
      return this;
    }

    public Builder api(ApiPublication api) {
      this.api = api;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder installCommands(String... commands) {
      Checks.replaceAll(installCommands, Arrays.asList(commands));
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder preBuildCommands(String... commands) {
      Checks.replaceAll(preBuildCommands, Arrays.asList(commands));
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder buildCommands(String... commands) {
      Checks.replaceAll(buildCommands, Arrays.asList(commands));
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder postBuildCommands(String... commands) {
      Checks.replaceAll(postBuildCommands, Arrays.asList(commands));
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder exportedVariables(String... names) {
      Checks.replaceAll(exportedVariables, Arrays.asList(names));
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder artifactFiles(String... files) {
      Checks.replaceAll(artifactFiles, Arrays.asList(files));
      return this;
    }

    public Builder secondaryArtifact(String identifier, String... files) {
      secondaryArtifacts.put(identifier, List.of(files));
      return this;
    }

    /**
     * How the build gets the {@code pipeline} command its buildspec calls; default {@link
     * ToolInstall#mavenCentral()} (the exact version that ran {@code pipeline build}). Setting it
     * also installs the tool when only your own commands call {@code pipeline}.
     */
    public Builder toolInstall(ToolInstall toolInstall) {
      this.toolInstall = java.util.Objects.requireNonNull(toolInstall, "toolInstall");
      return this;
    }

    /**
     * Paths the buildspec's {@code cache: paths} lists, e.g. {@code "/root/.npm/**}{@code /*"}; an
     * S3 cache or a local custom cache (the default when any are set) keeps them between builds.
     * Sets them, replacing any set before.
     */
    public Builder cachePaths(String... paths) {
      Checks.replaceAll(cachePaths, Arrays.asList(paths));
      return this;
    }

    /**
     * Batch build settings (CreateProject's {@code buildBatchConfig}), for a project run by a
     * {@code batchEnabled(true)} action; without them such a project gets its own service role as
     * the batch role.
     */
    public Builder batch(BuildBatch batch) {
      this.batch = java.util.Objects.requireNonNull(batch, "batch");
      return this;
    }

    public CodeBuildProject build() {
      return Checks.building(() -> new CodeBuildProject(this));
    }
  }
}
