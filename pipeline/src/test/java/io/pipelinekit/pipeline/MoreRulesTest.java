package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules not covered in {@link PipelineRulesTest}, one test each. */
class MoreRulesTest {

  private static void rejectedWith(Pipeline.Builder pipeline, String... fragments) {
    DefinitionException e = catchThrowableOfType(DefinitionException.class, pipeline::build);
    assertThat(e).as("expected a DefinitionException").isNotNull();
    assertThat(e.messages()).as(e.getMessage()).hasSize(1);
    assertThat(e.messages().get(0)).contains(fragments);
  }

  private static Pipeline.Builder withBuild(CodeBuildAction buildAction) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", buildAction),
        Stage.named("Deploy", deploy().build()));
  }

  private static Pipeline.Builder withProject(CodeBuildProject project) {
    return withBuild(build().project(project).build());
  }

  @Test
  void build_whenPipelineVariableNameInvalid_rejects() {
    rejectedWith(
        valid().variables(PipelineVariable.of("deploy env", "dev")),
        "pipeline variable 'deploy env': the name is not allowed");
  }

  @Test
  void build_whenFirstStageEmpty_rejects() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            pipeline(
                    Stage.named("Source"), Stage.named("Approve", ManualApprovalAction.named("Ok")))
                ::build);
    assertThat(e.messages())
        .contains("stage 'Source' (the first stage) has no actions: add a source action");
  }

  @Test
  void build_whenLaterStageEmpty_rejects() {
    rejectedWith(
        pipeline(
            Stage.named("Source", source()),
            Stage.named("Build", build().build()),
            Stage.named("Empty"),
            Stage.named("Deploy", deploy().build())),
        "stage 'Empty' has no actions: add one or remove the stage");
  }

  @Test
  void build_whenTwoTriggersOnOneSource_rejects() {
    Trigger t = Trigger.onPush("Source", PushFilter.branches(Patterns.include("main")));
    rejectedWith(
        valid().triggers(t, t),
        "trigger on 'Source': there is another trigger on the same source action");
  }

  @Test
  void build_whenTriggerHasNoFilters_rejects() {
    rejectedWith(
        valid().triggers(Trigger.builder().sourceActionName("Source").build()),
        "trigger on 'Source': has neither push nor pull-request filters");
  }

  @Test
  void build_whenPushFilterHasOnlyFilePaths_rejects() {
    rejectedWith(
        valid()
            .triggers(
                Trigger.onPush(
                    "Source", PushFilter.builder().filePaths(Patterns.include("src/**")).build())),
        "push[0]: needs branches or tags");
  }

  @Test
  void build_whenPatternTooLong_rejects() {
    rejectedWith(
        valid()
            .triggers(
                Trigger.onPush("Source", PushFilter.branches(Patterns.include("b".repeat(256))))),
        "push[0] branches: pattern '" + "b".repeat(256) + "' must be 1–255 characters");
  }

  @Test
  void build_whenEnvironmentVariableSetTwice_rejects() {
    rejectedWith(
        withBuild(
            build()
                .environmentVariables(
                    EnvironmentVariable.plaintext("STAGE", "dev"),
                    EnvironmentVariable.plaintext("STAGE", "prod"))
                .build()),
        "stage 'Build' action 'Build' environment variable STAGE: set twice");
  }

  @Test
  void build_whenEnvironmentVariableNameInvalid_rejects() {
    rejectedWith(
        withProject(
            project().environmentVariables(EnvironmentVariable.plaintext("MY-VAR", "1")).build()),
        "CodeBuild project 'service-build' environment variable MY-VAR: not a valid variable name");
  }

  @Test
  void build_whenProjectNameInvalid_rejects() {
    rejectedWith(
        withProject(project().name("-build").build()),
        "CodeBuild project '-build': the name is not allowed");
  }

  @Test
  void build_whenQueuedTimeoutOutOfRange_rejects() {
    rejectedWith(
        withProject(project().queuedTimeoutInMinutes(600).build()),
        "queuedTimeoutInMinutes 600 must be 5–480");
  }

  @Test
  void build_whenSameProjectNameWithDifferentSettings_rejects() {
    CodeBuildProject other = project().image("aws/codebuild/standard:7.0").build();
    rejectedWith(
        pipeline(
            Stage.named("Source", source()),
            Stage.named(
                "Build",
                build().build(),
                CodeBuildAction.builder()
                    .name("Again")
                    .project(other)
                    .inputs("Source")
                    .outputs("Other")
                    .build()),
            Stage.named("Deploy", deploy().build())),
        "CodeBuild project 'service-build' is defined twice with different settings");
  }

  @Test
  void build_whenTwoImagesShareAContainerName_rejects() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            withProject(
                    project()
                        .addImage(ContainerImage.of("app", "service/app2", "Dockerfile"))
                        .build())
                ::build);
    assertThat(e.messages())
        .contains(
            "CodeBuild project 'service-build' image 'app': two images have this container name;"
                + " container names must be unique");
  }

  @Test
  void build_whenContainerNameInvalid_rejects() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            withProject(
                    project()
                        .addImage(ContainerImage.of("my.app", "service/app2", "Dockerfile"))
                        .build())
                ::build);
    assertThat(e.messages())
        .anyMatch(p -> p.contains("image 'my.app': container names use 1–255 characters"));
  }

  @Test
  void build_whenImageTagInvalid_rejects() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            withProject(
                    project()
                        .addImage(
                            ContainerImage.builder()
                                .containerName("worker")
                                .repository("service/worker")
                                .tagPolicy(ImageTagPolicy.fixed("-v1"))
                                .build())
                        .build())
                ::build);
    assertThat(e.messages())
        .anyMatch(p -> p.contains("image 'worker': '-v1' is not a valid image tag"));
  }

  @Test
  void build_whenApiStageInvalid_rejects() {
    rejectedWith(
        withProject(
            project().api(ApiPublication.of("a1b2c3d4e5", "dev stage", "api.yaml")).build()),
        "API a1b2c3d4e5: stage 'dev stage' must use 1–128 characters");
  }

  @Test
  void build_whenApiHasNoFragments_rejects() {
    rejectedWith(
        withProject(project().api(ApiPublication.of("a1b2c3d4e5", "dev")).build()),
        "API a1b2c3d4e5: no OpenAPI fragments to publish");
  }

  @Test
  void build_whenApiModeUnknown_rejects() {
    rejectedWith(
        withProject(
            project()
                .api(
                    ApiPublication.builder()
                        .restApiId("a1b2c3d4e5")
                        .stage("dev")
                        .fragments(List.of("api.yaml"))
                        .mode("replace")
                        .build())
                .build()),
        "mode 'replace' must be overwrite or merge");
  }

  @Test
  void build_whenCodePipelineVariableUnknown_rejects() {
    rejectedWith(
        withBuild(
            build()
                .environmentVariables(
                    EnvironmentVariable.plaintext("RUN", "#{codepipeline.ExecutionId}"))
                .build()),
        "references #{codepipeline.ExecutionId}, but the codepipeline namespace has only"
            + " PipelineExecutionId");
  }

  @Test
  void build_whenAccountNotTwelveDigits_rejects() {
    rejectedWith(valid().account("12345"), "account '12345' is not a 12-digit AWS account id");
  }

  @Test
  void build_whenRegionMalformed_rejects() {
    rejectedWith(valid().region("Ireland"), "region 'Ireland' is not an AWS region");
  }

  @Test
  void build_whenBucketNameInvalid_rejects() {
    rejectedWith(
        valid().artifactBucket("My_Bucket"),
        "artifact bucket 'My_Bucket' is not a valid S3 bucket name");
  }

  @Test
  void build_whenRoleArnMalformed_rejects() {
    rejectedWith(
        valid().roleArn("pipeline-role"), "roleArn 'pipeline-role' is not an IAM role ARN");
  }

  @Test
  void build_whenServiceRoleArnMalformed_rejects() {
    rejectedWith(
        withProject(project().serviceRoleArn("arn:aws:iam::111122223333:user/ci").build()),
        "CodeBuild project 'service-build': serviceRoleArn 'arn:aws:iam::111122223333:user/ci' is not an IAM role ARN");
  }

  @Test
  void build_whenConnectionArnMalformed_rejects() {
    rejectedWith(
        pipeline(
            Stage.named("Source", Source.gitHub("my-connection", "acme/service", "main")),
            Stage.named("Build", build().build()),
            Stage.named("Deploy", deploy().build())),
        "stage 'Source' action 'Source': 'my-connection' is not a CodeConnections connection ARN");
  }

  @Test
  void build_whenBlueGreenImageArtifactHasNoImageDetail_rejects() {
    rejectedWith(
        pipeline(
            Stage.named("Source", source()),
            Stage.named("Build", build().build()),
            Stage.named(
                "Deploy",
                CodeDeployToEcsAction.builder()
                    .applicationName("service")
                    .deploymentGroupName("service-dg")
                    .taskDefinitionTemplate("Source", "taskdef.json")
                    .appSpecTemplate("Source", "appspec.yaml")
                    .image("BuildOutput", "IMAGE1_NAME")
                    .build())),
        "stage 'Deploy' action 'Deploy': image artifact 'BuildOutput' has no imageDetail.json among"
            + " the buildspec's artifact files [imagedefinitions.json]",
        ".imageDetail(\"CONTAINER\") on project 'service-build'");
  }

  @Test
  void build_whenBlueGreenImageArtifactHasImageDetail_accepts() {
    Pipeline p =
        pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().project(project().imageDetail("app").build()).build()),
                Stage.named(
                    "Deploy",
                    CodeDeployToEcsAction.builder()
                        .applicationName("service")
                        .deploymentGroupName("service-dg")
                        .taskDefinitionTemplate("Source", "taskdef.json")
                        .appSpecTemplate("Source", "appspec.yaml")
                        .image("BuildOutput", "IMAGE1_NAME")
                        .build()))
            .build();
    assertThat(Synthesis.of(p, TestTool.ARTIFACT).files().get("buildspec.yaml"))
        .contains(
            "pipeline image-definitions --image-detail -o imageDetail.json"
                + " 111122223333.dkr.ecr.eu-west-1.amazonaws.com/service/app:$IMAGE_TAG")
        .contains("- imageDetail.json");
  }

  @Test
  void build_whenImageDetailContainerUnknown_rejects() {
    rejectedWith(
        withProject(project().imageDetail("worker").build()),
        "CodeBuild project 'service-build': imageDetail container 'worker' is not one of its images");
  }
}
