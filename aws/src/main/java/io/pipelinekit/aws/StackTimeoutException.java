package io.pipelinekit.aws;

/**
 * {@code deploy-stack} stopped waiting: the change set was still being computed, or the stack still
 * in progress, when the overall timeout ({@link StackDeployer.Builder#timeout}) ran out. Nothing
 * was cancelled or deleted; the message says what is left as it is and how to follow it.
 */
public final class StackTimeoutException extends StackDeployException {
  private static final long serialVersionUID = 1L;

  public StackTimeoutException(String message) {
    super(message);
  }
}
