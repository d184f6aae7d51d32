package io.pipelinekit.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsResponse;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.UpdateProjectRequest;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.CreatePipelineRequest;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineNotFoundException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Creates or updates a pipeline's CodeBuild projects and the pipeline itself so AWS matches the
 * definition, idempotently. Before anything is written it checks every resource the pipeline refers
 * to ({@link ReferenceChecks}: roles and their trust, artifact bucket, connection, ECR
 * repositories, SNS topics, CodeDeploy application and group, ECS services and containers) and
 * stops, naming each problem, when one is missing. Then it reads the live declarations ({@code
 * BatchGetProjects}, {@code GetPipeline}) and compares them with the whole declarations it would
 * send ({@link TreeDiff}: stages, actions and other named items matched by name; only what {@link
 * LiveOnlyFields} lists is not compared), and writes only what differs ({@code
 * CreateProject}/{@code UpdateProject}, then {@code CreatePipeline}/{@code UpdatePipeline}).
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
  private final IamClient iam;
  private final S3Client s3;
  private final EcrClient ecr;
  private final SnsClient sns;
  private final CodeDeployClient codeDeploy;
  private final CodeConnectionsClient connections;

  private PipelineApplier(
      CodeBuildClient codeBuild,
      CodePipelineClient codePipeline,
      EcsClient ecs,
      IamClient iam,
      S3Client s3,
      EcrClient ecr,
      SnsClient sns,
      CodeDeployClient codeDeploy,
      CodeConnectionsClient connections) {
    this.codeBuild = codeBuild;
    this.codePipeline = codePipeline;
    this.ecs = ecs;
    this.iam = iam;
    this.s3 = s3;
    this.ecr = ecr;
    this.sns = sns;
    this.codeDeploy = codeDeploy;
    this.connections = connections;
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
    boolean endpoint = clients.settings().endpoint().isPresent();
    return new PipelineApplier(
        clients.codeBuild().overrideConfiguration(config.get()).build(),
        clients.codePipeline().overrideConfiguration(config.get()).build(),
        clients.ecs().overrideConfiguration(config.get()).build(),
        // IAM is global: its one endpoint answers for every region of the partition.
        clients
            .configure(IamClient.builder())
            .region(endpoint ? clients.region() : Region.AWS_GLOBAL)
            .overrideConfiguration(config.get())
            .build(),
        // One --endpoint-url for every service (moto) serves buckets by path, not host name.
        clients
            .configure(S3Client.builder())
            .forcePathStyle(endpoint)
            .overrideConfiguration(config.get())
            .build(),
        clients.configure(EcrClient.builder()).overrideConfiguration(config.get()).build(),
        clients.configure(SnsClient.builder()).overrideConfiguration(config.get()).build(),
        clients.configure(CodeDeployClient.builder()).overrideConfiguration(config.get()).build(),
        clients
            .configure(CodeConnectionsClient.builder())
            .overrideConfiguration(config.get())
            .build());
  }

  /**
   * Checks every resource the pipeline refers to and compares every resource with AWS; writes
   * nothing.
   *
   * @throws ApplyException when a referenced resource is missing or does not match (all problems
   *     listed), or a read fails
   */
  public ApplyPlan plan(PipelineDeclarations declarations) {
    return planned(declarations, true).plan();
  }

  /**
   * Compares every resource with AWS, without checking what they refer to; writes nothing ({@code
   * pipeline drift}).
   */
  public ApplyPlan compare(PipelineDeclarations declarations) {
    return planned(declarations, false).plan();
  }

  /** A plan, and the version of the pipeline as AWS has it (null when it does not exist). */
  private record Planned(ApplyPlan plan, Integer pipelineVersion) {}

  private Planned planned(PipelineDeclarations declarations, boolean checkReferences) {
    ReferenceChecks.Result checks =
        checkReferences
            ? new ReferenceChecks(iam, s3, ecr, sns, codeDeploy, connections, ecs).run(declarations)
            : new ReferenceChecks.Result(List.of(), List.of(), List.of());
    if (!checks.problems().isEmpty()) {
      int n = checks.problems().size();
      throw new ApplyException(
          (n == 1 ? "1 problem" : n + " problems")
              + " with what the pipeline refers to (nothing was changed):\n  "
              + String.join("\n  ", checks.problems()),
          checks.problems());
    }
    List<ApplyPlan.Change> changes = new ArrayList<>();
    Map<String, Project> existing = existingProjects(declarations);
    for (Map<String, Object> request : declarations.createProjects()) {
      String name = (String) request.get("name");
      CreateProjectRequest model = SdkTrees.toModel(request, CreateProjectRequest.class);
      Project current = existing.get(name);
      if (current == null) {
        changes.add(new ApplyPlan.Change(PROJECT, name, ApplyPlan.Action.CREATE, List.of()));
      } else {
        List<ApplyPlan.Difference> diff =
            TreeDiff.diff(
                projectTree(SdkTrees.toTree(model)),
                SdkTrees.toTree(current),
                LiveOnlyFields.PROJECT);
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
      // UpdatePipeline is sent the version AWS has, whatever pipeline.json says.
      Map<String, Object> sent = new LinkedHashMap<>(SdkTrees.toTree(desired.pipeline()));
      sent.remove("version");
      List<ApplyPlan.Difference> diff =
          TreeDiff.diff(sent, SdkTrees.toTree(current.get()), LiveOnlyFields.PIPELINE);
      changes.add(
          new ApplyPlan.Change(
              PIPELINE,
              name,
              diff.isEmpty() ? ApplyPlan.Action.UNCHANGED : ApplyPlan.Action.UPDATE,
              diff));
    }
    return new Planned(
        new ApplyPlan(changes, checks.checked(), checks.warnings()),
        current.map(PipelineDeclaration::version).orElse(null));
  }

  /**
   * A CreateProject tree in the shape BatchGetProjects reports: {@code badgeEnabled} is read back
   * as {@code badge.badgeEnabled}.
   */
  private static Map<String, Object> projectTree(Map<String, Object> request) {
    Map<String, Object> tree = new LinkedHashMap<>(request);
    Object badge = tree.remove("badgeEnabled");
    if (badge != null) {
      tree.put("badge", Map.of("badgeEnabled", badge));
    }
    return tree;
  }

  /**
   * {@link #plan}, then the writes it calls for, projects first. With nothing to change, no write
   * call is made.
   */
  public ApplyPlan apply(PipelineDeclarations declarations) {
    Planned planned = planned(declarations, true);
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
    iam.close();
    s3.close();
    ecr.close();
    sns.close();
    codeDeploy.close();
    connections.close();
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

  private static <T> T read(String call, Supplier<T> s) {
    try {
      return s.get();
    } catch (SdkException e) {
      throw new ApplyException(call + " failed: " + describe(e) + ". Nothing was changed.", e);
    }
  }

  private static String describe(SdkException e) {
    return ReferenceChecks.describe(e);
  }
}
