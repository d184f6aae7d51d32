package io.pipelinekit.aws.internal;

import io.pipelinekit.aws.PublishListener;
import io.pipelinekit.aws.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * An SDK v2 {@link RetryStrategy} bounded by total time rather than by attempts: retries what
 * {@link Failures#retryReason} calls retryable, with exponential backoff and full jitter (the SDK's
 * {@link BackoffStrategy#exponentialDelay}), a longer base after throttling, and stops when the
 * next attempt would start after {@link RetryPolicy#maxRetryTime()}. Each retry is reported to the
 * listener with the call's name (captured by {@link CallTracker}). Calls in {@link
 * Failures#NOT_IDEMPOTENT} are retried only after a failure that proves AWS did nothing.
 */
public final class BoundedRetryStrategy implements RetryStrategy {
  /** A ceiling only so the SDK's attempt header has a number; time is the real bound. */
  private static final int MAX_ATTEMPTS = 1000;

  private final RetryPolicy policy;
  private final PublishListener listener;
  private final BackoffStrategy backoff;
  private final BackoffStrategy throttlingBackoff;
  private final Predicate<Throwable> throttling;

  public BoundedRetryStrategy(RetryPolicy policy, PublishListener listener) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.backoff = BackoffStrategy.exponentialDelay(policy.baseDelay(), policy.maxBackoff());
    this.throttlingBackoff =
        BackoffStrategy.exponentialDelay(policy.throttlingBaseDelay(), policy.maxBackoff());
    this.throttling = Failures::isThrottling;
  }

  /** The state of one call across its attempts. */
  static final class Token implements RetryToken {
    final String call;
    final long startNanos;
    final int attempt;

    Token(String call, long startNanos, int attempt) {
      this.call = call;
      this.startNanos = startNanos;
      this.attempt = attempt;
    }
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    return AcquireInitialTokenResponse.create(
        new Token(CallTracker.currentCall(), System.nanoTime(), 1), Duration.ZERO);
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    Token token = (Token) request.token();
    Throwable failure = request.failure();
    String reason = Failures.retryReason(failure);
    if (reason == null) {
      throw new TokenAcquisitionFailedException("not retryable", token, failure);
    }
    if (Failures.NOT_IDEMPOTENT.contains(token.call) && !Failures.isDefiniteRejection(failure)) {
      // It may have been carried out: never repeated blindly; the caller looks for its effect.
      throw new TokenAcquisitionFailedException("not idempotent; outcome unknown", token, failure);
    }
    if (token.attempt >= MAX_ATTEMPTS) {
      CallTracker.gaveUp(token.attempt, elapsed(token));
      throw new TokenAcquisitionFailedException("too many attempts", token, failure);
    }
    Duration delay =
        (throttling.test(failure) ? throttlingBackoff : backoff).computeDelay(token.attempt);
    Duration suggested = request.suggestedDelay().orElse(Duration.ZERO);
    if (suggested.compareTo(delay) > 0) {
      delay = suggested;
    }
    Duration elapsed = elapsed(token);
    if (elapsed.plus(delay).compareTo(policy.maxRetryTime()) > 0) {
      CallTracker.gaveUp(token.attempt, elapsed);
      throw new TokenAcquisitionFailedException(
          "retry time " + policy.maxRetryTime() + " used up", token, failure);
    }
    listener.retrying(token.call, reason, delay, token.attempt);
    return RefreshRetryTokenResponse.create(
        new Token(token.call, token.startNanos, token.attempt + 1), delay);
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    return RecordSuccessResponse.create(request.token());
  }

  @Override
  public int maxAttempts() {
    return MAX_ATTEMPTS;
  }

  /** Used as configured: the SDK must not add its own retry conditions. */
  @Override
  public boolean useClientDefaults() {
    return false;
  }

  @Override
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static Duration elapsed(Token token) {
    return Duration.ofNanos(System.nanoTime() - token.startNanos);
  }

  /** Only rebuilds the same strategy: its settings come from {@link RetryPolicy}. */
  public static final class Builder
      implements RetryStrategy.Builder<Builder, BoundedRetryStrategy> {
    private final BoundedRetryStrategy strategy;

    private Builder(BoundedRetryStrategy strategy) {
      this.strategy = strategy;
    }

    @Override
    public Builder retryOnException(Predicate<Throwable> shouldRetry) {
      return this;
    }

    @Override
    public Builder maxAttempts(int maxAttempts) {
      return this;
    }

    @Override
    public Builder backoffStrategy(BackoffStrategy backoffStrategy) {
      return this;
    }

    @Override
    public Builder throttlingBackoffStrategy(BackoffStrategy backoffStrategy) {
      return this;
    }

    @Override
    public Builder treatAsThrottling(Predicate<Throwable> treatAsThrottling) {
      return this;
    }

    @Override
    public BoundedRetryStrategy build() {
      return strategy;
    }
  }
}
