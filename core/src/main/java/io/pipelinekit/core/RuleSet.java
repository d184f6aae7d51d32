package io.pipelinekit.core;

import java.util.List;

/**
 * One rule set — the buildspec linter's, the OpenAPI/API Gateway linter's, the pipeline structure
 * rules — as {@code pipeline rules} lists it and as {@code --disable} checks rule ids against.
 */
public interface RuleSet {
  /** A short name, e.g. {@code buildspec}, {@code openapi}, {@code pipeline}. */
  String name();

  /** Every rule of the set, in a stable order. */
  List<Rule> rules();
}
