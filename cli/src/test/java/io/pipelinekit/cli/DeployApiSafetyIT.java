package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.apiGateway;
import static io.pipelinekit.cli.DeployApiTestSupport.aws;
import static io.pipelinekit.cli.DeployApiTestSupport.stageDeployment;
import static io.pipelinekit.cli.DeployApiTestSupport.write;
import static io.pipelinekit.testing.FaultProxy.path;
import static io.pipelinekit.testing.TestApis.openApi;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.FaultProxy.Fault;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Deployment;

/**
 * {@code pipeline deploy-api} when CreateDeployment's answer is lost, and when two publishes of one
 * stage interleave.
 */
@ExtendWith(MotoExtension.class)
class DeployApiSafetyIT {
  @TempDir Path dir;

  private ApiGatewayClient apigw;
  private FaultProxy proxy;
  private String apiId;

  @BeforeEach
  void setUp(MotoServer moto) {
    apigw = apiGateway(moto.endpoint());
    proxy = FaultProxy.start(moto.endpoint());
    apiId = apigw.createRestApi(r -> r.name("orders")).id();
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    apigw.close();
  }

  private Run deploy(URI endpoint, Path spec, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "--rest-api-id",
                apiId,
                "--stage",
                "prod",
                "--spec",
                spec.toString(),
                "--commit",
                "c0ffee1"));
    args.addAll(List.of(more));
    return aws("deploy-api", endpoint, args.toArray(String[]::new));
  }

  private List<Deployment> deployments() {
    return apigw.getDeploymentsPaginator(r -> r.restApiId(apiId)).items().stream().toList();
  }

  @Test
  void deployApi_lostCreateDeploymentAnswer_makesOneDeployment_andPrintsTheIdTheStageServes() {
    proxy.inject(path("POST", "/restapis/" + apiId + "/deployments"), Fault.resetAfterForwarding());

    Run run = deploy(proxy.endpoint(), write(dir, "v1.yaml", openApi("orders", "/orders")));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(deployments()).hasSize(1);
    String served = stageDeployment(apigw, apiId, "prod");
    assertThat(run.out()).contains("deployment id: " + served);
    assertThat(run.err()).contains("CreateDeployment failed (connection reset)");
  }

  @Test
  void deployApi_anotherPublishBetweenPutAndDeploy_loserExitsOneNamingWhatTheStageServes(
      MotoServer moto) throws Exception {
    Path mine = write(dir, "mine.yaml", openApi("orders", "/orders", "/mine"));
    Path theirs = write(dir, "theirs.yaml", openApi("orders", "/orders", "/theirs"));
    CountDownLatch otherDone = new CountDownLatch(1);
    // PutRestApi A ... (PutRestApi B, CreateDeployment B) ... then A's check, then A would deploy.
    proxy.inject(path("GET", "/restapis/" + apiId + "/resources"), Fault.holdUntil(otherDone));
    CompletableFuture<Run> loser =
        CompletableFuture.supplyAsync(() -> deploy(proxy.endpoint(), mine));
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (proxy.exchanges().stream().noneMatch(e -> e.method().equals("PUT"))) {
      assertThat(System.nanoTime()).as("PutRestApi within 30 s").isLessThan(until);
      Thread.sleep(20);
    }
    Run winner;
    try (FaultProxy other = FaultProxy.start(moto.endpoint())) {
      winner = deploy(other.endpoint(), theirs);
    }
    otherDone.countDown();
    Run lost = loser.get(60, TimeUnit.SECONDS);

    assertThat(winner.code()).as(winner.err()).isZero();
    String served = stageDeployment(apigw, apiId, "prod");
    assertThat(lost.code()).isEqualTo(1);
    assertThat(lost.err())
        .contains("another publish changed REST API " + apiId + " after this run's PutRestApi")
        .contains("it has no GET /mine")
        .contains("No deployment was created; stage 'prod' serves deployment " + served)
        .contains("commit c0ffee1; pipelinekit spec-sha256=")
        .doesNotContain("Exception");
    assertThat(deployments()).extracting(Deployment::id).containsExactly(served);

    // Re-running the loser now publishes its document (it is not "unchanged").
    // The stage serves theirs now: mine drops GET /theirs, a breaking change deploy-api refuses.
    Run refused = deploy(proxy.endpoint(), mine);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.out()).contains("breaking path-removed path /theirs was removed (GET).");
    Run again = deploy(proxy.endpoint(), mine, "--allow-breaking");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("deployed ");
  }
}
