package io.pipelinekit.aws;

/**
 * {@code apply} could not bring AWS in line with the definition: an ECS target does not match, or
 * AWS rejected a call. The message lists every problem found, what was already changed, and what to
 * do.
 */
public class ApplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApplyException(String message) {
    super(message);
  }

  public ApplyException(String message, Throwable cause) {
    super(message, cause);
  }
}
