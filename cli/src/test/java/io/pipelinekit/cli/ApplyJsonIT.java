package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.aws;
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
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@code pipeline apply --format json} against moto: the plan in docs/commands.md's convention. */
@ExtendWith(MotoExtension.class)
class ApplyJsonIT {

  @Test
  void applyJson_dryRunThenApplyThenUpToDate_printOnePlanDocumentEach(MotoServer moto)
      throws Exception {
    // moto's CreateProject needs a source location for CODEPIPELINE sources; the proxy adds one,
    // as in ApplyCommandIT.
    try (FaultProxy proxy =
        FaultProxy.start(moto.endpoint())
            .rewriteResponses(r -> true, FaultProxy.motoReads())
            // moto has no CodeConnections: the connection check stays a "not checked" warning.
            .unserved(operation("GetConnection"))
            .rewriteRequests(
                operation("CreateProject"), FaultProxy.motoCodePipelineProjectLocations())) {
      applyTwice(moto.endpoint(), proxy.endpoint());
    }
  }

  private static void applyTwice(URI moto, URI endpoint) throws Exception {
    String name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    String cluster = name + "-cluster";
    String role = MotoIam.createServiceRole(moto, name + "-pipeline", "codepipeline.amazonaws.com");
    ApplyFixture.referencedResources(
        moto, name + "-codebuild", name + "-artifacts", name + "/app", name + "/nginx");
    try (EcsClient ecs = ApplyFixture.ecs(moto)) {
      ApplyFixture.ecsService(ecs, cluster, name, "app", "nginx");
    }
    ObjectMapper json = new ObjectMapper();

    Run dry = apply(endpoint, name, role, cluster, "--dry-run", "--format", "json");
    assertThat(dry.code()).as(dry.err()).isZero();
    JsonNode plan = json.readTree(dry.out());
    assertThat(plan.fieldNames())
        .toIterable()
        .containsExactly(
            "ok",
            "pipeline",
            "region",
            "dryRun",
            "upToDate",
            "checks",
            "warnings",
            "changes",
            "summary");
    assertThat(plan.get("ok").asBoolean()).isTrue();
    assertThat(plan.get("pipeline").asText()).isEqualTo(name);
    assertThat(plan.get("region").asText()).isEqualTo("us-east-1");
    assertThat(plan.get("dryRun").asBoolean()).isTrue();
    assertThat(plan.get("upToDate").asBoolean()).isFalse();
    assertThat(plan.get("checks").toString()).contains("ECS service '" + name + "'");
    assertThat(plan.get("changes").findValuesAsText("action")).containsExactly("create", "create");
    assertThat(plan.at("/changes/1/kind").asText()).isEqualTo("CodePipeline pipeline");
    assertThat(plan.at("/changes/1/name").asText()).isEqualTo(name);
    assertThat(plan.at("/summary/created").asInt()).isEqualTo(2);

    Run applied = apply(endpoint, name, role, cluster, "--format", "json");
    assertThat(applied.code()).as(applied.err()).isZero();
    JsonNode done = json.readTree(applied.out());
    assertThat(done.get("dryRun").asBoolean()).isFalse();
    assertThat(done.at("/summary/created").asInt()).isEqualTo(2);

    Run again = apply(endpoint, name, role, cluster, "--format", "json");
    JsonNode same = json.readTree(again.out());
    assertThat(same.get("upToDate").asBoolean()).isTrue();
    assertThat(same.at("/summary/unchanged").asInt()).isEqualTo(2);
    assertThat(same.at("/changes/0/diff")).isEmpty();
  }

  private static Run apply(URI endpoint, String name, String role, String cluster, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--definition",
            ApplyTestPipeline.class.getName(),
            "-P",
            "name=" + name,
            "-P",
            "roleArn=" + role,
            "-P",
            "cluster=" + cluster));
    args.addAll(List.of(more));
    return aws("apply", endpoint, args.toArray(String[]::new));
  }
}
