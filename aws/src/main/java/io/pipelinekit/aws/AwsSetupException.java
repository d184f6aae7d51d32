package io.pipelinekit.aws;

/**
 * The AWS environment is not usable as given: no region, no credentials, a profile that does not
 * exist. The message says what is missing and how to provide it; it never contains credentials.
 */
public class AwsSetupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AwsSetupException(String message) {
    super(message);
  }

  public AwsSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
