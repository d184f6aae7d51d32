package io.pipelinekit.apispec;

/**
 * An OpenAPI document that cannot be read or is invalid. The message names the file and place (line
 * and column, or JSON pointer) and says how to fix it.
 */
public class ApiSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ApiSpecException(String message) {
    super(message);
  }

  public ApiSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
