package io.pipelinekit.aws;

import io.pipelinekit.pipeline.EcsTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsResponse;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.UpdateProjectRequest;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Creates or updates a pipeline's CodeBuild projects and the pipeline itself so AWS matches the
 * definition, idempotently: it reads first ({@code BatchGetProjects}, {@code GetPipeline}) and
 * writes only what differs ({@code CreateProject}/{@code UpdateProject}, then {@code
 * CreatePipeline}/{@code UpdatePipeline}). Before any of that it checks every ECS deploy target
 * ({@code DescribeServices} + {@code DescribeTaskDefinition}): the service exists and its task
 * definition has a container for every image the pipeline writes into {@code
 * imagedefinitions.json}.
 *
 * <p>Pipeline tags are set at creation; {@code UpdatePipeline} does not take tags, so a tag change
 * on an existing pipeline is not applied (tag it with TagResource).
 */
public final class PipelineApplier implements AutoCloseable {
  static final String PROJECT = "CodeBuild project";
  static final String PIPELINE = "CodePipeline pipeline";

  private final CodeBuildClient codeBuild;
  private final CodePipelineClient codePipeline;
  private final EcsClient ecs;

  private PipelineApplier(
      CodeBuildClient codeBuild, CodePipelineClient codePipeline, EcsClient ecs) {
    this.codeBuild = codeBuild;
    this.codePipeline = codePipeline;
    this.ecs = ecs;
  }

  /**
   * Clients from {@code clients} with {@code policy}'s retries, each retry reported to {@code
   * listener}.
   */
  public static PipelineApplier create(
      AwsClients clients, RetryPolicy policy, PublishListener listener) {
    Objects.requireNonNull(clients, "clients");
    Supplier<ClientOverrideConfiguration> config =
        () -> policy.applyTo(ClientOverrideConfiguration.builder(), listener).build();
    return new PipelineApplier(
        clients.codeBuild().overrideConfiguration(config.get()).build(),
        clients.codePipeline().overrideConfiguration(config.get()).build(),
        clients.ecs().overrideConfiguration(config.get()).build());
  }

  /**
   * Checks the ECS targets and compares every resource with AWS; writes nothing.
   *
   * @throws ApplyException when an ECS target is missing or does not match (all problems listed)
   */
  public ApplyPlan plan(PipelineDeclarations declarations) {
    return planned(declarations).plan();
  }

  /** A plan, and the version of the pipeline as AWS has it (null when it does not exist). */
  private record Planned(ApplyPlan plan, Integer pipelineVersion) {}

  private Planned planned(PipelineDeclarations declarations) {
    List<String> checks = checkEcsTargets(declarations.ecsTargets());
    List<ApplyPlan.Change> changes = new ArrayList<>();
    Map<String, Project> existing = existingProjects(declarations);
    for (Map<String, Object> request : declarations.createProjects()) {
      String name = (String) request.get("name");
      SdkTrees.toModel(request, CreateProjectRequest.class); // rejects unknown members early
      Project current = existing.get(name);
      if (current == null) {
        changes.add(new ApplyPlan.Change(PROJECT, name, ApplyPlan.Action.CREATE, List.of()));
      } else {
        List<String> diff = TreeDiff.diff(SdkTrees.prune(request), SdkTrees.toTree(current));
        changes.add(
            new ApplyPlan.Change(
                PROJECT,
                name,
                diff.isEmpty() ? ApplyPlan.Action.UNCHANGED : ApplyPlan.Action.UPDATE,
                diff));
      }
    }
    CreatePipelineRequest desired =
        SdkTrees.toModel(declarations.createPipeline(), CreatePipelineRequest.class);
    String name = desired.pipeline().name();
    Optional<PipelineDeclaration> current = currentPipeline(name);
    if (current.isEmpty()) {
      changes.add(new ApplyPlan.Change(PIPELINE, name, ApplyPlan.Action.CREATE, List.of()));
    } else {
      Map<String, Object> currentTree = new LinkedHashMap<>(SdkTrees.toTree(current.get()));
      currentTree.remove("version");
      Map<String, Object> desiredTree = new LinkedHashMap<>(SdkTrees.toTree(desired.pipeline()));
      desiredTree.remove("version");
      List<String> diff = TreeDiff.diff(desiredTree, currentTree);
      changes.add(
          new ApplyPlan.Change(
              PIPELINE,
              name,
              diff.isEmpty() ? ApplyPlan.Action.UNCHANGED : ApplyPlan.Action.UPDATE,
              diff));
    }
    return new Planned(
        new ApplyPlan(changes, checks), current.map(PipelineDeclaration::version).orElse(null));
  }

  /**
   * {@link #plan}, then the writes it calls for, projects first. With nothing to change, no write
   * call is made.
   */
  public ApplyPlan apply(PipelineDeclarations declarations) {
    Planned planned = planned(declarations);
    ApplyPlan plan = planned.plan();
    List<String> done = new ArrayList<>();
    Map<String, Map<String, Object>> projects = new LinkedHashMap<>();
    declarations.createProjects().forEach(p -> projects.put((String) p.get("name"), p));
    for (ApplyPlan.Change change : plan.changes()) {
      if (change.action() == ApplyPlan.Action.UNCHANGED) {
        continue;
      }
      boolean create = change.action() == ApplyPlan.Action.CREATE;
      if (change.kind().equals(PROJECT)) {
        Map<String, Object> tree = projects.get(change.name());
        if (create) {
          write(
              "CreateProject",
              change,
              done,
              () -> codeBuild.createProject(SdkTrees.toModel(tree, CreateProjectRequest.class)));
        } else {
          write(
              "UpdateProject",
              change,
              done,
              () -> codeBuild.updateProject(updateProjectRequest(tree)));
        }
      } else {
        CreatePipelineRequest request =
            SdkTrees.toModel(declarations.createPipeline(), CreatePipelineRequest.class);
        if (create) {
          write("CreatePipeline", change, done, () -> codePipeline.createPipeline(request));
        } else {
          write(
              "UpdatePipeline",
              change,
              done,
              // The version AWS has: UpdatePipeline then increments it.
              () ->
                  codePipeline.updatePipeline(
                      r ->
                          r.pipeline(
                              request.pipeline().toBuilder()
                                  .version(planned.pipelineVersion())
                                  .build())));
        }
      }
      done.add(change.action().word() + "d " + change.kind() + " '" + change.name() + "'");
    }
    return plan;
  }

  /**
   * The UpdateProject request for a CreateProject tree (same members; tags replace the project's).
   */
  static UpdateProjectRequest updateProjectRequest(Map<String, Object> createProjectTree) {
    return SdkTrees.toModel(createProjectTree, UpdateProjectRequest.class);
  }

  @Override
  public void close() {
    codeBuild.close();
    codePipeline.close();
    ecs.close();
  }

  private static void write(String call, ApplyPlan.Change change, List<String> done, Runnable r) {
    try {
      r.run();
    } catch (SdkException e) {
      throw new ApplyException(
          call
              + " failed for "
              + change.kind()
              + " '"
              + change.name()
              + "': "
              + describe(e)
              + ". Done before the failure: "
              + (done.isEmpty() ? "nothing" : String.join(", ", done))
              + ". Fix the cause and run apply again (it only writes what still differs).",
          e);
    }
  }

  private Map<String, Project> existingProjects(PipelineDeclarations declarations) {
    List<String> names = new ArrayList<>();
    declarations.createProjects().forEach(p -> names.add((String) p.get("name")));
    Map<String, Project> found = new LinkedHashMap<>();
    if (names.isEmpty()) {
      return found;
    }
    BatchGetProjectsResponse response =
        read("BatchGetProjects", () -> codeBuild.batchGetProjects(r -> r.names(names)));
    for (Project p : response.projects()) {
      found.put(p.name(), p);
    }
    return found;
  }

  private Optional<PipelineDeclaration> currentPipeline(String name) {
    try {
      GetPipelineResponse response = codePipeline.getPipeline(r -> r.name(name));
      return Optional.of(response.pipeline());
    } catch (PipelineNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw new ApplyException("GetPipeline failed: " + describe(e) + ". Nothing was changed.", e);
    }
  }

  /** Every ECS deploy target: service exists, task definition has the images' containers. */
  private List<String> checkEcsTargets(List<EcsTarget> targets) {
    List<String> problems = new ArrayList<>();
    List<String> checked = new ArrayList<>();
    for (EcsTarget deploy : targets) {
      String where = "stage '" + deploy.stageName() + "' action '" + deploy.actionName() + "'";
      String target =
          "service '" + deploy.serviceName() + "' in cluster '" + deploy.clusterName() + "'";
      DescribeServicesResponse services;
      try {
        services =
            read(
                "DescribeServices",
                () ->
                    ecs.describeServices(
                        r -> r.cluster(deploy.clusterName()).services(deploy.serviceName())));
      } catch (ApplyException e) {
        if (e.getCause() instanceof ClusterNotFoundException) {
          problems.add(
              where
                  + ": ECS cluster '"
                  + deploy.clusterName()
                  + "' does not exist; create it or fix clusterName");
          continue;
        }
        throw e;
      }
      Service service =
          services.services().stream()
              .filter(s -> deploy.serviceName().equals(s.serviceName()))
              .filter(s -> !"INACTIVE".equals(s.status()))
              .findFirst()
              .orElse(null);
      if (service == null) {
        problems.add(
            where
                + ": ECS "
                + target
                + " does not exist (or is inactive); create the service first or fix serviceName");
        continue;
      }
      String taskDefinition = service.taskDefinition();
      List<ContainerDefinition> containers =
          read(
                  "DescribeTaskDefinition",
                  () -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)))
              .taskDefinition()
              .containerDefinitions();
      Set<String> names = new LinkedHashSet<>();
      containers.forEach(c -> names.add(c.name()));
      for (String image : deploy.containerNames()) {
        if (!names.contains(image)) {
          problems.add(
              where
                  + ": the image definitions would name container '"
                  + image
                  + "', but the task definition "
                  + shortArn(taskDefinition)
                  + " that "
                  + target
                  + " runs has containers "
                  + names
                  + "; the deploy would fail. Rename the image's container to one of these, or"
                  + " add the container to the task definition");
        }
      }
      checked.add(
          "ECS "
              + target
              + ": task definition "
              + shortArn(taskDefinition)
              + " has containers "
              + names);
    }
    if (!problems.isEmpty()) {
      throw new ApplyException(
          (problems.size() == 1 ? "1 ECS target problem" : problems.size() + " ECS target problems")
              + " (nothing was changed):\n  "
              + String.join("\n  ", problems));
    }
    return checked;
  }

  private static String shortArn(String arn) {
    int slash = arn.lastIndexOf('/');
    return "'" + (slash >= 0 ? arn.substring(slash + 1) : arn) + "'";
  }

  private static <T> T read(String call, Supplier<T> s) {
    try {
      return s.get();
    } catch (SdkException e) {
      throw new ApplyException(call + " failed: " + describe(e) + ". Nothing was changed.", e);
    }
  }

  private static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      return aws.awsErrorDetails().errorCode() + ": " + aws.awsErrorDetails().errorMessage();
    }
    return String.valueOf(e.getMessage());
  }
}
