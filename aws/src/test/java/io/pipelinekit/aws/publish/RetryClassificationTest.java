package io.pipelinekit.aws.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.aws.PublishListener;
import io.pipelinekit.aws.RetryPolicy;
import io.pipelinekit.aws.internal.BoundedRetryStrategy;
import io.pipelinekit.aws.internal.Failures;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/** Which failures are retried, and the time bound, without a network. */
class RetryClassificationTest {
  private static AwsServiceException aws(int status, String code) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build())
        .build();
  }

  @Test
  void retryReason_throttling5xxConflictResetsAndTimeouts_areRetried() {
    assertThat(Failures.retryReason(aws(429, "TooManyRequestsException")))
        .isEqualTo("429 TooManyRequestsException");
    assertThat(Failures.retryReason(aws(503, "ServiceUnavailableException")))
        .isEqualTo("503 ServiceUnavailableException");
    assertThat(Failures.retryReason(aws(409, "ConflictException")))
        .isEqualTo("409 ConflictException");
    assertThat(
            Failures.retryReason(
                SdkClientException.create("io", new SocketException("Connection reset"))))
        .isEqualTo("connection reset");
    assertThat(Failures.retryReason(ApiCallAttemptTimeoutException.create(1000)))
        .isEqualTo("no answer within the attempt timeout");
  }

  @Test
  void retryReason_badRequestNotFoundUnauthorizedAndNonIoClientErrors_areNot() {
    assertThat(Failures.retryReason(aws(400, "BadRequestException"))).isNull();
    assertThat(Failures.retryReason(aws(404, "NotFoundException"))).isNull();
    assertThat(Failures.retryReason(aws(401, "UnauthorizedException"))).isNull();
    assertThat(Failures.retryReason(aws(403, "AccessDeniedException"))).isNull();
    assertThat(Failures.retryReason(SdkClientException.create("Unable to load credentials")))
        .isNull();
  }

  @Test
  void strategy_reportsEachRetry_andStopsAtTheTimeBound() throws Exception {
    List<String> reported = new ArrayList<>();
    PublishListener listener =
        new PublishListener() {
          @Override
          public void retrying(String call, String reason, Duration wait, int attempt) {
            reported.add(attempt + " " + reason + " " + wait.toMillis());
          }
        };
    RetryPolicy policy =
        RetryPolicy.builder()
            .maxRetryTime(Duration.ofMillis(300))
            .baseDelay(Duration.ofMillis(100))
            .throttlingBaseDelay(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(100))
            .build();
    BoundedRetryStrategy strategy = new BoundedRetryStrategy(policy, listener);
    RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("x")).token();

    RefreshRetryTokenResponse first =
        strategy.refreshRetryToken(
            RefreshRetryTokenRequest.builder()
                .token(token)
                .failure(aws(500, "InternalFailure"))
                .build());
    assertThat(first.delay()).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(reported).hasSize(1);
    assertThat(reported.get(0)).startsWith("1 500 InternalFailure");

    Thread.sleep(350);
    RetryToken second = first.token();
    assertThatThrownBy(
            () ->
                strategy.refreshRetryToken(
                    RefreshRetryTokenRequest.builder()
                        .token(second)
                        .failure(aws(500, "InternalFailure"))
                        .build()))
        .isInstanceOf(TokenAcquisitionFailedException.class);
    assertThat(reported).hasSize(1);
  }

  @Test
  void strategy_neverRetriesBadRequest() {
    BoundedRetryStrategy strategy =
        new BoundedRetryStrategy(RetryPolicy.defaults(), PublishListener.NONE);
    RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("x")).token();

    assertThatThrownBy(
            () ->
                strategy.refreshRetryToken(
                    RefreshRetryTokenRequest.builder()
                        .token(token)
                        .failure(aws(400, "BadRequestException"))
                        .build()))
        .isInstanceOf(TokenAcquisitionFailedException.class);
  }

  @Test
  void retryPolicy_rejectsNonPositiveDurations() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetryTime(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRetryTime");
  }
}
