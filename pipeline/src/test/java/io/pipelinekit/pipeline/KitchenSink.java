package io.pipelinekit.pipeline;

import java.util.List;

/** A pipeline using every part of the model, for shape and golden tests. */
public final class KitchenSink {
  private KitchenSink() {}

  public static Pipeline pipeline() {
    CodeBuildProject images =
        Fixtures.project()
            .name("kitchen-images")
            .environmentVariables(
                EnvironmentVariable.plaintext("STAGE", "dev"),
                EnvironmentVariable.parameterStore("DB_URL", "/kitchen/db-url"),
                EnvironmentVariable.secretsManager("DB_PASSWORD", "kitchen/db:password"))
            .logStreamName("build")
            .exportedVariables("VERSION")
            .preBuildCommands("VERSION=$(cat VERSION)")
            .secondaryArtifact("BuildOutput", "imagedefinitions.json")
            .secondaryArtifact("Templates", "taskdef.json", "appspec.yaml")
            .secondaryArtifact("WorkerImage", "imageDetail.json")
            .imageDetail("worker")
            .addImage(
                ContainerImage.builder()
                    .containerName("worker")
                    .repository("kitchen/worker")
                    .dockerfile("worker/Dockerfile")
                    .context("worker")
                    .additionalTags(List.of("stable"))
                    .buildArg("JAVA_VERSION", "17")
                    .target("runtime")
                    .build())
            .api(
                ApiPublication.builder()
                    .restApiId("a1b2c3d4e5")
                    .stage("dev")
                    .fragments(List.of("api/openapi.yaml", "api/gateway.yaml"))
                    .mode("overwrite")
                    .build())
            .build();
    CodeBuildProject tests =
        CodeBuildProject.builder()
            .name("kitchen-tests")
            .serviceRoleArn("arn:aws:iam::111122223333:role/kitchen-tests")
            .image("aws/codebuild/standard:7.0")
            .computeType("BUILD_GENERAL1_MEDIUM")
            .cache(BuildCache.s3("kitchen-cache/tests"))
            .cachePaths("/root/.m2/**/*")
            .buildCommands("mvn -B verify")
            .artifactFiles("target/surefire-reports/*.xml")
            .timeoutInMinutes(20)
            .queuedTimeoutInMinutes(60)
            .build();
    TaskDefinition task =
        Fixtures.taskDefinition().addContainer("worker").otherContainers("xray").build();
    return Fixtures.pipeline(
            Stage.named(
                "Source",
                Fixtures.source().toBuilder()
                    .outputFormat(OutputArtifactFormat.CODEBUILD_CLONE_REF)
                    .detectChanges(false)
                    .build(),
                Source.codeCommit("kitchen-config", "main").toBuilder()
                    .name("Config")
                    .output("Config")
                    .namespace("ConfigVariables")
                    .build(),
                Source.s3("kitchen-drops", "drops/seed.zip").toBuilder()
                    .name("Seed")
                    .output("Seed")
                    .build(),
                Source.ecr("kitchen/base", "17").toBuilder().name("Base").output("Base").build(),
                Source.bitbucket(
                        "arn:aws:codeconnections:eu-west-1:111122223333:connection/bb",
                        "acme/docs",
                        "main")
                    .toBuilder()
                    .name("Docs")
                    .output("Docs")
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
                        EnvironmentVariable.plaintext("COMMIT", "#{SourceVariables.CommitId}"),
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
                    .batchEnabled(false)
                    .build()),
            Stage.named(
                "Approve",
                ManualApprovalAction.builder()
                    .name("Release")
                    .notificationArn("arn:aws:sns:eu-west-1:111122223333:kitchen-approvals")
                    .externalEntityLink("https://example.com/releases/#{BuildVariables.VERSION}")
                    .customData("Release #{BuildVariables.IMAGE_TAG} to production?")
                    .build()),
            Stage.named(
                "Deploy",
                EcsDeployAction.builder()
                    .name("Rolling")
                    .input("BuildOutput")
                    .clusterName("kitchen")
                    .serviceName("kitchen-api")
                    .deploymentTimeoutMinutes(15)
                    .taskDefinition(task)
                    .build(),
                CodeDeployToEcsAction.builder()
                    .name("BlueGreen")
                    .runOrder(2)
                    .applicationName("kitchen")
                    .deploymentGroupName("kitchen-worker")
                    .taskDefinitionTemplate("Templates", "taskdef.json")
                    .appSpecTemplate("Templates", "appspec.yaml")
                    .image("WorkerImage", "IMAGE1_NAME")
                    .taskDefinition(task)
                    .build()))
        .name("kitchen-sink")
        .artifactKmsKeyArn(
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
        .executionMode(ExecutionMode.QUEUED)
        .variables(
            PipelineVariable.of("TargetEnv", "staging", "Where the tests point"),
            PipelineVariable.of("Notes", null))
        .triggers(
            Trigger.builder()
                .sourceActionName("Source")
                .push(
                    List.of(
                        PushFilter.tags(Patterns.include("v*").excluding("v0*")),
                        PushFilter.builder()
                            .branches(Patterns.include("main", "release/**"))
                            .filePaths(Patterns.include("src/**").excluding("docs/**"))
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
  }
}
