package io.pipelinekit.aws.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which failures are worth retrying, and how to name them in one short line. */
public final class Failures {
  /**
   * Calls that are not idempotent: repeating one whose answer was lost can make a second copy
   * ({@code CreateDeployment}:
   * https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html). The retry
   * strategy repeats them only after a failure that proves nothing was done ({@link
   * #isDefiniteRejection}); the caller reconciles the rest. CloudFormation's CreateChangeSet and
   * ExecuteChangeSet are reconciled by {@code StackDeployer} (DescribeChangeSet by name, the change
   * set's execution status) before any second attempt.
   */
  public static final Set<String> NOT_IDEMPOTENT =
      Set.of("CreateDeployment", "CreateChangeSet", "ExecuteChangeSet");

  private Failures() {}

  /**
   * Whether AWS certainly did not act on the request: it was throttled or refused as conflicting
   * (429, {@code ConflictException}: both answered before anything is created), rejected outright
   * (any other 4xx), or the connection was never made. 5xx, resets, timeouts and other I/O errors
   * are ambiguous: the request may have been carried out and only the answer lost.
   */
  public static boolean isDefiniteRejection(Throwable failure) {
    if (failure instanceof AwsServiceException aws) {
      return aws.statusCode() < 500;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Worth retrying ({@link #retryReason}) but possibly carried out: see {@link
   * #isDefiniteRejection}.
   */
  public static boolean isAmbiguous(Throwable failure) {
    return retryReason(failure) != null && !isDefiniteRejection(failure);
  }

  /**
   * Why {@code failure} is worth retrying ({@code 429 TooManyRequestsException}, {@code connection
   * reset}, ...), or null when it is not: a bad request, not found, unauthorized and other client
   * errors fail at once.
   */
  public static String retryReason(Throwable failure) {
    if (failure instanceof AwsServiceException aws) {
      int status = aws.statusCode();
      String code = errorCode(aws);
      if (isThrottling(aws) || status >= 500 || status == 409 || "ConflictException".equals(code)) {
        return status + " " + code;
      }
      return null;
    }
    if (failure instanceof ApiCallAttemptTimeoutException) {
      return "no answer within the attempt timeout";
    }
    if (failure instanceof SdkClientException) {
      for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
        if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
          return "timed out (" + t.getMessage() + ")";
        }
        if (t instanceof SocketException) {
          String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
          return m.contains("reset")
              ? "connection reset"
              : "connection failed (" + t.getMessage() + ")";
        }
        if (t instanceof IOException) {
          return "I/O error (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")";
        }
      }
    }
    return null;
  }

  /** Throttled by AWS: 429, or a throttling error code. */
  public static boolean isThrottling(Throwable failure) {
    if (failure instanceof AwsServiceException aws) {
      String code = errorCode(aws);
      return aws.statusCode() == 429
          || aws.isThrottlingException()
          || "TooManyRequestsException".equals(code)
          || "ThrottlingException".equals(code)
          || "Throttling".equals(code);
    }
    return false;
  }

  /** The AWS error code, or the HTTP status when AWS sent none. */
  public static String errorCode(AwsServiceException aws) {
    if (aws.awsErrorDetails() != null && aws.awsErrorDetails().errorCode() != null) {
      return aws.awsErrorDetails().errorCode();
    }
    return "HTTP" + aws.statusCode();
  }

  /** The AWS error message without the SDK's request-id suffix. */
  public static String errorMessage(AwsServiceException aws) {
    if (aws.awsErrorDetails() != null && aws.awsErrorDetails().errorMessage() != null) {
      return aws.awsErrorDetails().errorMessage();
    }
    return String.valueOf(aws.getMessage());
  }
}
