package io.pipelinekit.aws.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which failures are worth retrying, and how to name them in one short line. */
public final class Failures {
  private Failures() {}

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
