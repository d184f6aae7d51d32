package io.pipelinekit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rule set — the buildspec linter's, the OpenAPI/API Gateway linter's, the pipeline structure
 * rules — as {@code pipeline rules} lists it and as {@code --disable} checks rule ids against.
 */
public interface RuleSet {
  /** A short name, e.g. {@code buildspec}, {@code openapi}, {@code pipeline}. */
  String name();

  /** Every rule of the set, in a stable order. */
  List<Rule> rules();

  /** The rule with this id, if the set has it. */
  default Optional<Rule> rule(String id) {
    return rules().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** A rule set of these rules, in this order; rule ids must be unique. */
  static RuleSet of(String name, List<Rule> rules) {
    Objects.requireNonNull(name, "name");
    List<Rule> copy = List.copyOf(rules);
    if (copy.stream().map(Rule::id).distinct().count() != copy.size()) {
      throw new IllegalArgumentException("rule set " + name + " has a rule id twice");
    }
    return new RuleSet() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Rule> rules() {
        return copy;
      }

      @Override
      public String toString() {
        return "RuleSet[" + name + ", " + copy.size() + " rules]";
      }
    };
  }
}
