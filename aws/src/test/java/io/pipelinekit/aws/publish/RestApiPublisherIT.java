package io.pipelinekit.aws.publish;

import static io.pipelinekit.aws.publish.PublishFixture.FAST_RETRIES;
import static io.pipelinekit.aws.publish.PublishFixture.createApi;
import static io.pipelinekit.aws.publish.PublishFixture.direct;
import static io.pipelinekit.aws.publish.PublishFixture.openApi;
import static io.pipelinekit.aws.publish.PublishFixture.publisher;
import static io.pipelinekit.aws.publish.PublishFixture.resourcePaths;
import static io.pipelinekit.aws.publish.PublishFixture.write;
import static io.pipelinekit.aws.publish.PublishFixture.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.aws.PublishException;
import io.pipelinekit.aws.PublishListener;
import io.pipelinekit.aws.PublishOptions;
import io.pipelinekit.aws.PublishResult;
import io.pipelinekit.aws.RestApiPublisher;
import io.pipelinekit.aws.RollbackResult;
import io.pipelinekit.aws.publish.PublishFixture.RecordingListener;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** Publishing and rollback against moto, through the real SDK and the counting proxy. */
@ExtendWith(MotoExtension.class)
class RestApiPublisherIT {
  @TempDir Path dir;

  private ApiGatewayClient aws;
  private FaultProxy proxy;
  private RecordingListener listener;
  private RestApiPublisher publisher;
  private String apiId;

  @BeforeEach
  void setUp(MotoServer moto) {
    aws = direct(moto.endpoint());
    proxy = FaultProxy.start(moto.endpoint());
    listener = new RecordingListener();
    publisher = publisher(proxy.endpoint(), FAST_RETRIES, listener);
    apiId = createApi(aws, "orders");
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

  @Test
  void publish_firstDeploy_createsStageWithExactlyTwoWriteCalls() {
    Path spec = write(dir, "openapi.yaml", openApi("orders", "/orders", "/orders/{id}"));

    PublishResult result = publisher.publish(options(spec).commitId("abc1234").build());

    assertThat(result.changed()).isTrue();
    assertThat(result.previousDeploymentId()).isEmpty();
    assertThat(result.invokeUrl())
        .isEqualTo("https://" + apiId + ".execute-api.us-east-1.amazonaws.com/prod");
    assertThat(writes(proxy))
        .containsExactly(
            "PUT /restapis/" + apiId + "?mode=overwrite&failonwarnings=true",
            "POST /restapis/" + apiId + "/deployments");
    var stage = aws.getStage(r -> r.restApiId(apiId).stageName("prod"));
    assertThat(stage.deploymentId()).isEqualTo(result.deploymentId());
    var deployment = aws.getDeployment(r -> r.restApiId(apiId).deploymentId(result.deploymentId()));
    assertThat(deployment.description())
        .startsWith("commit abc1234; pipelinekit spec-sha256=" + result.documentHash() + "; run=")
        .matches(".*; run=[0-9a-f]{12}");
    assertThat(resourcePaths(aws, apiId)).contains("/orders", "/orders/{id}");
  }

  @Test
  void publish_secondDeployWithChangedDocument_createsNewDeploymentAndMovesStage() {
    Path v1 = write(dir, "v1.yaml", openApi("orders", "/orders"));
    Path v2 = write(dir, "v2.yaml", openApi("orders", "/orders", "/customers"));
    PublishResult first = publisher.publish(options(v1).build());

    PublishResult second = publisher.publish(options(v2).build());

    assertThat(second.changed()).isTrue();
    assertThat(second.deploymentId()).isNotEqualTo(first.deploymentId());
    assertThat(second.previousDeploymentId()).contains(first.deploymentId());
    assertThat(aws.getStage(r -> r.restApiId(apiId).stageName("prod")).deploymentId())
        .isEqualTo(second.deploymentId());
  }

  @Test
  void publish_sameDocumentAgain_isUnchangedWithoutWrites_unlessForced() {
    Path spec = write(dir, "openapi.yaml", openApi("orders", "/orders"));
    PublishResult first = publisher.publish(options(spec).build());
    proxy.clear();

    PublishResult again = publisher.publish(options(spec).build());

    assertThat(again.changed()).isFalse();
    assertThat(again.deploymentId()).isEqualTo(first.deploymentId());
    assertThat(writes(proxy)).isEmpty();

    PublishResult forced = publisher.publish(options(spec).force(true).build());
    assertThat(forced.changed()).isTrue();
    assertThat(forced.deploymentId()).isNotEqualTo(first.deploymentId());
  }

  @Test
  void publish_overwriteDropsStaleResources_mergeKeepsThem() {
    Path v1 = write(dir, "v1.yaml", openApi("orders", "/orders", "/legacy"));
    Path v2 = write(dir, "v2.yaml", openApi("orders", "/orders", "/customers"));
    publisher.publish(options(v1).build());

    publisher.publish(options(v2).mode(PublishOptions.Mode.MERGE).build());
    assertThat(resourcePaths(aws, apiId)).contains("/orders", "/legacy", "/customers");

    publisher.publish(options(v2).mode(PublishOptions.Mode.OVERWRITE).allowBreaking(true).build());
    assertThat(resourcePaths(aws, apiId))
        .contains("/orders", "/customers")
        .doesNotContain("/legacy");
    String ordersId =
        aws.getResourcesPaginator(r -> r.restApiId(apiId)).items().stream()
            .filter(r -> r.path().equals("/orders"))
            .findFirst()
            .orElseThrow()
            .id();
    assertThat(aws.getMethod(r -> r.restApiId(apiId).resourceId(ordersId).httpMethod("GET")))
        .satisfies(m -> assertThat(m.methodIntegration().uri()).endsWith("/orders"));
  }

  @Test
  void publish_overwrite_warnsAboutPolicyAndEndpointTheDocumentLacks() {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
            + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}]}";
    String guarded =
        aws.createRestApi(
                r ->
                    r.name("files")
                        .policy(policy)
                        .endpointConfiguration(e -> e.typesWithStrings("REGIONAL")))
            .id();
    Path spec = write(dir, "openapi.yaml", openApi("files", "/files"));

    publisher.publish(options(spec).restApiId(guarded).build());

    assertThat(listener.warnings)
        .anySatisfy(
            w -> assertThat(w).contains("resource policy").contains("x-amazon-apigateway-policy"))
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("endpoint configuration [REGIONAL]")
                    .contains("--parameter endpointConfigurationTypes=REGIONAL"));
  }

  @Test
  void publish_merge_doesNotWarnAboutDrops() {
    String guarded =
        aws.createRestApi(
                r -> r.name("files").endpointConfiguration(e -> e.typesWithStrings("REGIONAL")))
            .id();
    Path spec = write(dir, "openapi.yaml", openApi("files", "/files"));

    publisher.publish(options(spec).restApiId(guarded).mode(PublishOptions.Mode.MERGE).build());

    assertThat(listener.warnings).isEmpty();
  }

  @Test
  void publish_documentOverSixMegabytes_isRefusedBeforeAnyCall() throws Exception {
    StringBuilder big = new StringBuilder(openApi("big", "/a"));
    big.append("x-padding: '");
    big.append("x".repeat(6 * 1024 * 1024));
    big.append("'\n");
    Path spec = write(dir, "big.yaml", big.toString());

    assertThatThrownBy(() -> publisher.publish(options(spec).build()))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining("big.yaml")
        .hasMessageContaining("6 MB");
    assertThat(proxy.exchanges()).isEmpty();
    assertThat(Files.size(spec)).isGreaterThan(6L * 1024 * 1024);
  }

  @Test
  void publish_unknownRestApi_failsNamingCallAndRemedy() {
    Path spec = write(dir, "openapi.yaml", openApi("orders", "/orders"));

    assertThatThrownBy(() -> publisher.publish(options(spec).restApiId("nope123").build()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("GetRestApi failed: NotFoundException")
        .hasMessageContaining("check --rest-api-id and --region");
    assertThat(writes(proxy)).isEmpty();
  }

  @Test
  void rollback_withoutTarget_pointsStageAtPreviousDeployment() {
    PublishResult first =
        publisher.publish(options(write(dir, "a.yaml", openApi("o", "/a"))).build());
    PublishResult second =
        publisher.publish(
            options(write(dir, "b.yaml", openApi("o", "/b"))).allowBreaking(true).build());
    proxy.clear();

    RollbackResult rollback = publisher.rollback(apiId, "prod", Optional.empty());

    assertThat(rollback.changed()).isTrue();
    assertThat(rollback.fromDeploymentId()).isEqualTo(second.deploymentId());
    assertThat(rollback.toDeploymentId()).isEqualTo(first.deploymentId());
    assertThat(aws.getStage(r -> r.restApiId(apiId).stageName("prod")).deploymentId())
        .isEqualTo(first.deploymentId());
    assertThat(writes(proxy)).containsExactly("PATCH /restapis/" + apiId + "/stages/prod");
  }

  @Test
  void rollback_toGivenDeployment_movesStageThere() {
    PublishResult first =
        publisher.publish(options(write(dir, "a.yaml", openApi("o", "/a"))).build());
    publisher.publish(
        options(write(dir, "b.yaml", openApi("o", "/b"))).allowBreaking(true).build());
    publisher.publish(
        options(write(dir, "c.yaml", openApi("o", "/c"))).allowBreaking(true).build());

    RollbackResult rollback = publisher.rollback(apiId, "prod", Optional.of(first.deploymentId()));

    assertThat(rollback.toDeploymentId()).isEqualTo(first.deploymentId());
    assertThat(aws.getStage(r -> r.restApiId(apiId).stageName("prod")).deploymentId())
        .isEqualTo(first.deploymentId());
  }

  @Test
  void rollback_withNoEarlierDeployment_refusesAndChangesNothing() {
    PublishResult only =
        publisher.publish(options(write(dir, "a.yaml", openApi("o", "/a"))).build());
    proxy.clear();

    assertThatThrownBy(() -> publisher.rollback(apiId, "prod", Optional.empty()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("no deployment created before it")
        .hasMessageContaining(only.deploymentId());
    assertThat(writes(proxy)).isEmpty();
  }

  @Test
  void rollback_unknownStageOrDeployment_refusesClearly() {
    publisher.publish(options(write(dir, "a.yaml", openApi("o", "/a"))).build());

    assertThatThrownBy(() -> publisher.rollback(apiId, "staging", Optional.empty()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("stage 'staging' does not exist");
    assertThatThrownBy(() -> publisher.rollback(apiId, "prod", Optional.of("zzz999")))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("deployment zzz999 does not exist");
  }

  @Test
  void publisher_withDefaultListener_publishes() {
    try (RestApiPublisher quiet = publisher(proxy.endpoint(), FAST_RETRIES, PublishListener.NONE)) {
      assertThat(quiet.publish(options(write(dir, "a.yaml", openApi("o", "/a"))).build()).changed())
          .isTrue();
    }
  }
}
