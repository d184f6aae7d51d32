package io.pipelinekit.cli;

import io.pipelinekit.core.Rule;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.core.internal.DidYouMean;
import io.pipelinekit.pipeline.DocumentKind;
import io.pipelinekit.pipeline.PipelineRuleSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Every rule set the command line knows, in one place: {@code pipeline rules} lists them, {@code
 * --disable} checks rule ids against their union, SARIF output describes the rules lint applies.
 */
final class RuleSets {
  private RuleSets() {}

  /** The rule sets {@code pipeline lint} applies, in the order SARIF output describes them. */
  static List<RuleSet> lint() {
    return DocumentKind.lintRuleSets();
  }

  /** Every rule set, in the order {@code pipeline rules} lists them: lint's, then the model's. */
  static List<RuleSet> all() {
    List<RuleSet> all = new ArrayList<>(lint());
    all.add(PipelineRuleSet.INSTANCE);
    return List.copyOf(all);
  }

  /** Every rule of every set, in order. */
  static List<Rule> rules() {
    return rules(all());
  }

  /** Every rule of these sets, in order. */
  static List<Rule> rules(List<RuleSet> sets) {
    List<Rule> rules = new ArrayList<>();
    for (RuleSet set : sets) {
      rules.addAll(set.rules());
    }
    return rules;
  }

  /**
   * The rule ids given to {@code lint --disable}, checked against the rule sets lint runs: an id no
   * set has is a usage error (exit 2) naming it, with the nearest known id when there is one; a
   * pipeline structure rule id says that lint does not run those rules.
   */
  static Set<String> checkDisabled(CommandSpec spec, List<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    List<String> known = ids(rules(lint()));
    List<String> problems = new ArrayList<>();
    Set<String> disabled = new LinkedHashSet<>();
    for (String id : ids) {
      String trimmed = id.trim();
      if (known.contains(trimmed)) {
        disabled.add(trimmed);
      } else if (ids(rules()).contains(trimmed)) {
        // the pipeline structure rules (59 classes to load) only to explain an id lint lacks
        problems.add(
            "rule '"
                + trimmed
                + "' in --disable is a pipeline structure rule, which lint does not run (it is"
                + " checked when a definition is built); disable only buildspec-* and OpenAPI rules"
                + " here");
      } else {
        problems.add(
            "unknown rule '"
                + trimmed
                + "' in --disable"
                + DidYouMean.suggest(trimmed, known)
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; 'pipeline rules' lists every rule id"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    }
    return Set.copyOf(disabled);
  }

  private static List<String> ids(List<Rule> rules) {
    return rules.stream().map(Rule::id).toList();
  }
}
