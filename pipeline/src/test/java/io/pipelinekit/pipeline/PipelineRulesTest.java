package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.taskDefinition;
import static io.pipelinekit.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PipelineRulesTest {

  private static DefinitionException rejected(Pipeline.Builder pipeline) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(pipeline::build);
    assertThat(thrown).isInstanceOf(DefinitionException.class);
    return (DefinitionException) thrown;
  }

  /** Exactly one problem, containing every fragment. */
  private static void rejectedWith(Pipeline.Builder pipeline, String... fragments) {
    DefinitionException e = rejected(pipeline);
    assertThat(e.messages()).as(e.getMessage()).hasSize(1);
    assertThat(e.messages().get(0)).contains(fragments);
    assertThat(e.getMessage()).contains(fragments);
  }

  /**
   * A Source stage, a Build stage running {@code project}, and a Deploy stage whose task definition
   * has the container {@code worker}.
   */
  private static Pipeline.Builder buildingWorker(CodeBuildProject project) {
    return pipeline(
        stagesWith(
            Stage.named("Build", build().project(project).build()),
            Stage.named(
                "Deploy",
                deploy().taskDefinition(taskDefinition().addContainer("worker").build()).build())));
  }

  private static Stage[] stagesWith(Stage... middle) {
    List<Stage> stages = new ArrayList<>();
    stages.add(Stage.named("Source", source()));
    stages.addAll(List.of(middle));
    return stages.toArray(Stage[]::new);
  }

  @Test
  void build_whenValid_returnsPipeline() {
    Pipeline p = valid().build();
    assertThat(p.pipelineType()).isEqualTo(PipelineType.V2);
    assertThat(p.codeBuildProjects())
        .extracting(CodeBuildProject::name)
        .containsExactly("service-build");
    assertThat(p.codeBuildProjects().get(0).privilegedMode()).isTrue();
  }

  @Test
  void build_whenSeveralRulesBroken_listsEveryProblem() {
    DefinitionException e =
        rejected(
            pipeline(
                Stage.named("Build stage", build().build()),
                Stage.named("Deploy", deploy().deploymentTimeoutMinutes(90).build())));
    assertThat(e.messages()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(e.getMessage())
        .startsWith("pipeline 'service' breaks ")
        .contains("stage 'Build stage': the name is not allowed")
        .contains("the first stage may hold only source actions")
        .contains("DeploymentTimeout 90 is out of range");
  }

  @Nested
  class Names {
    @Test
    void build_whenPipelineNameHasSpace_rejectsWithPattern() {
      rejectedWith(
          valid().name("my service"),
          "pipeline name 'my service' is not allowed",
          "A-Z a-z 0-9 . @ _ -");
    }

    @Test
    void build_whenPipelineNameTooLong_rejects() {
      rejectedWith(valid().name("p".repeat(101)), "is not allowed: use 1–100 characters");
    }

    @Test
    void build_whenStageNameInvalid_rejectsWithStageName() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build/Test", build().build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build/Test': the name is not allowed");
    }

    @Test
    void build_whenActionNameInvalid_rejectsWithStageAndAction() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().name("Docker build").build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Docker build': the name is not allowed");
    }

    @Test
    void build_whenArtifactNameHasDot_rejectsWithArtifactPattern() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build().toBuilder().build()),
                  Stage.named(
                      "Test",
                      CodeBuildAction.builder()
                          .name("Test")
                          .project(project().name("service-test").build())
                          .inputs("Source")
                          .outputs("test.reports")
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Test' action 'Test': artifact name 'test.reports' is not allowed",
          "no dots");
    }

    @Test
    void build_whenNamespaceHasDot_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().namespace("Build.Vars").build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Build': namespace 'Build.Vars' is not allowed");
    }

    @Test
    void build_whenStageNamesRepeat_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()), Stage.named("Build", deploy().build()))),
          "stage 'Build' appears twice");
    }

    @Test
    void build_whenActionNamesRepeatInStage_rejectsWithStageAndAction() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().build(), ManualApprovalAction.named("Deploy")))),
          "stage 'Deploy' action 'Deploy': another action in this stage has the same name");
    }

    @Test
    void build_whenNamespaceUsedTwice_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().namespace("SourceVariables").build()),
                  Stage.named("Deploy", deploy().build()))),
          "namespace 'SourceVariables' is already used by stage 'Source' action 'Source'");
    }
  }

  @Nested
  class Stages {
    @Test
    void build_whenOneStage_rejectsWithStageCount() {
      DefinitionException e = rejected(pipeline(Stage.named("Source", source())));
      assertThat(e.getMessage()).contains("has 1 stage: CodePipeline needs 2–50");
    }

    @Test
    void build_when51Stages_rejectsWithStageCount() {
      List<Stage> stages = new ArrayList<>();
      stages.add(Stage.named("Source", source()));
      for (int i = 0; i < 50; i++) {
        stages.add(Stage.named("Approve" + i, ManualApprovalAction.named("Approve")));
      }
      rejectedWith(
          pipeline(stages.toArray(Stage[]::new)), "has 51 stages: CodePipeline needs 2–50");
    }

    @Test
    void build_whenSourceNotFirst_rejectsWithStageName() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named(
                      "Deploy",
                      deploy().build(),
                      Source.codeCommit("tools", "main").toBuilder()
                          .name("Tools")
                          .output("Tools")
                          .build()))),
          "stage 'Deploy' action 'Tools': source actions may appear only in the first stage",
          "move it to stage 'Source'");
    }

    @Test
    void build_whenFirstStageHasBuild_rejectsWithStageAndAction() {
      rejectedWith(
          pipeline(
              Stage.named("Source", source(), build().runOrder(2).build()),
              Stage.named("Deploy", deploy().build())),
          "stage 'Source' action 'Build': the first stage may hold only source actions",
          "move this Build action to a later stage");
    }

    @Test
    void build_whenOnlySources_rejects() {
      DefinitionException e =
          rejected(
              pipeline(
                  Stage.named("Source", source()),
                  Stage.named(
                      "More",
                      Source.s3("bucket", "key.zip").toBuilder().name("S3").output("S3").build())));
      assertThat(e.messages())
          .containsExactly(
              "stage 'More' action 'S3': source actions may appear only in the first stage; move it to stage 'Source'",
              "pipeline 'service' has no action besides sources: add a build, test, approval or deploy action");
    }

    @Test
    void build_when51ActionsInStage_rejects() {
      List<Action> approvals = new ArrayList<>();
      for (int i = 0; i < 51; i++) {
        approvals.add(ManualApprovalAction.named("Approve" + i));
      }
      rejectedWith(
          pipeline(stagesWith(Stage.builder().name("Approve").actions(approvals).build())),
          "stage 'Approve' has 51 actions: at most 50 per stage");
    }

    @Test
    void build_when501Actions_rejects() {
      List<Stage> stages = new ArrayList<>();
      stages.add(Stage.named("Source", source()));
      for (int s = 0; s < 10; s++) {
        List<Action> approvals = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          approvals.add(ManualApprovalAction.named("Approve" + i));
        }
        stages.add(Stage.builder().name("Approve" + s).actions(approvals).build());
      }
      rejectedWith(
          pipeline(stages.toArray(Stage[]::new)), "has 501 actions: at most 500 per pipeline");
    }

    @Test
    void build_whenRunOrderZero_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().runOrder(0).build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Build': runOrder 0 is out of range");
    }
  }

  @Nested
  class Artifacts {
    @Test
    void build_whenInputNotProduced_rejectsWithKnownOutputs() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().input("BuildOut").build()))),
          "stage 'Deploy' action 'Deploy': input artifact 'BuildOut' is not produced by any action",
          "(outputs: Source, BuildOutput)");
    }

    @Test
    void build_whenInputProducedInParallel_rejects() {
      rejectedWith(
          pipeline(stagesWith(Stage.named("Build", build().build(), deploy().build()))),
          "stage 'Build' action 'Deploy': input artifact 'BuildOutput' is produced by stage 'Build' action 'Build', which does not run before it");
    }

    @Test
    void build_whenInputProducedEarlierInSameStage_accepts() {
      Pipeline p =
          pipeline(stagesWith(Stage.named("Build", build().build(), deploy().runOrder(2).build())))
              .build();
      assertThat(p.actions()).hasSize(3);
    }

    @Test
    void build_whenOutputNameRepeats_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build().build(),
                      CodeBuildAction.builder()
                          .name("Lint")
                          .project(project().name("lint").build())
                          .inputs("Source")
                          .outputs("BuildOutput")
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "output artifact 'BuildOutput' is produced by stage 'Build' action 'Build' and stage 'Build' action 'Lint'",
          "must be unique");
    }

    @Test
    void build_whenCodeBuildHasNoInput_rejectsWithCounts() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      CodeBuildAction.builder()
                          .project(project().build())
                          .outputs("BuildOutput")
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Build': CodeBuild actions take 1–5 input artifacts, this one has 0");
    }

    @Test
    void build_whenCodeBuildHasSixOutputs_rejectsWithCounts() {
      CodeBuildProject.Builder project = project();
      for (String id : List.of("BuildOutput", "A", "B", "C", "D", "E")) {
        project.secondaryArtifact(id, "imagedefinitions.json");
      }
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .project(project.build())
                          .outputs("BuildOutput", "A", "B", "C", "D", "E")
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "CodeBuild actions produce 0–5 output artifacts, this one has 6");
    }

    @Test
    void build_whenCodeDeployToEcsHasFiveInputs_rejectsWithCounts() {
      CodeBuildProject p2 = project().name("other").build();
      Pipeline.Builder b =
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build().outputs("BuildOutput", "Templates", "Image1", "Image2").build(),
                      CodeBuildAction.builder()
                          .name("Other")
                          .project(p2)
                          .inputs("Source")
                          .outputs("Image3")
                          .build()),
                  Stage.named(
                      "Deploy",
                      CodeDeployToEcsAction.builder()
                          .applicationName("service")
                          .deploymentGroupName("service-dg")
                          .taskDefinitionTemplate("Templates", "taskdef.json")
                          .appSpecTemplate("Source", "appspec.yaml")
                          .image("Image1", "IMAGE1_NAME")
                          .image("Image2", "IMAGE2_NAME")
                          .image("Image3", "IMAGE3_NAME")
                          .build())));
      DefinitionException e = rejected(b);
      assertThat(e.messages())
          .anySatisfy(
              p ->
                  assertThat(p)
                      .contains(
                          "stage 'Deploy' action 'Deploy': CodeDeployToECS actions take 1–3 input artifacts, this one has 5"));
    }

    @Test
    void build_whenCodeDeployToEcsHasFiveImages_rejects() {
      CodeDeployToEcsAction.Builder deploy =
          CodeDeployToEcsAction.builder()
              .applicationName("service")
              .deploymentGroupName("service-dg")
              .taskDefinitionTemplate("Source", "taskdef.json")
              .appSpecTemplate("Source", "appspec.yaml");
      for (int i = 1; i <= 5; i++) {
        deploy.image("Source", "IMAGE" + i + "_NAME");
      }
      rejectedWith(
          pipeline(stagesWith(Stage.named("Deploy", deploy.build()))),
          "CodeDeployToECS takes 1–4 images, this one has 5");
    }

    @Test
    void build_whenTwoInputsWithoutPrimarySource_rejectsWithFix() {
      rejectedWith(
          pipeline(
              Stage.named(
                  "Source",
                  source(),
                  Source.codeCommit("config", "main").toBuilder()
                      .name("Config")
                      .output("Config")
                      .build()),
              Stage.named("Build", build().inputs("Source", "Config").build()),
              Stage.named("Deploy", deploy().build())),
          "stage 'Build' action 'Build': with 2 input artifacts CodeBuild needs PrimarySource",
          ".primarySource(\"Source\")");
    }

    @Test
    void build_whenPrimarySourceNotAnInput_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().primarySource("Src").build()),
                  Stage.named("Deploy", deploy().build()))),
          "PrimarySource 'Src' is not one of its input artifacts [Source]");
    }
  }

  @Nested
  class V2Only {
    @Test
    void build_whenV1HasTriggers_rejects() {
      rejectedWith(
          valid()
              .pipelineType(PipelineType.V1)
              .triggers(Trigger.onPush("Source", PushFilter.branches(Patterns.include("main")))),
          "is V1 but has triggers: triggers need V2");
    }

    @Test
    void build_whenV1HasVariables_rejects() {
      rejectedWith(
          valid().pipelineType(PipelineType.V1).variables(PipelineVariable.of("Env", "dev")),
          "is V1 but has pipeline variables");
    }

    @Test
    void build_whenV1Queued_rejects() {
      rejectedWith(
          valid().pipelineType(PipelineType.V1).executionMode(ExecutionMode.QUEUED),
          "is V1 but has execution mode QUEUED");
    }

    @Test
    void build_whenV2WithAllFeatures_accepts() {
      Pipeline p =
          valid()
              .executionMode(ExecutionMode.QUEUED)
              .variables(PipelineVariable.of("Env", "dev"))
              .triggers(Trigger.onPush("Source", PushFilter.branches(Patterns.include("main"))))
              .build();
      assertThat(p.triggers()).hasSize(1);
    }
  }

  @Nested
  class Triggers {
    @Test
    void build_whenTriggerOnCodeCommit_rejects() {
      rejectedWith(
          pipeline(
                  Stage.named("Source", Source.codeCommit("service", "main")),
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().build()))
              .triggers(Trigger.onPush("Source", PushFilter.branches(Patterns.include("main")))),
          "trigger on 'Source': triggers work only on CodeConnections",
          "this one is CodeCommit");
    }

    @Test
    void build_whenTriggerNamesUnknownAction_rejects() {
      rejectedWith(
          valid().triggers(Trigger.onPush("GitHub", PushFilter.branches(Patterns.include("main")))),
          "trigger on 'GitHub': no source action of that name in the first stage; name one of [Source]");
    }

    @Test
    void build_whenFourPushFilters_rejects() {
      PushFilter f = PushFilter.branches(Patterns.include("main"));
      rejectedWith(
          valid().triggers(Trigger.onPush("Source", f, f, f, f)), "has 4 push filters, at most 3");
    }

    @Test
    void build_whenFourPullRequestFilters_rejects() {
      PullRequestFilter f = PullRequestFilter.on(Patterns.include("main"), PullRequestEvent.OPEN);
      rejectedWith(
          valid().triggers(Trigger.onPullRequest("Source", f, f, f, f)),
          "has 4 pull-request filters, at most 3");
    }

    @Test
    void build_whenNineIncludePatterns_rejects() {
      rejectedWith(
          valid()
              .triggers(
                  Trigger.onPush(
                      "Source",
                      PushFilter.branches(
                          Patterns.include("a", "b", "c", "d", "e", "f", "g", "h", "i")))),
          "trigger on 'Source' push[0] branches: 9 include patterns, at most 8");
    }

    @Test
    void build_whenNineExcludePatterns_rejects() {
      rejectedWith(
          valid()
              .triggers(
                  Trigger.onPush(
                      "Source",
                      PushFilter.branches(
                          Patterns.include("*")
                              .excluding("a", "b", "c", "d", "e", "f", "g", "h", "i")))),
          "push[0] branches: 9 exclude patterns, at most 8");
    }

    @Test
    void build_whenTagsCombinedWithBranches_rejects() {
      rejectedWith(
          valid()
              .triggers(
                  Trigger.onPush(
                      "Source",
                      PushFilter.builder()
                          .tags(Patterns.include("v*"))
                          .branches(Patterns.include("main"))
                          .build())),
          "push[0]: tag filters cannot be combined with branch or file-path filters");
    }

    @Test
    void build_whenTagsCombinedWithFilePaths_rejects() {
      rejectedWith(
          valid()
              .triggers(
                  Trigger.onPush(
                      "Source",
                      PushFilter.builder()
                          .tags(Patterns.include("v*"))
                          .filePaths(Patterns.include("src/**"))
                          .build())),
          "tag filters cannot be combined with branch or file-path filters");
    }

    @Test
    void build_whenPullRequestFilterWithoutBranches_rejects() {
      rejectedWith(
          valid()
              .triggers(
                  Trigger.onPullRequest(
                      "Source",
                      PullRequestFilter.builder().events(List.of(PullRequestEvent.OPEN)).build())),
          "pullRequest[0]: pull-request filters need branches");
    }

    @Test
    void build_whenTagAndBranchFiltersSeparate_accepts() {
      Pipeline p =
          valid()
              .triggers(
                  Trigger.builder()
                      .sourceActionName("Source")
                      .push(
                          List.of(
                              PushFilter.tags(Patterns.include("v*")),
                              PushFilter.builder()
                                  .branches(Patterns.include("main"))
                                  .filePaths(Patterns.include("service/**"))
                                  .build()))
                      .pullRequest(
                          List.of(
                              PullRequestFilter.on(
                                  Patterns.include("main"),
                                  PullRequestEvent.OPEN,
                                  PullRequestEvent.UPDATED)))
                      .build())
              .build();
      assertThat(p.triggers().get(0).push()).hasSize(2);
    }
  }

  @Nested
  class Configuration {
    @Test
    void build_whenEnvironmentVariablesJsonOver1000_rejectsWithRemedy() {
      EnvironmentVariable[] vars = new EnvironmentVariable[12];
      for (int i = 0; i < vars.length; i++) {
        vars[i] = EnvironmentVariable.plaintext("SETTING_" + i, "x".repeat(80));
      }
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().environmentVariables(vars).build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Build': configuration value EnvironmentVariables is",
          "at most 1000",
          "Parameter Store");
    }

    @Test
    void build_whenPlaintextVariableNamedLikeSecret_rejectsAndPointsToSecretsManager() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .environmentVariables(
                              EnvironmentVariable.plaintext("DB_PASSWORD", "hunter2"))
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Build' environment variable DB_PASSWORD: a plaintext value that looks like a secret",
          "EnvironmentVariable.secretsManager(\"DB_PASSWORD\"",
          "EnvironmentVariable.parameterStore(");
    }

    @Test
    void build_whenPlaintextValueIsAccessKey_rejectsInProject() {
      Pipeline.Builder b =
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .project(
                              project()
                                  .environmentVariables(
                                      EnvironmentVariable.plaintext(
                                          "UPLOAD_ID", "AKIAIOSFODNN7EXAMPLE"))
                                  .build())
                          .build()),
                  Stage.named("Deploy", deploy().build())));
      rejectedWith(
          b,
          "CodeBuild project 'service-build' environment variable UPLOAD_ID: a plaintext value that looks like a secret");
    }

    @Test
    void build_whenSecretFromSecretsManager_accepts() {
      Pipeline p =
          pipeline(
                  stagesWith(
                      Stage.named(
                          "Build",
                          build()
                              .environmentVariables(
                                  EnvironmentVariable.secretsManager(
                                      "DB_PASSWORD", "prod/db:password"),
                                  EnvironmentVariable.parameterStore("API_TOKEN", "/service/token"))
                              .build()),
                      Stage.named("Deploy", deploy().build())))
              .build();
      assertThat(p.actions().get(1).configuration().get("EnvironmentVariables"))
          .isEqualTo(
              "[{\"name\":\"DB_PASSWORD\",\"value\":\"prod/db:password\",\"type\":\"SECRETS_MANAGER\"},{\"name\":\"API_TOKEN\",\"value\":\"/service/token\",\"type\":\"PARAMETER_STORE\"}]");
    }

    @Test
    void build_whenVariableNameReserved_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .environmentVariables(EnvironmentVariable.plaintext("CODEBUILD_X", "1"))
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "environment variable CODEBUILD_X: names starting with CODEBUILD_ are reserved");
    }

    @Test
    void build_whenEcsTimeoutOver60_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().deploymentTimeoutMinutes(61).build()))),
          "stage 'Deploy' action 'Deploy': DeploymentTimeout 61 is out of range: use 1–60 minutes");
    }

    @Test
    void build_whenEcsRolesUnknown_rejectsForLeastPrivilege() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().taskDefinition(null).build()))),
          "stage 'Deploy' action 'Deploy': the roles the deploy passes to ECS are unknown",
          ".passRoleArns(...)");
    }
  }

  @Nested
  class Projects {
    @Test
    void build_whenImagesWithoutPrivilegedMode_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build", build().project(project().privilegedMode(false).build()).build()),
                  Stage.named("Deploy", deploy().build()))),
          "CodeBuild project 'service-build': builds container images but privileged mode is off",
          "Cannot connect to the Docker daemon");
    }

    @Test
    void build_whenImagesWithoutDockerCache_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build", build().project(project().cache(BuildCache.none()).build()).build()),
                  Stage.named("Deploy", deploy().build()))),
          "builds container images without a Docker layer cache");
    }

    @Test
    void build_whenImageTaggedLatestImplicitly_rejects() {
      CodeBuildProject p =
          project()
              .addImage(
                  ContainerImage.builder()
                      .containerName("worker")
                      .repository("service/worker")
                      .tagPolicy(ImageTagPolicy.fixed("latest"))
                      .build())
              .build();
      DefinitionException e = rejected(buildingWorker(p));
      assertThat(e.messages())
          .containsExactly(
              "CodeBuild project 'service-build' image 'worker': pushes the mutable tag 'latest', which makes deploys unreproducible; keep the commit-id tag (ImageTagPolicy.commitId()), or ask for it explicitly with ImageTagPolicy.latest()");
    }

    @Test
    void build_whenAdditionalTagLatest_rejects() {
      CodeBuildProject p =
          project()
              .addImage(
                  ContainerImage.builder()
                      .containerName("worker")
                      .repository("service/worker")
                      .additionalTags(List.of("latest"))
                      .build())
              .build();
      DefinitionException e = rejected(buildingWorker(p));
      assertThat(e.getMessage()).contains("image 'worker': pushes the mutable tag 'latest'");
    }

    @Test
    void build_whenLatestExplicit_accepts() {
      CodeBuildProject p =
          project()
              .addImage(
                  ContainerImage.builder()
                      .containerName("worker")
                      .repository("service/worker")
                      .tagPolicy(ImageTagPolicy.latest())
                      .build())
              .build();
      Pipeline built = buildingWorker(p).build();
      assertThat(built.codeBuildProjects().get(0).images()).hasSize(3);
    }

    @Test
    void build_whenRepositoryNameUppercase_rejects() {
      CodeBuildProject p =
          project().addImage(ContainerImage.of("worker", "Service/Worker", "Dockerfile")).build();
      rejected(buildingWorker(p));
      assertThatThrownBy(
              () ->
                  pipeline(
                          stagesWith(
                              Stage.named("Build", build().project(p).build()),
                              Stage.named(
                                  "Deploy",
                                  deploy()
                                      .taskDefinition(
                                          taskDefinition()
                                              .containers("app", "nginx", "worker")
                                              .build())
                                      .build())))
                      .build())
          .hasMessageContaining("'Service/Worker' is not an ECR repository name");
    }

    @Test
    void build_whenTimeoutOutOfRange_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build", build().project(project().timeoutInMinutes(3000).build()).build()),
                  Stage.named("Deploy", deploy().build()))),
          "CodeBuild project 'service-build': timeoutInMinutes 3000 must be 5–2160");
    }

    @Test
    void build_whenRestApiIdMalformed_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .project(
                              project().api(ApiPublication.of("my-api", "dev", "api.yaml")).build())
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "API my-api: a REST API id is 10 lowercase letters and digits");
    }

    @Test
    void build_whenApiFragmentOutsideSourceRoot_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .project(
                              project()
                                  .api(ApiPublication.of("a1b2c3d4e5", "dev", "../secrets.yaml"))
                                  .build())
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "fragment '../secrets.yaml' must be a path inside the source root");
    }

    @Test
    void build_whenExportedVariableReserved_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .project(project().exportedVariables("AWS_REGION_NAME").build())
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "exported variable AWS_REGION_NAME uses a reserved prefix");
    }
  }

  @Nested
  class CrossFile {
    @Test
    void build_whenImageNotInTaskDefinition_rejectsWithContainerNames() {
      DefinitionException e =
          rejected(
              pipeline(
                  stagesWith(
                      Stage.named("Build", build().build()),
                      Stage.named(
                          "Deploy",
                          deploy()
                              .taskDefinition(
                                  TaskDefinition.builder()
                                      .family("service")
                                      .taskRoleArn("arn:aws:iam::111122223333:role/t")
                                      .containers("web", "nginx")
                                      .build())
                              .build()))));
      assertThat(e.messages())
          .contains(
              "stage 'Deploy' action 'Deploy': imagedefinitions.json names container 'app' (an image of project 'service-build'), but task definition 'service' has no such container [web, nginx]; the deploy would fail: make the image's container name match the task definition's",
              "stage 'Deploy' action 'Deploy': task definition 'service' container 'web' gets no image from project 'service-build' [app, nginx]; build an image with that container name, or list it with .otherContainers(...)");
    }

    @Test
    void build_whenBuiltImageListedAsOtherContainer_rejects() {
      DefinitionException e =
          rejected(
              pipeline(
                  stagesWith(
                      Stage.named("Build", build().build()),
                      Stage.named(
                          "Deploy",
                          deploy()
                              .taskDefinition(
                                  TaskDefinition.builder()
                                      .family("service")
                                      .containers("app")
                                      .otherContainers("nginx")
                                      .taskRoleArn("arn:aws:iam::111122223333:role/t")
                                      .build())
                              .build()))));
      assertThat(e.getMessage())
          .contains(
              "names container 'nginx', which task definition 'service' lists as not deployed by this pipeline");
    }

    @Test
    void build_whenSidecarListedAsOtherContainer_accepts() {
      Pipeline p =
          pipeline(
                  stagesWith(
                      Stage.named("Build", build().build()),
                      Stage.named(
                          "Deploy",
                          deploy()
                              .taskDefinition(taskDefinition().otherContainers("xray").build())
                              .build())))
              .build();
      assertThat(p.stages()).hasSize(3);
    }

    @Test
    void build_whenEcsInputHasNoImageDefinitions_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().input("Source").build()))),
          "stage 'Deploy' action 'Deploy': its input 'Source' comes from GitHub acme/service@main, which writes no image definitions");
    }

    @Test
    void build_whenEcsFileNameNotAnArtifactFile_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named("Deploy", deploy().fileName("imagedefs.json").build()))),
          "stage 'Deploy' action 'Deploy': FileName 'imagedefs.json' is not among the buildspec's artifact files for 'BuildOutput' [imagedefinitions.json]",
          "make FileName and the project's imageDefinitionsFile the same");
    }

    @Test
    void build_whenEcsReadsSecondaryArtifactWithoutTheFile_rejects() {
      CodeBuildProject p =
          project()
              .secondaryArtifact("BuildOutput", "imagedefinitions.json")
              .secondaryArtifact("Reports", "reports/**/*")
              .build();
      Pipeline ok =
          pipeline(
                  stagesWith(
                      Stage.named(
                          "Build", build().project(p).outputs("BuildOutput", "Reports").build()),
                      Stage.named("Deploy", deploy().build())))
              .build();
      assertThat(ok.actions()).hasSize(3);
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build", build().project(p).outputs("BuildOutput", "Reports").build()),
                  Stage.named("Deploy", deploy().input("Reports").build()))),
          "FileName 'imagedefinitions.json' is not among the buildspec's artifact files for 'Reports' [reports/**/*]");
    }

    @Test
    void build_whenOutputsDoNotMatchSecondaryArtifacts_rejects() {
      CodeBuildProject p =
          project()
              .secondaryArtifact("BuildOutput", "imagedefinitions.json")
              .secondaryArtifact("Report", "reports/*")
              .build();
      DefinitionException e =
          rejected(
              pipeline(
                  stagesWith(
                      Stage.named(
                          "Build", build().project(p).outputs("BuildOutput", "Reports").build()),
                      Stage.named("Deploy", deploy().build()))));
      assertThat(e.messages())
          .containsExactly(
              "stage 'Build' action 'Build': output artifact 'Reports' has no secondary artifact with that identifier in project 'service-build's buildspec [BuildOutput, Report]; with more than one output every output must match a secondary-artifacts identifier: add .secondaryArtifact(\"Reports\", files...)",
              "stage 'Build' action 'Build': secondary artifact 'Report' of project 'service-build' is not an output of the action [BuildOutput, Reports]; add it to .outputs(...) or remove it");
    }

    @Test
    void build_whenReferenceToUnknownNamespace_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .environmentVariables(
                              EnvironmentVariable.plaintext("COMMIT", "#{Src.CommitId}"))
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Build': EnvironmentVariables references #{Src.CommitId}, but no action has namespace 'Src'",
          "(namespaces: BuildVariables, SourceVariables)");
    }

    @Test
    void build_whenReferenceToUnexportedVariable_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named("Build", build().build()),
                  Stage.named(
                      "Deploy",
                      deploy().build(),
                      ManualApprovalAction.builder()
                          .name("Check")
                          .customData("tag #{BuildVariables.IMAGE_TAGS}")
                          .build()))),
          "stage 'Deploy' action 'Check': CustomData references #{BuildVariables.IMAGE_TAGS}, but stage 'Build' action 'Build' exports no variable 'IMAGE_TAGS' [IMAGE_TAG]",
          "add it to the project's exported variables");
    }

    @Test
    void build_whenReferenceToLaterAction_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build().build(),
                      ManualApprovalAction.builder()
                          .name("Check")
                          .customData("#{BuildVariables.IMAGE_TAG}")
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "stage 'Build' action 'Check': CustomData references #{BuildVariables.IMAGE_TAG}, but stage 'Build' action 'Build' does not run before it");
    }

    @Test
    void build_whenReferenceToUndeclaredPipelineVariable_rejects() {
      rejectedWith(
          pipeline(
              stagesWith(
                  Stage.named(
                      "Build",
                      build()
                          .environmentVariables(
                              EnvironmentVariable.plaintext("ENV", "#{variables.Env}"))
                          .build()),
                  Stage.named("Deploy", deploy().build()))),
          "references #{variables.Env}, but the pipeline has no variable 'Env'");
    }

    @Test
    void build_whenReferencesResolve_accepts() {
      Pipeline p =
          pipeline(
                  stagesWith(
                      Stage.named(
                          "Build",
                          build()
                              .environmentVariables(
                                  EnvironmentVariable.plaintext(
                                      "COMMIT", "#{SourceVariables.CommitId}"),
                                  EnvironmentVariable.plaintext("ENV", "#{variables.Env}"),
                                  EnvironmentVariable.plaintext(
                                      "RUN", "#{codepipeline.PipelineExecutionId}"))
                              .build()),
                      Stage.named(
                          "Deploy",
                          ManualApprovalAction.builder()
                              .name("Check")
                              .customData("deploy #{BuildVariables.IMAGE_TAG}")
                              .build(),
                          deploy().runOrder(2).build())))
              .variables(PipelineVariable.of("Env", "dev"))
              .build();
      assertThat(p.actions()).hasSize(4);
    }
  }
}
