package io.pipelinekit.pipeline;

import io.pipelinekit.core.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline definition that breaks one of CodePipeline's or CodeBuild's rules. The message names
 * the stage and action (or project) and says how to fix it; when a whole pipeline is checked, it
 * lists every problem found, one per line, and {@link #problems()} returns them with their rule ids
 * ({@link PipelineRuleSet}).
 */
public class DefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Finding> problems;
  private final List<String> messages;

  /** One problem that is not a structure rule (a required setting, a file that cannot be read). */
  public DefinitionException(String message) {
    super(message);
    this.problems = List.of();
    this.messages = List.of(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of();
    this.messages = List.of(message);
  }

  /** Every rule a pipeline breaks, listed under a heading, one line per finding's message. */
  public DefinitionException(String heading, List<Finding> problems) {
    super(format(heading, problems));
    this.problems = List.copyOf(problems);
    List<String> texts = new ArrayList<>();
    problems.forEach(p -> texts.add(p.message()));
    this.messages = List.copyOf(texts);
  }

  /**
   * Every problem that is no structure rule (missing or invalid settings, parameters not given),
   * one per line under a heading; a single one is its own message.
   */
  public static DefinitionException listing(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems to list");
    }
    if (problems.size() == 1) {
      return new DefinitionException(problems.get(0));
    }
    StringBuilder b = new StringBuilder(problems.size() + " problems to fix:");
    problems.forEach(p -> b.append("\n  - ").append(p));
    return new DefinitionException(b.toString(), List.copyOf(problems), true);
  }

  private DefinitionException(String message, List<String> messages, boolean listing) {
    super(message);
    this.problems = List.of();
    this.messages = messages;
  }

  private static String format(String heading, List<Finding> problems) {
    StringBuilder b = new StringBuilder(heading);
    for (Finding problem : problems) {
      b.append("\n  - ").append(problem.message());
    }
    return b.toString();
  }

  /**
   * Each broken rule: its id ({@code pipeline-…}), severity, the place in the model ({@code
   * location().pointer()}, e.g. {@code stage 'Deploy' action 'Deploy'}) and the message (where,
   * what, how to fix). Empty when the problem is not a structure rule; {@link #getMessage()} says
   * what it is.
   */
  public List<Finding> problems() {
    return problems == null ? List.of() : problems;
  }

  /** Each problem's text: the findings' messages, or the one message. */
  public List<String> messages() {
    return messages;
  }
}
