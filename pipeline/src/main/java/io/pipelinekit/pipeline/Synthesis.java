package io.pipelinekit.pipeline;

import io.pipelinekit.buildspec.BuildSpec;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.pipeline.internal.BatchPolicies;
import io.pipelinekit.pipeline.internal.BuildSpecs;
import io.pipelinekit.pipeline.internal.Declarations;
import io.pipelinekit.pipeline.internal.FragmentMerge;
import io.pipelinekit.pipeline.internal.Graphs;
import io.pipelinekit.pipeline.internal.Json;
import io.pipelinekit.pipeline.internal.Policies;
import io.pipelinekit.pipeline.internal.Templates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Every file AWS needs for a {@link Pipeline}, as text: {@code buildspec.yaml}, {@code
 * pipeline.json} (the CreatePipeline input), {@code codebuild-project.json} (the CreateProject
 * input), the IAM policies, the CloudFormation templates {@value #BOOTSTRAP_TEMPLATE} and {@value
 * #PIPELINE_TEMPLATE}, {@code pipeline.mmd} and, when the pipeline publishes an API, the merged
 * {@code openapi.yaml}. The same pipeline gives the same bytes.
 *
 * <p>With one CodeBuild project the files are named as above; with several, the project's name is
 * added ({@code buildspec-<project>.yaml}, {@code codebuild-project-<project>.json}, {@code
 * iam/codebuild-role-policy-<project>.json}).
 */
public final class Synthesis {
  /**
   * What a pipeline needs before it can exist: its roles (trust and permission policies), the
   * artifact bucket, ECR repositories, log groups and, where asked for, a KMS key. Deploy it first.
   */
  public static final String BOOTSTRAP_TEMPLATE = "cloudformation/bootstrap.template.json";

  /**
   * The CodeBuild project(s) and the pipeline, taking the bootstrap stack's outputs as parameters.
   */
  public static final String PIPELINE_TEMPLATE = "cloudformation/pipeline.template.json";

  private final Pipeline pipeline;
  private final Map<String, String> files;
  private final String createPipelineJson;
  private final Map<String, String> createProjectJson;
  private final Map<String, BuildSpec> buildSpecs;
  private final List<String> warnings = new ArrayList<>();

  private Synthesis(Pipeline pipeline, Path sourceRoot, ToolArtifact tool) {
    this.pipeline = pipeline;
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> projects = new LinkedHashMap<>();
    Map<String, BuildSpec> specs = new LinkedHashMap<>();
    Map<String, Map<String, Object>> projectRequests = new LinkedHashMap<>();
    List<CodeBuildProject> all = pipeline.codeBuildProjects();
    boolean single = all.size() == 1;
    for (CodeBuildProject project : all) {
      String suffix = single ? "" : "-" + project.name();
      BuildSpec spec = BuildSpecs.of(pipeline, project, tool);
      specs.put(project.name(), spec);
      snapshotFromCentral(project, tool);
      String yaml = BuildSpecs.yaml(project, spec);
      out.put("buildspec" + suffix + ".yaml", yaml);
      Map<String, Object> projectRequest = Declarations.createProject(pipeline, project, yaml);
      projectRequests.put(project.name(), projectRequest);
      String projectJson = Json.pretty(projectRequest);
      projects.put(project.name(), projectJson);
      out.put("codebuild-project" + suffix + ".json", projectJson);
    }
    Map<String, Object> pipelineRequest = Declarations.createPipeline(pipeline);
    this.createPipelineJson = Json.pretty(pipelineRequest);
    out.put("pipeline.json", createPipelineJson);
    for (CodeBuildProject project : all) {
      String suffix = single ? "" : "-" + project.name();
      out.put(
          "iam/codebuild-role-policy" + suffix + ".json",
          Json.pretty(Policies.codeBuildRole(pipeline, project)));
    }
    for (CodeBuildProject project : all) {
      if (Declarations.runsBatch(pipeline, project)) {
        String suffix = single ? "" : "-" + project.name();
        out.put(
            "iam/codebuild-batch-role-policy" + suffix + ".json",
            Json.pretty(BatchPolicies.batchRole(pipeline, project)));
        if (project.batchSettings().serviceRoleArn().equals(project.serviceRoleArn())) {
          warnings.add(
              "CodeBuild project '"
                  + project.name()
                  + "': batch builds run with the project's own service role, so its builds may"
                  + " start more builds; AWS advises a role of its own:"
                  + " .batch(BuildBatch.builder().serviceRoleArn(...).build())"
                  + " (https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build.html)");
        }
      }
    }
    out.put("iam/pipeline-role-policy.json", Json.pretty(Policies.pipelineRole(pipeline)));
    unmodelledBlueGreenTaskDefinitions(pipeline);
    out.put(BOOTSTRAP_TEMPLATE, Json.pretty(Templates.bootstrap(pipeline)));
    out.put(
        PIPELINE_TEMPLATE,
        Json.pretty(Templates.pipeline(pipeline, pipelineRequest, projectRequests)));
    out.put("pipeline.mmd", Graphs.mermaid(pipeline));
    if (sourceRoot != null) {
      blueGreenTemplates(pipeline, sourceRoot);
      for (CodeBuildProject project : all) {
        for (ContainerImage image : project.images()) {
          String where =
              "CodeBuild project '" + project.name() + "' image '" + image.containerName() + "'";
          if (!Files.isRegularFile(sourceRoot.resolve(image.dockerfile()))) {
            warnings.add(
                where
                    + ": Dockerfile "
                    + image.dockerfile()
                    + " is not in the source root; the build will fail unless it is committed");
          }
          if (!Files.isDirectory(sourceRoot.resolve(image.context()))) {
            warnings.add(
                where
                    + ": build context "
                    + image.context()
                    + " is not a folder in the source root");
          }
        }
        if (project.api().isPresent()) {
          ApiPublication api = project.api().get();
          String name = api.specFile();
          if (out.containsKey(name)) {
            name = project.name() + "-" + name;
          }
          out.put(name, mergedApi(sourceRoot, project, api));
        }
      }
    }
    this.files = Collections.unmodifiableMap(out);
    this.createProjectJson = Collections.unmodifiableMap(projects);
    this.buildSpecs = Collections.unmodifiableMap(specs);
  }

  /** Maven Central's hosts: {@link ToolInstall#MAVEN_CENTRAL} and the Apache-named one. */
  private static final List<String> CENTRAL_HOSTS =
      List.of("https://repo1.maven.org/", "https://repo.maven.apache.org/");

  /**
   * Warns when a project installs a {@code -SNAPSHOT} tool from Maven Central: Central never holds
   * snapshots (Sonatype publishes them to a separate repository, under timestamped names, and
   * removes them after 90 days: https://central.sonatype.org/publish/publish-portal-snapshots/,
   * https://central.sonatype.org/faq/snapshot-releases/), so the URL the install phase fetches
   * cannot exist and the build would fail in {@code install}.
   */
  private void snapshotFromCentral(CodeBuildProject project, ToolArtifact tool) {
    if (tool == null
        || !tool.version().endsWith("-SNAPSHOT")
        || !project.installsTool()
        || project.toolInstall().kind() != ToolInstall.Kind.MAVEN_REPOSITORY) {
      return;
    }
    String url = project.toolInstall().repositoryUrl().orElseThrow();
    if (CENTRAL_HOSTS.stream().noneMatch(host -> (url + "/").startsWith(host))) {
      return;
    }
    warnings.add(
        "CodeBuild project '"
            + project.name()
            + "' installs pipeline "
            + tool.version()
            + " from Maven Central ("
            + url
            + "), which never holds snapshot versions, so the install phase will fail to"
            + " download "
            + tool.fileName()
            + "; pin a released version (pipeline build --tool-version VERSION --tool-sha256"
            + " HASH), or install from a repository that holds this jar under that name:"
            + " ToolInstall.mavenRepository(URL) (-P toolRepository=URL where the definition"
            + " reads it, as the bundled service's does), ToolInstall.s3(bucket, key, sha256) or"
            + " ToolInstall.onImage()");
  }

  /**
   * Warns when a CodeDeployToECS action does not model its task definition: the action registers
   * the artifact's {@code taskdef.json}, which passes its task and execution roles to ECS, so the
   * pipeline role may pass any role of the account to ECS tasks ({@code docs/iam.md}).
   */
  private void unmodelledBlueGreenTaskDefinitions(Pipeline pipeline) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof CodeDeployToEcsAction deploy && deploy.taskDefinition().isEmpty()) {
          warnings.add(
              "stage '"
                  + stage.name()
                  + "' action '"
                  + deploy.name()
                  + "': the task definition is not modelled, so the pipeline role may pass any"
                  + " role of account "
                  + pipeline.account()
                  + " to ECS tasks (iam:PassRole) and register any task definition family;"
                  + " model it with .taskDefinition(TaskDefinition.builder().family(...)"
                  + ".taskRoleArn(...).executionRoleArn(...).build()) to limit both to its own");
        }
      }
    }
  }

  /**
   * Warns when a CodeDeployToECS action's task definition or AppSpec template is not in the source
   * root: CodeDeploy reads them from the artifact at deploy time, long after the build ("checked
   * before AWS"). A template in the source action's artifact must be committed; one in a build's
   * artifact must be committed or written by the build.
   */
  private void blueGreenTemplates(Pipeline pipeline, Path sourceRoot) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof CodeDeployToEcsAction deploy)) {
          continue;
        }
        Map<String, String> c = deploy.configuration();
        String[][] templates = {
          {
            "task definition template",
            "TaskDefinitionTemplateArtifact",
            "TaskDefinitionTemplatePath"
          },
          {"AppSpec template", "AppSpecTemplateArtifact", "AppSpecTemplatePath"}
        };
        for (String[] t : templates) {
          String artifact = c.get(t[1]);
          String path = c.get(t[2]);
          if (artifact == null || path == null || path.isBlank()) {
            continue;
          }
          Path file = sourceRoot.resolve(path).normalize();
          if (Files.isRegularFile(file)) {
            continue;
          }
          Action producer = null;
          for (Action a : pipeline.actions()) {
            if (a.outputArtifacts().contains(artifact)) {
              producer = a;
            }
          }
          String where =
              "stage '" + stage.name() + "' action '" + deploy.name() + "': " + t[0] + " " + path;
          if (producer instanceof CodeBuildAction build) {
            warnings.add(
                where
                    + " (artifact "
                    + artifact
                    + ") is not in the source root; unless CodeBuild project '"
                    + build.project().name()
                    + "' writes it, the blue/green deployment fails");
          } else {
            warnings.add(
                where
                    + " (artifact "
                    + artifact
                    + ") is not in the source root; commit it, or the blue/green deployment"
                    + " fails");
          }
        }
      }
    }
  }

  /**
   * The files, without the merged API document (no file is read) and without a {@link
   * ToolArtifact}: fine unless a project installs the tool from a Maven repository.
   *
   * @throws DefinitionException when a project installs the tool from a Maven repository (the
   *     default); use {@link #of(Pipeline, ToolArtifact)}
   */
  public static Synthesis of(Pipeline pipeline) {
    return new Synthesis(pipeline, null, null);
  }

  /**
   * The files, without the merged API document (no file is read); the buildspecs install {@code
   * tool} where a project installs the tool from a Maven repository.
   */
  public static Synthesis of(Pipeline pipeline, ToolArtifact tool) {
    return new Synthesis(pipeline, null, Objects.requireNonNull(tool, "tool"));
  }

  /**
   * The files, with each published API's fragments read from {@code sourceRoot} and merged. A
   * fragment must be inside {@code sourceRoot} (symbolic links included).
   *
   * @throws DefinitionException when a fragment is missing or outside the source root
   * @throws io.pipelinekit.apispec.ApiSpecException when fragments are invalid or conflict
   */
  public static Synthesis of(Pipeline pipeline, Path sourceRoot) {
    return new Synthesis(pipeline, sourceRoot, null);
  }

  /**
   * The files, with each published API's fragments read from {@code sourceRoot} and merged, and
   * every buildspec that installs the tool from a Maven repository pinned to {@code tool}: that
   * version, checked against its SHA-256 in the {@code install} phase. {@code pipeline build} and
   * the Maven plugin pass the command line they run with.
   *
   * @throws DefinitionException when a fragment is missing or outside the source root
   * @throws io.pipelinekit.apispec.ApiSpecException when fragments are invalid or conflict
   */
  public static Synthesis of(Pipeline pipeline, Path sourceRoot, ToolArtifact tool) {
    return new Synthesis(
        pipeline,
        Objects.requireNonNull(sourceRoot, "sourceRoot"),
        Objects.requireNonNull(tool, "tool"));
  }

  private static String mergedApi(Path sourceRoot, CodeBuildProject project, ApiPublication api) {
    Path root;
    try {
      root = sourceRoot.toRealPath();
    } catch (IOException e) {
      throw new DefinitionException(
          "source root " + sourceRoot + " cannot be read: " + FileProblems.describe(e), e);
    }
    List<Path> fragments = new ArrayList<>();
    for (String fragment : api.fragments()) {
      String where =
          "CodeBuild project '"
              + project.name()
              + "' API "
              + api.restApiId()
              + ": fragment '"
              + fragment
              + "'";
      Path path = root.resolve(fragment).normalize();
      if (!path.startsWith(root)) {
        throw new DefinitionException(where + " is outside the source root " + root);
      }
      if (!Files.isRegularFile(path)) {
        throw new DefinitionException(
            where + " does not exist under " + root + "; fix the path or pass --source-root");
      }
      try {
        if (!path.toRealPath().startsWith(root)) {
          throw new DefinitionException(
              where + " links to a file outside the source root " + root + "; copy it in instead");
        }
      } catch (IOException e) {
        throw new DefinitionException(where + " cannot be read: " + FileProblems.describe(e), e);
      }
      if (Files.isSymbolicLink(path) && !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        throw new DefinitionException(where + " is a dangling link");
      }
      fragments.add(path);
    }
    return FragmentMerge.merge(fragments);
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** Every file, by path relative to the output folder, in a fixed order. */
  public Map<String, String> files() {
    return files;
  }

  /** The CreatePipeline request as JSON ({@code pipeline.json}). */
  public String createPipelineJson() {
    return createPipelineJson;
  }

  /** Each project's CreateProject request as JSON, by project name. */
  public Map<String, String> createProjectJson() {
    return createProjectJson;
  }

  /** Each project's buildspec model, by project name. */
  public Map<String, BuildSpec> buildSpecs() {
    return buildSpecs;
  }

  /** The ECS services the pipeline deploys to, with the container names it sets images for. */
  public List<EcsTarget> ecsTargets() {
    List<EcsTarget> targets = new ArrayList<>();
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof EcsDeployAction ecs) {
          List<String> names = new ArrayList<>();
          for (Action producer : pipeline.actions()) {
            if (producer instanceof CodeBuildAction build
                && build.outputArtifacts().contains(ecs.input())) {
              build.project().images().forEach(i -> names.add(i.containerName()));
            }
          }
          targets.add(
              new EcsTarget(stage.name(), ecs.name(), ecs.clusterName(), ecs.serviceName(), names));
        }
      }
    }
    return List.copyOf(targets);
  }

  /** The container names of every image the pipeline builds, in order. */
  public List<String> containerNames() {
    Set<String> names = new LinkedHashSet<>();
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      project.images().forEach(i -> names.add(i.containerName()));
    }
    return List.copyOf(names);
  }

  /** The merged API document, when the pipeline publishes one and it was merged. */
  public Optional<String> openApi() {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isPresent() && files.containsKey(project.api().get().specFile())) {
        return Optional.of(files.get(project.api().get().specFile()));
      }
    }
    return Optional.empty();
  }

  /** Things worth a look that do not stop the build, e.g. a Dockerfile not (yet) in the source. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** A short description of the pipeline, one line per stage. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "pipeline "
            + pipeline.name()
            + " ("
            + pipeline.pipelineType()
            + ", "
            + pipeline.region()
            + "): "
            + pipeline.stages().size()
            + " stages, "
            + pipeline.actions().size()
            + " actions");
    for (Stage stage : pipeline.stages()) {
      List<String> actions = new ArrayList<>();
      for (Action action : stage.actions()) {
        String text = action.name() + " (" + action.describe() + ")";
        if (action instanceof CodeBuildAction build && !build.project().images().isEmpty()) {
          List<String> images = new ArrayList<>();
          build.project().images().forEach(i -> images.add(i.containerName()));
          text += " images " + String.join(", ", images);
        }
        actions.add(text);
      }
      lines.add("  " + stage.name() + ": " + String.join("; ", actions));
    }
    return lines;
  }
}
