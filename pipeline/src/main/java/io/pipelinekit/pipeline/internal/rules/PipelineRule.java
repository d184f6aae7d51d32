package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.core.Rule;
import io.pipelinekit.core.Severity;
import io.pipelinekit.pipeline.Pipeline;

/**
 * One CodePipeline/CodeBuild structure rule: its id ({@code pipeline-…}), severity, summary, and
 * the check that reports every breach in a pipeline. Its page is {@code docs/rules/<id>.md}.
 */
public abstract class PipelineRule {
  private final Rule rule;

  protected PipelineRule(String id, String summary) {
    this.rule = new Rule(id, Severity.ERROR, summary);
  }

  public final Rule rule() {
    return rule;
  }

  public final String id() {
    return rule.id();
  }

  /** Reports every breach of this rule in {@code pipeline}; reports nothing when it holds. */
  public abstract void check(Pipeline pipeline, Report report);

  /** Where a rule reports a breach. */
  @FunctionalInterface
  public interface Report {
    /**
     * One breach: {@code where} is the model path ({@code stage 'Deploy' action 'Deploy'}), {@code
     * message} the whole text a user reads (it starts with the same place).
     */
    void problem(String where, String message);
  }
}
