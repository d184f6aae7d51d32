package io.pipelinekit.aws;

import java.util.Optional;

/**
 * Publishing to API Gateway failed: AWS rejected a call, or it kept failing past the retry bound.
 * The message names the call, the AWS error code, what state the API and stage are left in, and
 * what to do.
 */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String call;
  private final String errorCode;

  public PublishException(String message) {
    this(message, null, null, null);
  }

  public PublishException(String message, String call, String errorCode, Throwable cause) {
    super(message, cause);
    this.call = call;
    this.errorCode = errorCode;
  }

  /** The AWS call that failed ({@code PutRestApi}, {@code CreateDeployment}, ...), if any. */
  public Optional<String> call() {
    return Optional.ofNullable(call);
  }

  /** The AWS error code ({@code BadRequestException}, ...), if AWS answered. */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }
}
