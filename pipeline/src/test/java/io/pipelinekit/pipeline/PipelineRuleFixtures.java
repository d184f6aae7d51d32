package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.taskDefinition;
import static io.pipelinekit.pipeline.Fixtures.valid;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * For every pipeline rule id, a definition that breaks it (and, where a rule cannot be broken
 * alone, the rules it necessarily comes with) and a close one that passes. The rule pages under
 * {@code docs/rules/} show the same cases.
 */
final class PipelineRuleFixtures {
  record Case(
      Supplier<Pipeline.Builder> failing, Supplier<Pipeline.Builder> passing, Set<String> also) {}

  static final Map<String, Case> CASES = new LinkedHashMap<>();

  /** One project object for several actions (two equal objects count as two definitions). */
  private static final CodeBuildProject SHARED = project().build();

  private static final CodeBuildProject WITH_IMAGE_DETAIL = project().imageDetail("app").build();

  private PipelineRuleFixtures() {}

  private static void add(String id, Supplier<Pipeline.Builder> failing) {
    add(id, failing, Fixtures::valid);
  }

  private static void add(
      String id, Supplier<Pipeline.Builder> failing, Supplier<Pipeline.Builder> passing) {
    CASES.put(id, new Case(failing, passing, Set.of()));
  }

  /** Source, Build (with {@code build}), Deploy. */
  private static Pipeline.Builder withBuild(CodeBuildAction build) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build),
        Stage.named("Deploy", deploy().build()));
  }

  private static Pipeline.Builder withProject(CodeBuildProject project) {
    return withBuild(build().project(project).build());
  }

  private static Pipeline.Builder withDeploy(Action deploy) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().build()),
        Stage.named("Deploy", deploy));
  }

  private static Pipeline.Builder withApi(ApiPublication api) {
    return withProject(project().api(api).build());
  }

  private static ApiPublication api() {
    return ApiPublication.of("a1b2c3d4e5", "dev", "service/api/openapi.yaml");
  }

  private static final String SHA256 = "0123456789abcdef".repeat(4);

  private static final PushFilter MAIN = PushFilter.branches(Patterns.include("main"));

  private static CodeDeployToEcsAction.Builder blueGreen() {
    return CodeDeployToEcsAction.builder()
        .applicationName("service")
        .deploymentGroupName("service-dg")
        .taskDefinitionTemplate("Source", "taskdef.json")
        .appSpecTemplate("Source", "appspec.yaml");
  }

  private static Pipeline.Builder blueGreenPipeline(CodeBuildProject project) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().project(project).build()),
        Stage.named("Deploy", blueGreen().image("BuildOutput", "IMAGE1_NAME").build()));
  }

  private static Pipeline.Builder referencing(String value, Action... deployStage) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named(
            "Build",
            build().environmentVariables(EnvironmentVariable.plaintext("VALUE", value)).build()),
        Stage.named("Deploy", deployStage));
  }

  static {
    add("pipeline-name-pattern", () -> valid().name("my service"));
    add(
        "pipeline-artifact-name-pattern",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build()),
                Stage.named("Test", testAction("test.reports")),
                Stage.named("Deploy", deploy().build())),
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build()),
                Stage.named("Test", testAction("test-reports")),
                Stage.named("Deploy", deploy().build())));
    add("pipeline-namespace-pattern", () -> withBuild(build().namespace("Build.Vars").build()));
    add(
        "pipeline-variable-name-pattern",
        () -> valid().variables(PipelineVariable.of("my env", "dev")),
        () -> valid().variables(PipelineVariable.of("Env", "dev")));
    add("pipeline-account-id", () -> valid().account("12345"));
    add("pipeline-region", () -> valid().region("Ireland"));
    add("pipeline-artifact-bucket-name", () -> valid().artifactBucket("Service_Artifacts"));
    add("pipeline-role-arn", () -> valid().roleArn("service-pipeline"));
    add(
        "pipeline-connection-arn",
        () ->
            pipeline(
                Stage.named(
                    "Source",
                    Source.gitHub("my-connection", "acme/service", "main").toBuilder()
                        .namespace("SourceVariables")
                        .build()),
                Stage.named("Build", build().build()),
                Stage.named("Deploy", deploy().build())));
    add("pipeline-stage-count", () -> pipeline(Stage.named("Source", source())));
    add(
        "pipeline-source-first",
        () ->
            pipeline(
                Stage.named("Source", source(), build().runOrder(2).build()),
                Stage.named("Deploy", deploy().build())),
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build()),
                Stage.named("Deploy", deploy().build())));
    add(
        "pipeline-stage-empty",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build()),
                Stage.named("Deploy", deploy().build()),
                Stage.named("Later")));
    CASES.put(
        "pipeline-sources-only",
        new Case(
            () ->
                pipeline(
                    Stage.named("Source", source()),
                    Stage.named(
                        "More",
                        Source.s3("bucket", "key.zip").toBuilder()
                            .name("S3")
                            .output("S3")
                            .build())),
            Fixtures::valid,
            // a later stage holds sources only or nothing: pipeline-source-first or -stage-empty
            Set.of("pipeline-source-first")));
    add(
        "pipeline-stage-name-duplicate",
        () ->
            valid()
                .stage(Stage.named("Approve", ManualApprovalAction.named("Approve")))
                .stage(Stage.named("Approve", ManualApprovalAction.named("Approve"))),
        () ->
            valid()
                .stage(Stage.named("Approve", ManualApprovalAction.named("Approve")))
                .stage(Stage.named("Approve2", ManualApprovalAction.named("Approve"))));
    add(
        "pipeline-action-name-duplicate",
        () ->
            valid()
                .stage(
                    Stage.named(
                        "Approve",
                        ManualApprovalAction.named("Approve"),
                        ManualApprovalAction.named("Approve"))),
        () ->
            valid()
                .stage(
                    Stage.named(
                        "Approve",
                        ManualApprovalAction.named("Approve"),
                        ManualApprovalAction.named("Approve2"))));
    add(
        "pipeline-namespace-duplicate",
        () -> withBuild(build().namespace("SourceVariables").build()));
    add(
        "pipeline-action-count",
        () -> {
          Pipeline.Builder p = valid();
          for (int s = 0; s < 11; s++) {
            List<Action> approvals = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
              approvals.add(ManualApprovalAction.named("Approve" + i));
            }
            p.stage(Stage.named("Approve" + s, approvals.toArray(Action[]::new)));
          }
          return p;
        });
    add("pipeline-run-order", () -> withBuild(build().runOrder(0).build()));
    add(
        "pipeline-artifact-duplicate",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named(
                    "Build",
                    build().project(SHARED).build(),
                    CodeBuildAction.builder()
                        .name("Other")
                        .project(SHARED)
                        .inputs("Source")
                        .outputs("BuildOutput")
                        .build()),
                Stage.named("Deploy", deploy().build())));
    add(
        "pipeline-artifact-unknown",
        () -> withBuild(build().inputs("Source", "Sources").primarySource("Source").build()));
    add(
        "pipeline-artifact-order",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build(), deploy().build())),
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build(), deploy().runOrder(2).build())));
    add(
        "pipeline-artifact-count",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named(
                    "Build",
                    build().project(withImageDetail()).build(),
                    imageBuild("Image2"),
                    imageBuild("Image3")),
                Stage.named(
                    "Deploy",
                    blueGreen()
                        .image("BuildOutput", "IMAGE1_NAME")
                        .image("Image2", "IMAGE2_NAME")
                        .image("Image3", "IMAGE3_NAME")
                        .build())),
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named(
                    "Build", build().project(withImageDetail()).build(), imageBuild("Image2")),
                Stage.named(
                    "Deploy",
                    blueGreen()
                        .image("BuildOutput", "IMAGE1_NAME")
                        .image("Image2", "IMAGE2_NAME")
                        .build())));
    add(
        "pipeline-codedeploy-image-count",
        () -> {
          CodeDeployToEcsAction.Builder deploy = blueGreen();
          for (int i = 1; i <= 5; i++) {
            deploy.image("Source", "IMAGE" + i + "_NAME");
          }
          return withDeploy(deploy.build());
        },
        () -> blueGreenPipeline(project().imageDetail("app").build()));
    add("pipeline-primary-source", () -> withBuild(build().primarySource("Src").build()));
    add(
        "pipeline-v1-feature",
        () -> valid().pipelineType(PipelineType.V1).variables(PipelineVariable.of("Env", "dev")),
        () -> valid().pipelineType(PipelineType.V1));
    add(
        "pipeline-trigger-duplicate",
        () -> valid().triggers(Trigger.onPush("Source", MAIN), Trigger.onPush("Source", MAIN)),
        () -> valid().triggers(Trigger.onPush("Source", MAIN)));
    add(
        "pipeline-trigger-source",
        () -> valid().triggers(Trigger.onPush("GitHub", MAIN)),
        () -> valid().triggers(Trigger.onPush("Source", MAIN)));
    add(
        "pipeline-trigger-filter",
        () ->
            valid()
                .triggers(
                    Trigger.onPullRequest(
                        "Source",
                        PullRequestFilter.builder()
                            .events(List.of(PullRequestEvent.OPEN))
                            .build())),
        () ->
            valid()
                .triggers(
                    Trigger.onPullRequest(
                        "Source",
                        PullRequestFilter.on(Patterns.include("main"), PullRequestEvent.OPEN))));
    add(
        "pipeline-trigger-limits",
        () -> valid().triggers(Trigger.onPush("Source", MAIN, MAIN, MAIN, MAIN)),
        () -> valid().triggers(Trigger.onPush("Source", MAIN, MAIN, MAIN)));
    add(
        "pipeline-configuration-size",
        () -> {
          EnvironmentVariable[] vars = new EnvironmentVariable[12];
          for (int i = 0; i < vars.length; i++) {
            vars[i] = EnvironmentVariable.plaintext("SETTING_" + i, "x".repeat(80));
          }
          return withBuild(build().environmentVariables(vars).build());
        });
    add(
        "pipeline-env-duplicate",
        () ->
            withBuild(
                build()
                    .environmentVariables(
                        EnvironmentVariable.plaintext("STAGE", "dev"),
                        EnvironmentVariable.plaintext("STAGE", "prod"))
                    .build()));
    add(
        "pipeline-env-name",
        () ->
            withBuild(
                build()
                    .environmentVariables(EnvironmentVariable.plaintext("CODEBUILD_STAGE", "dev"))
                    .build()));
    add(
        "pipeline-env-plaintext-secret",
        () ->
            withBuild(
                build()
                    .environmentVariables(EnvironmentVariable.plaintext("DB_PASSWORD", "hunter2"))
                    .build()),
        () ->
            withBuild(
                build()
                    .environmentVariables(
                        EnvironmentVariable.secretsManager("DB_PASSWORD", "service/db"))
                    .build()));
    add(
        "pipeline-ecs-deployment-timeout",
        () -> withDeploy(deploy().deploymentTimeoutMinutes(90).build()));
    add("pipeline-ecs-pass-role", () -> withDeploy(deploy().taskDefinition(null).build()));
    add(
        "pipeline-project-duplicate",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named(
                    "Build",
                    build().build(),
                    CodeBuildAction.builder()
                        .name("Other")
                        .project(
                            project()
                                .serviceRoleArn("arn:aws:iam::111122223333:role/other")
                                .build())
                        .inputs("Source")
                        .outputs("Other")
                        .build()),
                Stage.named("Deploy", deploy().build())));
    add("pipeline-project-name-pattern", () -> withProject(project().name("-build").build()));
    add("pipeline-project-timeout", () -> withProject(project().timeoutInMinutes(3000).build()));
    add("pipeline-project-privileged", () -> withProject(project().privilegedMode(false).build()));
    add(
        "pipeline-project-docker-cache",
        () -> withProject(project().cache(BuildCache.none()).build()));
    add(
        "pipeline-project-cache-paths",
        () ->
            withProject(
                project()
                    .cachePaths("/root/.npm/**/*")
                    .cache(
                        BuildCache.local(
                            BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE,
                            BuildCache.LocalMode.LOCAL_SOURCE_CACHE))
                    .build()),
        () -> withProject(project().cachePaths("/root/.npm/**/*").build()));
    add(
        "pipeline-tool-repository-url",
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.mavenRepository("http://nexus.example.com/maven2"))
                    .build()),
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.mavenRepository("https://nexus.example.com/maven2"))
                    .build()));
    add(
        "pipeline-tool-s3-object",
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.s3("Tools_Bucket", "/tools/pipeline.jar", SHA256))
                    .build()),
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.s3("tools-bucket", "tools/pipeline.jar", SHA256))
                    .build()));
    add(
        "pipeline-tool-sha256",
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.s3("tools-bucket", "tools/pipeline.jar", "abc123"))
                    .build()),
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.s3("tools-bucket", "tools/pipeline.jar", SHA256))
                    .build()));
    add(
        "pipeline-tool-source",
        () ->
            withProject(
                project()
                    .toolInstall(ToolInstall.fromSource("../pipelinekit/bin/pipeline"))
                    .cache(
                        BuildCache.local(
                            BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE,
                            BuildCache.LocalMode.LOCAL_SOURCE_CACHE))
                    .build()),
        () -> withProject(project().toolInstall(ToolInstall.fromSource("bin/pipeline")).build()));
    add(
        "pipeline-container-name",
        () ->
            withProject(
                project()
                    .addImage(
                        ContainerImage.of("app", "service/app2", "service/release/app/Dockerfile"))
                    .build()));
    add(
        "pipeline-ecr-repository-name",
        () ->
            pipeline(
                Stage.named("Source", source()),
                Stage.named(
                    "Build",
                    build()
                        .project(
                            project()
                                .addImage(
                                    ContainerImage.of(
                                        "worker",
                                        "Service/Worker",
                                        "service/release/app/Dockerfile"))
                                .build())
                        .build()),
                Stage.named(
                    "Deploy",
                    deploy()
                        .taskDefinition(taskDefinition().addContainer("worker").build())
                        .build())));
    add(
        "pipeline-image-latest-tag",
        () -> withWorker(worker(ImageTagPolicy.fixed("latest"))),
        () -> withWorker(worker(ImageTagPolicy.latest())));
    add(
        "pipeline-image-tag-pattern",
        () -> withWorker(worker(ImageTagPolicy.fixed("-v1"))),
        () -> withWorker(worker(ImageTagPolicy.fixed("v1"))));
    add(
        "pipeline-api-id",
        () -> withApi(ApiPublication.of("API", "dev", "service/api/openapi.yaml")));
    add(
        "pipeline-api-stage-name",
        () -> withApi(ApiPublication.of("a1b2c3d4e5", "dev stage", "service/api/openapi.yaml")));
    add("pipeline-api-fragments", () -> withApi(ApiPublication.of("a1b2c3d4e5", "dev")));
    add("pipeline-api-mode", () -> withApi(api().toBuilder().mode("replace").build()));
    add(
        "pipeline-api-spec-file",
        () -> withApi(api().toBuilder().specFile("pipeline.json").build()),
        () -> withApi(api().toBuilder().specFile("api/openapi.yaml").build()));
    add(
        "pipeline-api-execution-mode",
        () -> valid().executionMode(ExecutionMode.PARALLEL),
        () -> valid().executionMode(ExecutionMode.QUEUED));
    add(
        "pipeline-exported-variable-reserved",
        () -> withProject(project().exportedVariables("AWS_REGION_NAME").build()));
    add("pipeline-ecs-input-images", () -> withDeploy(deploy().input("Source").build()));
    add(
        "pipeline-container-name-mismatch",
        () ->
            withDeploy(
                deploy().taskDefinition(taskDefinition().addContainer("web").build()).build()));
    add("pipeline-ecs-file-name", () -> withDeploy(deploy().fileName("imagedefs.json").build()));
    add(
        "pipeline-secondary-artifacts",
        () ->
            withBuild(
                build()
                    .project(
                        project()
                            .secondaryArtifact("BuildOutput", "imagedefinitions.json")
                            .secondaryArtifact("Report", "reports/*")
                            .build())
                    .outputs("BuildOutput", "Reports")
                    .build()),
        () ->
            withBuild(
                build()
                    .project(
                        project()
                            .secondaryArtifact("BuildOutput", "imagedefinitions.json")
                            .secondaryArtifact("Reports", "reports/*")
                            .build())
                    .outputs("BuildOutput", "Reports")
                    .build()));
    add(
        "pipeline-image-detail-container",
        () -> withProject(project().imageDetail("worker").build()),
        () -> withProject(project().imageDetail("app").build()));
    add(
        "pipeline-image-detail-file",
        () -> blueGreenPipeline(project().build()),
        () -> blueGreenPipeline(project().imageDetail("app").build()));
    add(
        "pipeline-variable-unknown",
        () -> referencing("#{Src.CommitId}", deploy().build()),
        () -> referencing("#{SourceVariables.CommitId}", deploy().build()));
    add(
        "pipeline-variable-order",
        () ->
            referencing(
                "#{Approval.Comment}",
                deploy().build(),
                ManualApprovalAction.builder().name("Approve").namespace("Approval").build()),
        () -> referencing("#{SourceVariables.CommitId}", deploy().build()));
    AwsModelFixtures.addTo(CASES);
  }

  private static CodeBuildProject withImageDetail() {
    return WITH_IMAGE_DETAIL;
  }

  private static CodeBuildAction testAction(String output) {
    return CodeBuildAction.builder()
        .name("Test")
        .project(project().name("service-test").build())
        .inputs("Source")
        .outputs(output)
        .build();
  }

  private static CodeBuildAction imageBuild(String output) {
    return CodeBuildAction.builder()
        .name(output)
        .project(withImageDetail())
        .inputs("Source")
        .outputs(output)
        .build();
  }

  /** Source, Build (the standard images and {@code image}), Deploy to a task with its container. */
  private static Pipeline.Builder withWorker(ContainerImage image) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().project(project().addImage(image).build()).build()),
        Stage.named(
            "Deploy",
            deploy()
                .taskDefinition(taskDefinition().addContainer(image.containerName()).build())
                .build()));
  }

  private static ContainerImage worker(ImageTagPolicy policy) {
    return ContainerImage.builder()
        .containerName("worker")
        .repository("service/worker")
        .tagPolicy(policy)
        .build();
  }
}
