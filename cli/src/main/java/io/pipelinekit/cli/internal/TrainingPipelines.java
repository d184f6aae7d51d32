package io.pipelinekit.cli.internal;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.BuildBatch;
import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.CodeDeployToEcsAction;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.ExecutionMode;
import io.pipelinekit.pipeline.ImageTagPolicy;
import io.pipelinekit.pipeline.ManualApprovalAction;
import io.pipelinekit.pipeline.OutputArtifactFormat;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.PipelineType;
import io.pipelinekit.pipeline.PipelineVariable;
import io.pipelinekit.pipeline.PullRequestEvent;
import io.pipelinekit.pipeline.PullRequestFilter;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.TaskDefinition;
import io.pipelinekit.pipeline.ToolInstall;
import io.pipelinekit.pipeline.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The training run's definitions beyond the one like the bundled service's ({@link
 * StartupTraining.Definition}): what users' pipelines use of the library, so that the code paths
 * (and the lambdas, whose classes the archive holds only for call sites the training ran) of their
 * builds and graphs are in the start-up archive too.
 */
final class TrainingPipelines {
  private TrainingPipelines() {}

  static final String ACCOUNT = "111122223333";
  static final String CONNECTION =
      "arn:aws:codeconnections:eu-west-1:111122223333:connection/"
          + "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

  /** Writes the files {@link Rich} refers to into {@code root}: API fragments, Dockerfiles… */
  static void writeSources(Path root, String openApi, String gateway) throws IOException {
    Files.createDirectories(root.resolve("api/orders"));
    Files.writeString(root.resolve("api/openapi.yaml"), openApi);
    Files.writeString(root.resolve("api/gateway.yaml"), gateway);
    Files.writeString(root.resolve("api/orders/openapi.yaml"), openApi);
    for (String dockerfile : List.of("app/Dockerfile", "nginx/Dockerfile", "worker/Dockerfile")) {
      Files.createDirectories(root.resolve(dockerfile).getParent());
      Files.writeString(root.resolve(dockerfile), "FROM scratch\n");
    }
    Files.writeString(root.resolve("taskdef.json"), "{}\n");
    Files.writeString(root.resolve("appspec.yaml"), "version: 0.0\n");
  }

  /**
   * Every kind of source and action, several CodeBuild projects (tests with an S3 cache, images
   * with two APIs' worth of fragments, an image detail and secondary artifacts, a batch build),
   * environment variables of each type, a manual approval, rolling and blue/green ECS deploys,
   * pipeline variables, push and pull-request triggers, a KMS key, tags; built and edited through
   * the builders' editing methods, parameterised as users' definitions are.
   */
  public static final class Rich implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      String environment = p.get("environment", "staging");
      String name = p.get("name", "training-rich");
      CodeBuildProject tests =
          CodeBuildProject.builder()
              .name(name + "-tests")
              .description("Unit tests")
              .serviceRoleArn(role("training-tests"))
              .image("aws/codebuild/standard:7.0")
              .computeType("BUILD_GENERAL1_MEDIUM")
              .environmentType("LINUX_CONTAINER")
              .cache(BuildCache.s3("training-cache/tests"))
              .cachePaths("/root/.m2/**/*")
              .installCommands("java -version")
              .buildCommands("mvn -B verify")
              .artifactFiles("target/surefire-reports/*.xml")
              .timeoutInMinutes(20)
              .queuedTimeoutInMinutes(60)
              .build();
      TaskDefinition task =
          TaskDefinition.builder()
              .family(name)
              .containers("app", "nginx")
              .addContainer("worker")
              .otherContainers("xray")
              .taskRoleArn(role("training-task"))
              .executionRoleArn(role("training-task-execution"))
              .build();
      CodeBuildProject images =
          CodeBuildProject.builder()
              .name(name + "-images")
              .existingServiceRoleArn(role("training-images"))
              .privilegedMode(true)
              .cache(
                  BuildCache.local(
                      BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE,
                      BuildCache.LocalMode.LOCAL_SOURCE_CACHE))
              .logGroupName("/training/builds")
              .logStreamName("images")
              .environmentVariables(
                  EnvironmentVariable.plaintext("STAGE", environment),
                  EnvironmentVariable.parameterStore("DB_URL", "/training/db-url"))
              .addEnvironmentVariable(
                  EnvironmentVariable.secretsManager("DB_PASSWORD", "training/db:password"))
              .images(
                  ContainerImage.of("app", "training/app", "app/Dockerfile"),
                  ContainerImage.builder()
                      .containerName("nginx")
                      .existingRepository("training/nginx")
                      .dockerfile("nginx/Dockerfile")
                      .context("nginx")
                      .tagPolicy(ImageTagPolicy.commitId())
                      .build())
              .addImage(
                  ContainerImage.builder()
                      .containerName("worker")
                      .repository("training/worker")
                      .dockerfile("worker/Dockerfile")
                      .context("worker")
                      .additionalTags(List.of("stable"))
                      .buildArg("JAVA_VERSION", "17")
                      .target("runtime")
                      .build())
              .replaceImage("app", ContainerImage.of("app", "training/app", "app/Dockerfile"))
              .imageDetail("worker")
              .exportedVariables("VERSION")
              .preBuildCommands("VERSION=$(date +%s)")
              .postBuildCommands("echo done")
              .secondaryArtifact("BuildOutput", "imagedefinitions.json")
              .secondaryArtifact("Templates", "taskdef.json", "appspec.yaml")
              .secondaryArtifact("WorkerImage", "imageDetail.json")
              .api(
                  ApiPublication.builder()
                      .restApiId("a1b2c3d4e5")
                      .stage(environment)
                      .fragments(List.of("api/openapi.yaml", "api/gateway.yaml"))
                      .mode("overwrite")
                      .build())
              .toolInstall(
                  ToolInstall.s3(
                      "training-tools",
                      "pipeline-cli-all.jar",
                      "0000000000000000000000000000000000000000000000000000000000000000"))
              .build();
      CodeBuildProject orders =
          CodeBuildProject.builder()
              .name(name + "-orders")
              .serviceRoleArn(role("training-orders"))
              .batch(
                  BuildBatch.builder()
                      .serviceRoleArn(role("training-batch"))
                      .timeoutInMinutes(90)
                      .maximumBuildsAllowed(4)
                      .computeTypesAllowed("BUILD_GENERAL1_SMALL")
                      .combineArtifacts(true)
                      .build())
              .api(ApiPublication.of("f6g7h8i9j0", environment, "api/orders/openapi.yaml"))
              .toolInstall(ToolInstall.onImage())
              .build();
      Pipeline rich =
          Pipeline.builder()
              .name(name)
              .account(ACCOUNT)
              .region("eu-west-1")
              .roleArn(role("training-pipeline"))
              .artifactBucket("training-artifacts-111122223333")
              .artifactKmsKeyArn(
                  "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
              .pipelineType(PipelineType.V2)
              .executionMode(ExecutionMode.QUEUED)
              .stages(
                  Stage.named(
                      "Source",
                      Source.gitHub(CONNECTION, "example-org/training", "main").toBuilder()
                          .namespace("SourceVariables")
                          .outputFormat(OutputArtifactFormat.CODEBUILD_CLONE_REF)
                          .build(),
                      Source.codeCommit("training-config", "main").toBuilder()
                          .name("Config")
                          .output("Config")
                          .namespace("ConfigVariables")
                          .build(),
                      Source.s3("training-drops", "drops/seed.zip").toBuilder()
                          .name("Seed")
                          .output("Seed")
                          .build(),
                      Source.ecr("training/base", "17").toBuilder()
                          .name("Base")
                          .output("Base")
                          .build(),
                      Source.bitbucket(CONNECTION, "example-org/docs", "main").toBuilder()
                          .name("Docs")
                          .output("Docs")
                          .detectChanges(false)
                          .build(),
                      Source.gitLab(CONNECTION, "example-org/charts", "main").toBuilder()
                          .name("Charts")
                          .output("Charts")
                          .detectChanges(false)
                          .build()),
                  Stage.named(
                      "Test",
                      CodeBuildAction.builder()
                          .name("UnitTests")
                          .project(tests)
                          .test(true)
                          .inputs("Source", "Config")
                          .primarySource("Source")
                          .outputs("Reports")
                          .environmentVariables(
                              EnvironmentVariable.plaintext(
                                  "COMMIT", "#{SourceVariables.CommitId}"),
                              EnvironmentVariable.plaintext("TARGET_ENV", "#{variables.TargetEnv}"))
                          .build()),
                  Stage.named(
                      "Build",
                      CodeBuildAction.builder()
                          .name("Images")
                          .project(images)
                          .inputs("Source", "Seed", "Base")
                          .primarySource("Source")
                          .outputs("BuildOutput", "Templates", "WorkerImage")
                          .namespace("BuildVariables")
                          .build(),
                      CodeBuildAction.builder()
                          .name("Orders")
                          .project(orders)
                          .inputs("Source")
                          .outputs("OrdersOutput")
                          .batchEnabled(true)
                          .build()),
                  Stage.named(
                      "Deploy",
                      EcsDeployAction.builder()
                          .name("Rolling")
                          .input("BuildOutput")
                          .clusterName(name)
                          .serviceName(name + "-api")
                          .deploymentTimeoutMinutes(15)
                          .taskDefinition(task)
                          .build(),
                      CodeDeployToEcsAction.builder()
                          .name("BlueGreen")
                          .runOrder(2)
                          .applicationName(name)
                          .deploymentGroupName(name + "-worker")
                          .taskDefinitionTemplate("Templates", "taskdef.json")
                          .appSpecTemplate("Templates", "appspec.yaml")
                          .image("WorkerImage", "IMAGE1_NAME")
                          .taskDefinition(task)
                          .build()))
              .variables(
                  PipelineVariable.of("TargetEnv", environment, "Where the tests point"),
                  PipelineVariable.of("Notes", null))
              .addTrigger(
                  Trigger.builder()
                      .sourceActionName("Source")
                      .push(
                          List.of(
                              PushFilter.tags(Patterns.include("v*").toBuilder().build()),
                              PushFilter.builder()
                                  .branches(Patterns.include("main", "release/**"))
                                  .filePaths(Patterns.include("src/**"))
                                  .build()))
                      .pullRequest(
                          List.of(
                              PullRequestFilter.builder()
                                  .events(List.of(PullRequestEvent.OPEN, PullRequestEvent.UPDATED))
                                  .branches(Patterns.include("main"))
                                  .filePaths(Patterns.include("src/**"))
                                  .build()))
                      .build())
              .tag("team", "platform")
              .tag("cost-center", "42")
              .build();
      // editing an existing definition, as shared definitions are specialised
      return rich.toBuilder()
          .insertStageAfter(
              "Build",
              Stage.named(
                  "Approve",
                  ManualApprovalAction.builder()
                      .name("Release")
                      .notificationArn("arn:aws:sns:eu-west-1:111122223333:training-approvals")
                      .externalEntityLink("https://example.com/releases/#{BuildVariables.VERSION}")
                      .customData("Release #{BuildVariables.IMAGE_TAG}?")
                      .build(),
                  ManualApprovalAction.named("SecondPair").toBuilder().runOrder(2).build()))
          .build();
    }
  }

  /** A definition breaking several structure rules at once, as a user's first try may. */
  public static final class Broken implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      Pipeline rich = new Rich().define(p);
      return rich.toBuilder()
          .name("broken training")
          .pipelineType(PipelineType.V1)
          .removeStage("Source")
          .insertStage(1, Stage.named("Source", Source.codeCommit("training", "main")))
          .build();
    }
  }

  private static String role(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }
}
