package io.pipelinekit.aws.internal;

import java.time.Duration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Remembers, per thread, which operation the synchronous client is running (so retries can name it)
 * and whether the retry strategy gave up on it (so the error can say after how long).
 */
public final class CallTracker implements ExecutionInterceptor {
  /** What happened to the current call's retries. */
  public record GaveUp(int attempts, Duration elapsed) {}

  private static final ThreadLocal<String> CALL = new ThreadLocal<>();
  private static final ThreadLocal<GaveUp> GAVE_UP = new ThreadLocal<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    CALL.set(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    GAVE_UP.remove();
  }

  static String currentCall() {
    String call = CALL.get();
    return call == null ? "AWS call" : call;
  }

  static void gaveUp(int attempts, Duration elapsed) {
    GAVE_UP.set(new GaveUp(attempts, elapsed));
  }

  /** Whether the retry strategy gave up on the last call on this thread; clears it. */
  public static GaveUp takeGaveUp() {
    GaveUp g = GAVE_UP.get();
    GAVE_UP.remove();
    return g;
  }
}
