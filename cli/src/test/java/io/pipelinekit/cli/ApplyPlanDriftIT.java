package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.aws;
import static io.pipelinekit.cli.DeployApiTestSupport.writes;
import static io.pipelinekit.testing.FaultProxy.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.aws.ApplyFixture;
import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoIam;
import io.pipelinekit.testing.MotoServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.ActionDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.StageDeclaration;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code apply --dry-run} and {@code drift} against moto: a pipeline changed by hand shows each
 * change by name, and {@code apply} refuses to start when what the pipeline refers to is missing.
 */
@ExtendWith(MotoExtension.class)
class ApplyPlanDriftIT {
  private final ObjectMapper json = new ObjectMapper();
  private MotoServer moto;
  private FaultProxy proxy;
  private String name;
  private String cluster;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    proxy =
        FaultProxy.start(moto.endpoint())
            .rewriteResponses(r -> true, FaultProxy.motoReads())
            // moto has no CodeConnections: the connection check stays a "not checked" warning.
            .unserved(operation("GetConnection"))
            .rewriteRequests(
                operation("CreateProject"), FaultProxy.motoCodePipelineProjectLocations());
    name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    cluster = name + "-cluster";
    try (EcsClient ecs = ApplyFixture.ecs(moto.endpoint())) {
      ApplyFixture.ecsService(ecs, cluster, name, "app", "nginx");
    }
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private Run run(String command, String role, String... more) {
    return aws(command, proxy.endpoint(), ApplyTestPipeline.arguments(name, role, cluster, more));
  }

  @Test
  void pipelineChangedByHand_dryRunAndDriftNameEachChange_exit3_thenApplyMakesThem0()
      throws Exception {
    String role =
        MotoIam.createServiceRole(
            moto.endpoint(), name + "-pipeline", "codepipeline.amazonaws.com");
    ApplyFixture.referencedResources(
        moto.endpoint(), name + "-codebuild", name + "-artifacts", name + "/app", name + "/nginx");
    Run created = run("apply", role);
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(run("drift", role).code()).isZero();

    changeByHand();

    Run dry = run("apply", role, "--dry-run", "--detailed-exitcode");
    assertThat(dry.code()).as(dry.err()).isEqualTo(3);
    assertThat(dry.out())
        .contains("checked the pipeline's role " + role + ": exists, trusted by")
        .contains("warning: not checked: stage 'Source' action 'Source' connection")
        .contains("(codeconnections:GetConnection failed: UnknownOperationException")
        .contains("= CodeBuild project '" + name + "-build': unchanged")
        .contains("~ CodePipeline pipeline '" + name + "': update")
        .contains("    - stage Approve\n")
        .contains("    - stages.Source.actions.Source.configuration.DetectChanges: \"false\"\n")
        .contains(
            "    - stages.Build.actions.Build.configuration.EnvironmentVariables:"
                + " \"[{\"name\":\"HAND\",\"value\":\"1\",\"type\":\"PLAINTEXT\"}]\"\n")
        .contains("dry run: nothing was changed")
        .doesNotContain("stages[");

    Run dryJson = run("apply", role, "--dry-run", "--detailed-exitcode", "--format", "json");
    assertThat(dryJson.code()).as(dryJson.err()).isEqualTo(3);
    JsonNode plan = json.readTree(dryJson.out());
    assertThat(plan.get("ok").asBoolean()).isFalse();
    assertThat(plan.get("upToDate").asBoolean()).isFalse();
    JsonNode differences = plan.at("/changes/1/differences");
    assertThat(differences.findValuesAsText("path"))
        .containsExactlyInAnyOrder(
            "stages.Approve",
            "stages.Source.actions.Source.configuration.DetectChanges",
            "stages.Build.actions.Build.configuration.EnvironmentVariables");
    JsonNode approve = differences.get(0);
    assertThat(approve.get("op").asText()).isEqualTo("remove");
    assertThat(approve.get("subject").asText()).isEqualTo("stage Approve");
    assertThat(approve.at("/before/actions/0/actionTypeId/provider").asText()).isEqualTo("Manual");
    assertThat(approve.get("after").isNull()).isTrue();

    Run drift = run("drift", role);
    assertThat(drift.code()).as(drift.err()).isEqualTo(3);
    assertThat(drift.out())
        .contains("    - stage Approve\n")
        .contains("drift: AWS differs from the definition of pipeline '" + name + "'");
    Run driftJson = run("drift", role, "--format", "json");
    assertThat(driftJson.code()).isEqualTo(3);
    assertThat(json.readTree(driftJson.out()).at("/changes/1/differences").size()).isEqualTo(3);
    assertThat(writes(proxy)).containsExactly("CreateProject", "CreatePipeline");

    proxy.clear();
    Run applied = run("apply", role);
    assertThat(applied.code()).as(applied.err()).isZero();
    assertThat(writes(proxy)).containsExactly("UpdatePipeline");

    Run again = run("apply", role, "--dry-run", "--detailed-exitcode");
    assertThat(again.code()).as(again.out()).isZero();
    assertThat(again.out()).contains("up to date");
    Run noDrift = run("drift", role);
    assertThat(noDrift.code()).as(noDrift.out()).isZero();
    assertThat(noDrift.out()).contains("no drift: pipeline '" + name + "'");
  }

  /**
   * Through CodePipeline's API, as a person in the console would: three changes (through a proxy of
   * their own, which turns moto's timestamps into what the SDK reads, and is not counted).
   */
  private void changeByHand() {
    try (FaultProxy own =
            FaultProxy.start(moto.endpoint()).rewriteResponses(r -> true, FaultProxy.motoReads());
        CodePipelineClient cp =
            CodePipelineClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(own.endpoint())
                .credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("testing", "testing")))
                .build()) {
      PipelineDeclaration live = cp.getPipeline(r -> r.name(name)).pipeline();
      List<StageDeclaration> stages = new ArrayList<>();
      for (StageDeclaration stage : live.stages()) {
        if (stage.name().equals("Deploy")) {
          stages.add(
              StageDeclaration.builder()
                  .name("Approve")
                  .actions(
                      a ->
                          a.name("Approve")
                              .actionTypeId(
                                  t ->
                                      t.category("Approval")
                                          .owner("AWS")
                                          .provider("Manual")
                                          .version("1"))
                              .runOrder(1))
                  .build());
        }
        List<ActionDeclaration> actions = new ArrayList<>();
        for (ActionDeclaration action : stage.actions()) {
          Map<String, String> configuration = new LinkedHashMap<>(action.configuration());
          if (stage.name().equals("Source")) {
            configuration.put("DetectChanges", "false");
          }
          if (stage.name().equals("Build")) {
            configuration.put(
                "EnvironmentVariables",
                "[{\"name\":\"HAND\",\"value\":\"1\",\"type\":\"PLAINTEXT\"}]");
          }
          actions.add(action.toBuilder().configuration(configuration).build());
        }
        stages.add(stage.toBuilder().actions(actions).build());
      }
      cp.updatePipeline(r -> r.pipeline(live.toBuilder().stages(stages).build()));
    }
  }

  @Test
  void referencedResourcesMissing_applyNamesEachAtOnce_andCreatesNothing() throws Exception {
    // The pipeline's role exists but trusts CodeBuild, not CodePipeline; the project's role, the
    // bucket and one repository are missing.
    String role =
        MotoIam.createServiceRole(moto.endpoint(), name + "-pipeline", "codebuild.amazonaws.com");
    try (var ecr =
        software.amazon.awssdk.services.ecr.EcrClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(moto.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      ecr.createRepository(r -> r.repositoryName(name + "/app"));
    }
    String missingRole = "arn:aws:iam::123456789012:role/" + name + "-missing";

    Run wrongTrust = run("apply", role);
    assertThat(wrongTrust.code()).isEqualTo(1);
    assertThat(wrongTrust.err())
        .contains("4 problems with what the pipeline refers to (nothing was changed)")
        .contains(
            "the pipeline's role "
                + role
                + " exists, but its trust policy does not let codepipeline.amazonaws.com assume it")
        .contains(
            "CodeBuild project '"
                + name
                + "-build''s service role arn:aws:iam::123456789012:role/"
                + name
                + "-codebuild does not exist")
        .contains("artifact bucket '" + name + "-artifacts' does not exist")
        .contains("ECR repository '" + name + "/nginx' does not exist")
        .doesNotContain("ECR repository '" + name + "/app' does not exist");

    Run missing = run("apply", missingRole, "--format", "json");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).contains("the pipeline's role " + missingRole + " does not exist");
    JsonNode failure = json.readTree(missing.out());
    assertThat(failure.get("ok").asBoolean()).isFalse();
    assertThat(failure.get("errors").get(0).asText()).contains("nothing was changed");
    assertThat(failure.get("problems")).hasSize(4);
    assertThat(failure.get("problems").get(0).asText())
        .startsWith("the pipeline's role " + missingRole + " does not exist");

    assertThat(writes(proxy)).isEmpty();
    try (CodeBuildClient cb =
        CodeBuildClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(moto.endpoint())
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build()) {
      assertThat(cb.batchGetProjects(r -> r.names(name + "-build")).projects()).isEmpty();
    }
  }
}
