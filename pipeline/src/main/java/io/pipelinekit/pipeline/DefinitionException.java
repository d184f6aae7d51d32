package io.pipelinekit.pipeline;

/**
 * A pipeline definition that breaks one of CodePipeline's or CodeBuild's rules. The message names
 * the stage and action (or project) and says how to fix it.
 */
public class DefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
