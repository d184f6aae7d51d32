package io.pipelinekit.aws.publish;

import static io.pipelinekit.aws.publish.PublishFixture.FAST_RETRIES;
import static io.pipelinekit.aws.publish.PublishFixture.createApi;
import static io.pipelinekit.aws.publish.PublishFixture.direct;
import static io.pipelinekit.aws.publish.PublishFixture.openApi;
import static io.pipelinekit.aws.publish.PublishFixture.publisher;
import static io.pipelinekit.aws.publish.PublishFixture.write;
import static io.pipelinekit.aws.publish.PublishFixture.writes;
import static io.pipelinekit.testing.FaultProxy.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.aws.PublishException;
import io.pipelinekit.aws.PublishOptions;
import io.pipelinekit.aws.PublishResult;
import io.pipelinekit.aws.RestApiPublisher;
import io.pipelinekit.aws.RetryPolicy;
import io.pipelinekit.aws.publish.PublishFixture.RecordingListener;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.FaultProxy.Fault;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * Publishing safely: a lost CreateDeployment answer makes one deployment, not two; another publish
 * between PutRestApi and CreateDeployment is detected; the document sent is the one loaded.
 */
@ExtendWith(MotoExtension.class)
class PublishSafetyIT {
  @TempDir Path dir;

  private ApiGatewayClient aws;
  private FaultProxy proxy;
  private RecordingListener listener;
  private RestApiPublisher publisher;
  private String apiId;
  private String liveDeployment;

  @BeforeEach
  void setUp(MotoServer moto) {
    aws = direct(moto.endpoint());
    proxy = FaultProxy.start(moto.endpoint());
    listener = new RecordingListener();
    publisher = publisher(proxy.endpoint(), FAST_RETRIES, listener);
    apiId = createApi(aws, "orders");
    liveDeployment =
        publisher
            .publish(options(write(dir, "v1.yaml", openApi("o", "/v1"))).build())
            .deploymentId();
    proxy.clear();
    listener.warnings.clear();
  }

  @AfterEach
  void tearDown() {
    publisher.close();
    proxy.close();
    aws.close();
  }

  private PublishOptions.Builder options(Path spec) {
    return PublishOptions.builder().restApiId(apiId).stageName("prod").spec(spec);
  }

  private Predicate<FaultProxy.Request> createDeployment() {
    return path("POST", "/restapis/" + apiId + "/deployments");
  }

  private String stageDeployment() {
    return aws.getStage(r -> r.restApiId(apiId).stageName("prod")).deploymentId();
  }

  private List<Deployment> deployments() {
    return aws.getDeploymentsPaginator(r -> r.restApiId(apiId)).items().stream().toList();
  }

  private List<Deployment> deploymentsClaiming(String hash) {
    return deployments().stream()
        .filter(d -> d.description() != null && d.description().contains("spec-sha256=" + hash))
        .toList();
  }

  @Test
  void lostCreateDeploymentAnswer_isNotRepeated_oneDeploymentAndTheStageServesIt() {
    proxy.inject(createDeployment(), Fault.resetAfterForwarding());

    PublishResult result =
        publisher.publish(options(write(dir, "v2.yaml", openApi("o", "/v1", "/v2"))).build());

    assertThat(deploymentsClaiming(result.documentHash())).hasSize(1);
    assertThat(deployments()).hasSize(2);
    assertThat(result.deploymentId()).isEqualTo(stageDeployment()).isNotEqualTo(liveDeployment);
    assertThat(writes(proxy))
        .containsExactly(
            "PUT /restapis/" + apiId + "?mode=overwrite&failonwarnings=true",
            "POST /restapis/" + apiId + "/deployments");
    assertThat(listener.retries).isEmpty();
    assertThat(listener.warnings)
        .anySatisfy(w -> assertThat(w).contains("CreateDeployment failed (connection reset)"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(result.deploymentId() + " is the one that CreateDeployment made"));
  }

  @Test
  void timedOutCreateDeploymentStillProcessed_isFoundInsteadOfRepeated() throws Exception {
    RetryPolicy shortAttempts =
        FAST_RETRIES.toBuilder().attemptTimeout(Duration.ofMillis(1500)).build();
    try (RestApiPublisher impatient = publisher(proxy.endpoint(), shortAttempts, listener)) {
      proxy.inject(createDeployment(), Fault.delay(Duration.ofMillis(3000)));

      PublishResult result =
          impatient.publish(options(write(dir, "v2.yaml", openApi("o", "/v1", "/v2"))).build());
      // The slow first attempt reaches moto after 3 s: wait for it before counting.
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (proxy.exchanges().stream().noneMatch(e -> "delay 3000ms".equals(e.fault()))) {
        assertThat(System.nanoTime()).as("the delayed CreateDeployment lands").isLessThan(until);
        Thread.sleep(20);
      }

      assertThat(deploymentsClaiming(result.documentHash())).hasSize(1);
      assertThat(result.deploymentId()).isEqualTo(stageDeployment());
      assertThat(writes(proxy).stream().filter(w -> w.startsWith("POST"))).hasSize(1);
    }
  }

  @Test
  void createDeploymentServerErrorWithNothingMade_isRetriedOnlyAfterLooking() {
    proxy.inject(createDeployment(), Fault.status(503, "ServiceUnavailableException"));

    PublishResult result =
        publisher.publish(options(write(dir, "v2.yaml", openApi("o", "/v1", "/v2"))).build());

    assertThat(deploymentsClaiming(result.documentHash())).hasSize(1);
    assertThat(result.deploymentId()).isEqualTo(stageDeployment());
    assertThat(listener.retries)
        .containsExactly(
            "CreateDeployment | 503 ServiceUnavailableException; no deployment was made");
    List<String> calls = proxy.exchanges().stream().map(FaultProxy.Exchange::call).toList();
    int failed = calls.indexOf("POST /restapis/" + apiId + "/deployments");
    assertThat(calls.subList(failed + 1, calls.size()))
        .startsWith("GET /restapis/" + apiId + "/deployments?limit=500");
  }

  @Test
  void anotherPublishBetweenPutAndCreateDeployment_isDetected_andNothingClaimsAWrongHash(
      MotoServer moto) throws Exception {
    Path mine = write(dir, "mine.yaml", openApi("o", "/v1", "/mine"));
    Path theirs = write(dir, "theirs.yaml", openApi("o", "/v1", "/theirs"));
    CountDownLatch otherDone = new CountDownLatch(1);
    // This run's check of the working definition waits until the other publish has finished.
    proxy.inject(path("GET", "/restapis/" + apiId + "/resources"), Fault.holdUntil(otherDone));
    CompletableFuture<PublishResult> run =
        CompletableFuture.supplyAsync(() -> publisher.publish(options(mine).build()));
    awaitPut();

    PublishResult other;
    try (FaultProxy otherProxy = FaultProxy.start(moto.endpoint());
        RestApiPublisher otherPublisher =
            publisher(otherProxy.endpoint(), FAST_RETRIES, new RecordingListener())) {
      // moto exports the working definition (mine, put but not deployed), not the stage's v1:
      // against it, theirs removes /mine.
      other = otherPublisher.publish(options(theirs).allowBreaking(true).build());
    }
    otherDone.countDown();

    assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("another publish changed REST API " + apiId)
        .hasMessageContaining("it has no GET /mine")
        .hasMessageContaining("No deployment was created")
        .hasMessageContaining("stage 'prod' serves deployment " + other.deploymentId());
    assertThat(writes(proxy)).noneMatch(w -> w.contains("/deployments"));
    assertThat(stageDeployment()).isEqualTo(other.deploymentId());
    assertThat(deploymentsClaiming(other.documentHash()))
        .extracting(Deployment::id)
        .containsExactly(other.deploymentId());
  }

  @Test
  void anotherPublishDuringCreateDeployment_failsAndTakesThisRunsHashOffItsDeployment(
      MotoServer moto) throws Exception {
    Path mine = write(dir, "mine.yaml", openApi("o", "/v1", "/mine"));
    Path theirs = write(dir, "theirs.yaml", openApi("o", "/v1", "/theirs"));
    CountDownLatch otherDone = new CountDownLatch(1);
    proxy.inject(createDeployment(), Fault.holdUntil(otherDone));
    // moto has no UpdateDeployment: answer it here, and check what was asked.
    proxy.inject(
        path("PATCH", "/restapis/" + apiId + "/deployments/"),
        Fault.respond(200, "{\"id\":\"x\",\"description\":\"relabelled\"}"));
    CompletableFuture<PublishResult> run =
        CompletableFuture.supplyAsync(() -> publisher.publish(options(mine).build()));
    awaitPut();
    Thread.sleep(500); // let the check pass and CreateDeployment reach the proxy

    try (FaultProxy otherProxy = FaultProxy.start(moto.endpoint());
        RestApiPublisher otherPublisher =
            publisher(otherProxy.endpoint(), FAST_RETRIES, new RecordingListener())) {
      // (moto exports mine, put but not deployed: against it, theirs removes /mine)
      otherPublisher.publish(options(theirs).allowBreaking(true).build());
    }
    otherDone.countDown();

    assertThatThrownBy(() -> run.get(60, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(PublishException.class)
        .hasMessageContaining(
            "another publish changed REST API " + apiId + " while this run deployed")
        .hasMessageContaining("may hold the other document")
        .hasMessageContaining("no longer claims this document's hash");
    FaultProxy.Exchange patch =
        proxy.exchanges().stream()
            .filter(e -> e.method().equals("PATCH"))
            .findFirst()
            .orElseThrow();
    assertThat(patch.body()).contains("/description").contains("pipelinekit unverified");
    assertThat(patch.body()).doesNotContain("spec-sha256");
  }

  @Test
  void yamlDocument_isSentAsTheLoadedJson_unquotedStatusKeysAndYaml11Words() {
    String yaml =
        "openapi: 3.0.1\n"
            + "info: {title: o, version: '1'}\n"
            + "paths:\n"
            + "  /flags:\n"
            + "    get:\n"
            + "      security: []\n"
            + "      responses:\n"
            + "        200: {description: ok}\n"
            + "        404: {description: missing}\n"
            + "      x-amazon-apigateway-integration:\n"
            + "        type: http_proxy\n"
            + "        httpMethod: GET\n"
            + "        uri: https://backend.example.com/flags\n"
            + "        requestTemplates:\n"
            + "          text/plain: on\n"
            + "          application/json: yes\n";
    Path spec = write(dir, "flags.yaml", yaml);

    // flags.yaml replaces v1's /v1: a breaking change, allowed here.
    PublishResult result = publisher.publish(options(spec).allowBreaking(true).build());

    assertThat(result.deploymentId()).isEqualTo(stageDeployment());
    String body =
        proxy.exchanges().stream()
            .filter(e -> e.method().equals("PUT"))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(body)
        .startsWith("{\"openapi\":\"3.0.1\"")
        .contains("\"200\":{\"description\":\"ok\"}");
    Resource flags =
        aws.getResourcesPaginator(r -> r.restApiId(apiId)).items().stream()
            .filter(r -> r.path().equals("/flags"))
            .findFirst()
            .orElseThrow();
    Method get = flags.resourceMethods().get("GET");
    assertThat(get.methodResponses()).containsOnlyKeys("200", "404");
    assertThat(get.methodIntegration().uri()).isEqualTo("https://backend.example.com/flags");
    assertThat(get.methodIntegration().requestTemplates())
        .containsEntry("text/plain", "on")
        .containsEntry("application/json", "yes");
  }

  /** Waits until this run's PutRestApi has been answered. */
  private void awaitPut() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (proxy.exchanges().stream().noneMatch(e -> e.method().equals("PUT"))) {
      assertThat(System.nanoTime()).as("PutRestApi within 30 s").isLessThan(until);
      Thread.sleep(20);
    }
  }
}
