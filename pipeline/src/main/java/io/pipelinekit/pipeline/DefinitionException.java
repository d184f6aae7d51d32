package io.pipelinekit.pipeline;

import java.util.List;

/**
 * A pipeline definition that breaks one of CodePipeline's or CodeBuild's rules. The message names
 * the stage and action (or project) and says how to fix it; when a whole pipeline is checked, it
 * lists every problem found, one per line, and {@link #problems()} returns them.
 */
public class DefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public DefinitionException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /** Every problem of a pipeline, listed under a heading. */
  public DefinitionException(String heading, List<String> problems) {
    super(format(heading, problems));
    this.problems = List.copyOf(problems);
  }

  private static String format(String heading, List<String> problems) {
    StringBuilder b = new StringBuilder(heading);
    for (String problem : problems) {
      b.append("\n  - ").append(problem);
    }
    return b.toString();
  }

  /** Each problem: where, what, how to fix. */
  public List<String> problems() {
    return problems;
  }
}
