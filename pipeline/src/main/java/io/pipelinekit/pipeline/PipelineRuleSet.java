package io.pipelinekit.pipeline;

import io.pipelinekit.core.Rule;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.pipeline.internal.PipelineRules;
import java.util.List;

/**
 * The pipeline structure rules ({@code pipeline-*}) that {@link Pipeline.Builder#build()} checks,
 * as one {@link RuleSet} named {@code pipeline}. A broken rule is reported in {@link
 * DefinitionException#problems()} with the rule's id; each rule has its page {@code
 * docs/rules/<id>.md}.
 */
public final class PipelineRuleSet implements RuleSet {
  /** The rule set. */
  public static final PipelineRuleSet INSTANCE = new PipelineRuleSet();

  private final List<Rule> rules = PipelineRules.rules();

  private PipelineRuleSet() {}

  @Override
  public String name() {
    return "pipeline";
  }

  /** Every rule, in the order {@code build()} checks them. */
  @Override
  public List<Rule> rules() {
    return rules;
  }
}
