package io.pipelinekit.aws;

import io.pipelinekit.aws.internal.BoundedRetryStrategy;
import io.pipelinekit.aws.internal.CallTracker;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * How calls to AWS are retried: throttling (429), 5xx, connection resets, timed-out attempts and
 * {@code ConflictException} are retried with exponential backoff and full jitter until {@link
 * #maxRetryTime()} has passed since the call started; other errors (bad request, not found,
 * unauthorized) never are.
 */
public final class RetryPolicy {
  private final Duration maxRetryTime;
  private final Duration baseDelay;
  private final Duration throttlingBaseDelay;
  private final Duration maxBackoff;
  private final Duration attemptTimeout;

  private RetryPolicy(Builder b) {
    this.maxRetryTime = positive(b.maxRetryTime, "maxRetryTime");
    this.baseDelay = positive(b.baseDelay, "baseDelay");
    this.throttlingBaseDelay = positive(b.throttlingBaseDelay, "throttlingBaseDelay");
    this.maxBackoff = positive(b.maxBackoff, "maxBackoff");
    this.attemptTimeout = positive(b.attemptTimeout, "attemptTimeout");
  }

  /**
   * The defaults for API Gateway's control plane (PutRestApi about 1 request/s, CreateDeployment
   * about 1 per 5 s): retry for up to 2 minutes, backoff from 1 s (2 s when throttled) up to 20 s,
   * each attempt cut off after 60 s.
   */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxRetryTime(maxRetryTime)
        .baseDelay(baseDelay)
        .throttlingBaseDelay(throttlingBaseDelay)
        .maxBackoff(maxBackoff)
        .attemptTimeout(attemptTimeout);
  }

  /** No retry starts later than this after the call began. */
  public Duration maxRetryTime() {
    return maxRetryTime;
  }

  /** The first backoff for 5xx, resets, timeouts and conflicts (doubled each attempt, jittered). */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** The first backoff after throttling (doubled each attempt, jittered). */
  public Duration throttlingBaseDelay() {
    return throttlingBaseDelay;
  }

  /** The longest single backoff. */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** How long one attempt may take before it counts as timed out (and is retried). */
  public Duration attemptTimeout() {
    return attemptTimeout;
  }

  /**
   * Configures an SDK client with this policy: the retry strategy (each retry reported to {@code
   * listener}), the per-attempt timeout, and the interceptor that names calls in retry reports. For
   * any AWS client, not only API Gateway's.
   */
  public ClientOverrideConfiguration.Builder applyTo(
      ClientOverrideConfiguration.Builder configuration, PublishListener listener) {
    Objects.requireNonNull(configuration, "configuration");
    Objects.requireNonNull(listener, "listener");
    return configuration
        .retryStrategy(new BoundedRetryStrategy(this, listener))
        .apiCallAttemptTimeout(attemptTimeout)
        .addExecutionInterceptor(new CallTracker());
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetryTime="
        + maxRetryTime
        + ", baseDelay="
        + baseDelay
        + ", throttlingBaseDelay="
        + throttlingBaseDelay
        + ", maxBackoff="
        + maxBackoff
        + ", attemptTimeout="
        + attemptTimeout
        + "}";
  }

  private static Duration positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
    return d;
  }

  public static final class Builder {
    private Duration maxRetryTime = Duration.ofMinutes(2);
    private Duration baseDelay = Duration.ofSeconds(1);
    private Duration throttlingBaseDelay = Duration.ofSeconds(2);
    private Duration maxBackoff = Duration.ofSeconds(20);
    private Duration attemptTimeout = Duration.ofSeconds(60);

    private Builder() {}

    public Builder maxRetryTime(Duration maxRetryTime) {
      this.maxRetryTime = maxRetryTime;
      return this;
    }

    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
      return this;
    }

    public Builder throttlingBaseDelay(Duration throttlingBaseDelay) {
      this.throttlingBaseDelay = throttlingBaseDelay;
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    public Builder attemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(this);
    }
  }
}
