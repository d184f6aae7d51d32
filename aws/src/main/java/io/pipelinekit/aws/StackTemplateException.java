package io.pipelinekit.aws;

/**
 * A CloudFormation template or its parameters cannot be deployed as given: unreadable, not JSON or
 * YAML, too large to send inline, no resources, a parameter that is not {@code KEY=VALUE} or that
 * the template does not declare. Found before any AWS call; the message names the file and place.
 */
public class StackTemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackTemplateException(String message) {
    super(message);
  }

  public StackTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
