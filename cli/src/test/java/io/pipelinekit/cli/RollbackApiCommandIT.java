package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.apiGateway;
import static io.pipelinekit.cli.DeployApiTestSupport.aws;
import static io.pipelinekit.cli.DeployApiTestSupport.stageDeployment;
import static io.pipelinekit.cli.DeployApiTestSupport.write;
import static io.pipelinekit.testing.TestApis.openApi;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** {@code pipeline rollback-api} against moto. */
@ExtendWith(MotoExtension.class)
class RollbackApiCommandIT {
  @TempDir Path dir;

  private URI endpoint;
  private ApiGatewayClient apigw;
  private String apiId;

  @BeforeEach
  void setUp(MotoServer moto) {
    endpoint = moto.endpoint();
    apigw = apiGateway(endpoint);
    apiId = apigw.createRestApi(r -> r.name("orders")).id();
  }

  @AfterEach
  void tearDown() {
    apigw.close();
  }

  private String deploy(String name, String... paths) {
    Path spec = write(dir, name, openApi("orders", paths));
    Run run =
        aws(
            "deploy-api",
            endpoint,
            "--rest-api-id",
            apiId,
            "--stage",
            "prod",
            "--spec",
            spec.toString(),
            // each document replaces the last one's paths: breaking, on purpose
            "--allow-breaking");
    assertThat(run.code()).as(run.err()).isZero();
    return stageDeployment(apigw, apiId, "prod");
  }

  @Test
  void rollbackApi_pointsStageAtPreviousDeployment() {
    String first = deploy("a.yaml", "/a");
    String second = deploy("b.yaml", "/a", "/b");

    Run run = aws("rollback-api", endpoint, "--rest-api-id", apiId, "--stage", "prod");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(stageDeployment(apigw, apiId, "prod")).isEqualTo(first);
    assertThat(run.out())
        .contains(
            "rolled back stage 'prod' of REST API "
                + apiId
                + ": deployment "
                + second
                + " -> "
                + first)
        .contains("pipelinekit spec-sha256=")
        .contains("invoke URL: https://" + apiId + ".execute-api.us-east-1.amazonaws.com/prod");
  }

  @Test
  void rollbackApi_toGivenDeployment() {
    String first = deploy("a.yaml", "/a");
    deploy("b.yaml", "/a", "/b");
    deploy("c.yaml", "/a", "/c");

    Run run =
        aws("rollback-api", endpoint, "--rest-api-id", apiId, "--stage", "prod", "--to", first);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(stageDeployment(apigw, apiId, "prod")).isEqualTo(first);
  }

  @Test
  void rollbackApi_withNothingEarlier_refusesWithExitOne() {
    String only = deploy("a.yaml", "/a");

    Run run = aws("rollback-api", endpoint, "--rest-api-id", apiId, "--stage", "prod");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("nothing to roll back to").contains(only);
    assertThat(stageDeployment(apigw, apiId, "prod")).isEqualTo(only);
  }

  @Test
  void rollbackApi_unknownDeployment_refusesNamingIt() {
    deploy("a.yaml", "/a");

    Run run =
        aws("rollback-api", endpoint, "--rest-api-id", apiId, "--stage", "prod", "--to", "zzz999");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("deployment zzz999 does not exist");
  }
}
