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
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * Faults injected between the SDK and moto: retried faults succeed within the bound and are
 * reported; unretriable ones fail fast naming the call and error code; the live stage never moves
 * to a half-imported API.
 */
@ExtendWith(MotoExtension.class)
class PublishFaultsIT {
  @TempDir Path dir;

  private ApiGatewayClient aws;
  private FaultProxy proxy;
  private RecordingListener listener;
  private RestApiPublisher publisher;
  private String apiId;
  private String liveDeployment;
  private Path v2;

  @BeforeEach
  void setUp(MotoServer moto) {
    aws = direct(moto.endpoint());
    proxy = FaultProxy.start(moto.endpoint());
    listener = new RecordingListener();
    publisher = publisher(proxy.endpoint(), FAST_RETRIES, listener);
    apiId = createApi(aws, "orders");
    // A live stage serving v1, published without faults.
    PublishResult v1 =
        publisher.publish(options(write(dir, "v1.yaml", openApi("o", "/v1"))).build());
    liveDeployment = v1.deploymentId();
    v2 = write(dir, "v2.yaml", openApi("o", "/v1", "/v2"));
    proxy.clear();
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

  private Predicate<FaultProxy.Request> putRestApi() {
    return path("PUT", "/restapis/" + apiId);
  }

  private Predicate<FaultProxy.Request> createDeployment() {
    return path("POST", "/restapis/" + apiId + "/deployments");
  }

  private String stageDeployment() {
    return aws.getStage(r -> r.restApiId(apiId).stageName("prod")).deploymentId();
  }

  @Test
  void throttlingBurst_isRetriedAndReported_thenSucceeds() {
    proxy.inject(putRestApi(), 3, Fault.status(429, "TooManyRequestsException"));
    proxy.inject(createDeployment(), 2, Fault.status(429, "TooManyRequestsException"));

    PublishResult result = publisher.publish(options(v2).build());

    assertThat(result.changed()).isTrue();
    assertThat(stageDeployment()).isEqualTo(result.deploymentId());
    assertThat(listener.retries)
        .containsExactly(
            "PutRestApi | 429 TooManyRequestsException",
            "PutRestApi | 429 TooManyRequestsException",
            "PutRestApi | 429 TooManyRequestsException",
            "CreateDeployment | 429 TooManyRequestsException",
            "CreateDeployment | 429 TooManyRequestsException");
    // Three throttled + one accepted PutRestApi, two throttled + one accepted CreateDeployment.
    assertThat(writes(proxy)).hasSize(7);
  }

  @Test
  void serverErrorBurst_isRetried_thenSucceeds() {
    proxy.inject(
        putRestApi(),
        Fault.status(500, "InternalServerError"),
        Fault.status(502, "BadGateway"),
        Fault.status(503, "ServiceUnavailableException"));

    PublishResult result = publisher.publish(options(v2).build());

    assertThat(result.changed()).isTrue();
    assertThat(listener.retries)
        .containsExactly(
            "PutRestApi | 500 InternalServerError",
            "PutRestApi | 502 BadGateway",
            "PutRestApi | 503 ServiceUnavailableException");
  }

  @Test
  void conflict_isRetried_thenSucceeds() {
    proxy.inject(createDeployment(), 2, Fault.status(409, "ConflictException"));

    PublishResult result = publisher.publish(options(v2).build());

    assertThat(stageDeployment()).isEqualTo(result.deploymentId());
    assertThat(listener.retries)
        .containsExactly(
            "CreateDeployment | 409 ConflictException", "CreateDeployment | 409 ConflictException");
  }

  @Test
  void connectionReset_isRetried_thenSucceeds() {
    proxy.inject(putRestApi(), Fault.reset());

    PublishResult result = publisher.publish(options(v2).build());

    assertThat(result.changed()).isTrue();
    assertThat(listener.retries).hasSize(1);
    assertThat(listener.retries.get(0)).startsWith("PutRestApi | ");
  }

  @Test
  void responseSlowerThanAttemptTimeout_isRetried_thenSucceeds(MotoServer moto) {
    RetryPolicy shortAttempts =
        FAST_RETRIES.toBuilder().attemptTimeout(Duration.ofMillis(1500)).build();
    try (RestApiPublisher impatient = publisher(proxy.endpoint(), shortAttempts, listener)) {
      // PutRestApi is idempotent, so a timed-out attempt is simply repeated (CreateDeployment is
      // not: PublishSafetyIT).
      proxy.inject(putRestApi(), Fault.delay(Duration.ofMillis(3000)));

      PublishResult result = impatient.publish(options(v2).build());

      assertThat(stageDeployment()).isEqualTo(result.deploymentId());
      assertThat(listener.retries)
          .containsExactly("PutRestApi | no answer within the attempt timeout");
    }
  }

  @Test
  void throttlingPastTheBound_failsWithinIt_andStageKeepsServingPreviousDeployment() {
    RetryPolicy twoSeconds = FAST_RETRIES.toBuilder().maxRetryTime(Duration.ofSeconds(2)).build();
    try (RestApiPublisher bounded = publisher(proxy.endpoint(), twoSeconds, listener)) {
      proxy.inject(putRestApi(), 1000, Fault.status(429, "TooManyRequestsException"));
      long start = System.nanoTime();

      assertThatThrownBy(() -> bounded.publish(options(v2).build()))
          .isInstanceOf(PublishException.class)
          .hasMessageContaining("PutRestApi failed: TooManyRequestsException (HTTP 429)")
          .hasMessageContaining("still failing after")
          .hasMessageContaining("retry time limit 2.0s")
          .hasMessageContaining("stage 'prod' still serves deployment " + liveDeployment)
          .hasMessageContaining("--max-retry-time");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
      assertThat(stageDeployment()).isEqualTo(liveDeployment);
      assertThat(writes(proxy)).noneMatch(w -> w.contains("/deployments"));
    }
  }

  @Test
  void failingPutRestApi_failsFast_createsNoDeployment_andStageIsUnchanged() {
    proxy.inject(putRestApi(), Fault.status(400, "BadRequestException"));

    assertThatThrownBy(() -> publisher.publish(options(v2).build()))
        .isInstanceOf(PublishException.class)
        .satisfies(
            e -> {
              PublishException p = (PublishException) e;
              assertThat(p.call()).contains("PutRestApi");
              assertThat(p.errorCode()).contains("BadRequestException");
            })
        .hasMessageContaining("PutRestApi failed: BadRequestException (HTTP 400)")
        .hasMessageContaining(
            "No deployment was created; stage 'prod' still serves deployment "
                + liveDeployment
                + " (unchanged)")
        .hasMessageContaining("pipeline lint");

    assertThat(listener.retries).isEmpty();
    assertThat(stageDeployment()).isEqualTo(liveDeployment);
    assertThat(writes(proxy)).hasSize(1);
  }

  @Test
  void failingCreateDeployment_afterTheApiChanged_printsTheRestoreCommand() {
    proxy.inject(createDeployment(), Fault.status(403, "AccessDeniedException"));

    assertThatThrownBy(() -> publisher.publish(options(v2).build()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("CreateDeployment failed: AccessDeniedException (HTTP 403)")
        .hasMessageContaining("stage 'prod' still serves deployment " + liveDeployment)
        .hasMessageContaining(
            "aws apigateway get-export --region us-east-1 --rest-api-id "
                + apiId
                + " --stage-name prod --export-type oas30")
        .hasMessageContaining(
            "aws apigateway put-rest-api --region us-east-1 --rest-api-id "
                + apiId
                + " --mode overwrite");

    assertThat(stageDeployment()).isEqualTo(liveDeployment);
  }

  @Test
  void notFound_isNeverRetried() {
    proxy.inject(path("GET", "/restapis/" + apiId), Fault.status(404, "NotFoundException"));

    assertThatThrownBy(() -> publisher.publish(options(v2).build()))
        .isInstanceOf(PublishException.class)
        .hasMessageContaining("GetRestApi failed: NotFoundException");

    assertThat(listener.retries).isEmpty();
    assertThat(writes(proxy)).isEmpty();
  }
}
