package io.pipelinekit.pipeline.internal;

import io.pipelinekit.buildspec.Artifacts;
import io.pipelinekit.buildspec.BuildEnv;
import io.pipelinekit.buildspec.BuildSpec;
import io.pipelinekit.buildspec.BuildSpecWriter;
import io.pipelinekit.buildspec.Cache;
import io.pipelinekit.buildspec.Phase;
import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.ToolArtifact;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The buildspec of a CodeBuild project: ECR login with get-login-password, each image built and
 * tagged with the short commit id, then, in post_build and only when the build succeeded, pushes,
 * {@code pipeline image-definitions} and the API publication.
 */
public final class BuildSpecs {
  /** The post_build guard: post_build runs even after a failed build. */
  public static final String GUARD =
      "if [ \"$CODEBUILD_BUILD_SUCCEEDING\" != \"1\" ]; then echo \"build failed: nothing is"
          + " pushed or published\"; exit 1; fi";

  /** The command the generated commands call; the install phase puts it on PATH. */
  static final String TOOL = "pipeline";

  /**
   * The image tag, exported: {@code exported-variables} hands CodePipeline variables that are
   * "available in your container during the build"; an exported shell variable is that in every
   * reading, and later commands' child processes (the tool itself) see it too.
   */
  static final String TAG_COMMAND =
      "export IMAGE_TAG=$(echo \"$CODEBUILD_RESOLVED_SOURCE_VERSION\" | cut -c 1-7)";

  /**
   * Fails pre_build when there is no commit id to tag with (a build started outside the pipeline,
   * or from a source without one), rather than tag and push {@code repo:}.
   */
  static final String TAG_CHECK =
      "if [ -z \"$IMAGE_TAG\" ]; then echo \"CODEBUILD_RESOLVED_SOURCE_VERSION is empty: no"
          + " commit id to tag the images with; start the build from the pipeline\" >&2; exit 1;"
          + " fi";

  /**
   * The first line of the buildspec of a project that runs privileged: says so, for the reader and
   * for {@code buildspec-docker-privileged} (which cannot see the project's settings).
   */
  public static final String PRIVILEGED_NOTE =
      "# privileged mode: the CodeBuild project runs with privilegedMode true (Docker builds)\n";

  private BuildSpecs() {}

  /** The image's repository URI without a tag. */
  public static String repositoryUri(Pipeline pipeline, ContainerImage image) {
    return Arns.registry(
            image.registryAccount().orElse(pipeline.account()),
            image.registryRegion().orElse(pipeline.region()))
        + "/"
        + image.repository();
  }

  /** The tag the policy gives, as a shell word ({@code $IMAGE_TAG} for the commit id). */
  public static String tag(ContainerImage image) {
    return image.tagPolicy().fixedTag().orElse("$IMAGE_TAG");
  }

  /**
   * The project's buildspec; {@code tool} is the command line a Maven repository install pins (may
   * be null when the project installs the tool otherwise).
   *
   * @throws io.pipelinekit.pipeline.DefinitionException when the project installs from a Maven
   *     repository and {@code tool} is null
   */
  public static BuildSpec of(Pipeline pipeline, CodeBuildProject project, ToolArtifact tool) {
    BuildSpec.Builder spec = BuildSpec.builder();
    List<ContainerImage> images = project.images();
    boolean hasImages = !images.isEmpty();

    BuildEnv.Builder env = BuildEnv.builder();
    if (hasImages) {
      env.putVariable("DOCKER_BUILDKIT", "1");
    }
    if (!project.exportedVariables().isEmpty()) {
      env.exportedVariables(project.exportedVariables());
    }
    if (hasImages || !project.exportedVariables().isEmpty()) {
      spec.env(env.build());
    }

    List<String> install = new ArrayList<>();
    Phase.Builder installPhase = Phase.builder();
    if (project.installsTool()) {
      install.addAll(ToolInstalls.commands(project, tool));
      if (ToolInstalls.selectsJava(project)) {
        installPhase.putRuntimeVersion("java", ToolInstalls.JAVA_RUNTIME);
      }
    }
    // An S3 cache, or a local custom cache, keeps the paths the buildspec lists:
    // https://docs.aws.amazon.com/codebuild/latest/userguide/build-caching.html
    if (!project.cachePaths().isEmpty()) {
      // toArray(new String[0]), not String[]::new: a method reference is a lambda class, which the
      // start-up archive holds only if its training run reached it (a definition's cache may not)
      spec.cache(Cache.ofPaths(project.cachePaths().toArray(new String[0])));
    }
    install.addAll(project.installCommands());
    if (!install.isEmpty()) {
      spec.install(installPhase.commands(install).build());
    }

    List<String> preBuild = new ArrayList<>();
    if (hasImages) {
      preBuild.add(TAG_COMMAND);
      preBuild.add(TAG_CHECK);
      Set<String> registries = new LinkedHashSet<>();
      for (ContainerImage image : images) {
        registries.add(
            image.registryRegion().orElse(pipeline.region())
                + " "
                + Arns.registry(
                    image.registryAccount().orElse(pipeline.account()),
                    image.registryRegion().orElse(pipeline.region())));
      }
      for (String r : registries) {
        String region = r.substring(0, r.indexOf(' '));
        String registry = r.substring(r.indexOf(' ') + 1);
        preBuild.add(
            "aws ecr get-login-password --region "
                + region
                + " | docker login --username AWS --password-stdin "
                + registry);
      }
    }
    preBuild.addAll(project.preBuildCommands());
    if (!preBuild.isEmpty()) {
      spec.preBuild(Phase.ofCommands(preBuild.toArray(new String[0])));
    }

    List<String> build = new ArrayList<>(project.buildCommands());
    for (ContainerImage image : images) {
      String uri = repositoryUri(pipeline, image);
      StringBuilder cmd = new StringBuilder("docker build");
      cmd.append(" --file ").append(image.dockerfile());
      cmd.append(" --tag ").append(uri).append(':').append(tag(image));
      for (String extra : image.additionalTags()) {
        cmd.append(" --tag ").append(uri).append(':').append(extra);
      }
      image.target().ifPresent(t -> cmd.append(" --target ").append(t));
      image
          .buildArgs()
          .forEach((k, v) -> cmd.append(" --build-arg ").append(k).append('=').append(v));
      cmd.append(' ').append(image.context());
      build.add(cmd.toString());
    }
    if (!build.isEmpty()) {
      spec.build(Phase.ofCommands(build.toArray(new String[0])));
    }

    List<String> post = new ArrayList<>();
    for (ContainerImage image : images) {
      String uri = repositoryUri(pipeline, image);
      post.add("docker push " + uri + ":" + tag(image));
      for (String extra : image.additionalTags()) {
        post.add("docker push " + uri + ":" + extra);
      }
    }
    if (hasImages) {
      StringBuilder defs =
          new StringBuilder(TOOL)
              .append(" image-definitions -o ")
              .append(project.imageDefinitionsFile());
      for (ContainerImage image : images) {
        defs.append(' ')
            .append(image.containerName())
            .append('=')
            .append(repositoryUri(pipeline, image))
            .append(':')
            .append(tag(image));
      }
      if (images.stream().anyMatch(i -> i.tagPolicy().explicitLatest())) {
        defs.append(" --allow-latest");
      }
      post.add(defs.toString());
    }
    project
        .imageDetailContainer()
        .flatMap(name -> images.stream().filter(i -> i.containerName().equals(name)).findFirst())
        .ifPresent(
            image ->
                post.add(
                    TOOL
                        + " image-definitions --image-detail -o "
                        + CodeBuildProject.IMAGE_DETAIL_FILE
                        + " "
                        + repositoryUri(pipeline, image)
                        + ":"
                        + tag(image)
                        + (image.tagPolicy().explicitLatest() ? " --allow-latest" : "")));
    project.api().ifPresent(api -> post.addAll(apiCommands(api)));
    post.addAll(project.postBuildCommands());
    if (!post.isEmpty()) {
      post.add(0, GUARD);
      spec.postBuild(Phase.ofCommands(post.toArray(new String[0])));
    }

    List<String> files = project.artifactFiles();
    if (!files.isEmpty() || !project.secondaryArtifacts().isEmpty()) {
      Artifacts.Builder artifacts = Artifacts.builder();
      if (!files.isEmpty()) {
        artifacts.files(files);
      } else {
        artifacts.files(project.secondaryArtifacts().values().iterator().next());
      }
      Map<String, Artifacts> secondary = new LinkedHashMap<>();
      project
          .secondaryArtifacts()
          .forEach((id, f) -> secondary.put(id, Artifacts.builder().files(f).build()));
      if (!secondary.isEmpty()) {
        artifacts.secondaryArtifacts(secondary);
      }
      spec.artifacts(artifacts.build());
    }
    return spec.build();
  }

  /**
   * The buildspec's text: {@link #PRIVILEGED_NOTE} first when the project runs privileged, then the
   * YAML {@link BuildSpecWriter} writes.
   */
  public static String yaml(CodeBuildProject project, BuildSpec spec) {
    String yaml = BuildSpecWriter.write(spec);
    return project.privilegedMode() ? PRIVILEGED_NOTE + yaml : yaml;
  }

  /** The API publication's post_build commands: merge the fragments, then deploy-api. */
  static List<String> apiCommands(ApiPublication api) {
    List<String> commands = new ArrayList<>();
    String spec;
    if (api.fragments().size() == 1) {
      spec = api.fragments().get(0);
    } else {
      spec = api.specFile();
      commands.add(TOOL + " merge " + String.join(" ", api.fragments()) + " -o " + spec);
    }
    StringBuilder deploy =
        new StringBuilder(TOOL)
            .append(" deploy-api --rest-api-id ")
            .append(api.restApiId())
            .append(" --stage ")
            .append(api.stage())
            .append(" --spec ")
            .append(spec);
    api.mode().ifPresent(m -> deploy.append(" --mode ").append(m));
    commands.add(deploy.toString());
    return commands;
  }
}
