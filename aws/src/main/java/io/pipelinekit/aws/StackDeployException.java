package io.pipelinekit.aws;

/**
 * {@code deploy-stack} did not succeed: CloudFormation rejected the change set or its execution,
 * the change set failed, or the stack ended in a failed or rolled-back state. The message says what
 * state the stack is left in.
 */
public class StackDeployException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackDeployException(String message) {
    super(message);
  }

  public StackDeployException(String message, Throwable cause) {
    super(message, cause);
  }
}
