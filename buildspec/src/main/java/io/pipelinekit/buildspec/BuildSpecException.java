package io.pipelinekit.buildspec;

/**
 * A buildspec, image definition or related input that is invalid. The message names the place (file
 * and path such as {@code $.phases.build.commands[2]}) and says how to fix it.
 */
public class BuildSpecException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildSpecException(String message) {
    super(message);
  }

  public BuildSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
