package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineVariable;
import java.util.regex.Pattern;

/**
 * {@code pipeline-variable-name-pattern}: Pipeline variable names use 1–128 characters from A-Z a-z
 * 0-9 @ _ -. Page: {@code docs/rules/pipeline-variable-name-pattern.md}.
 */
final class VariableNamePattern extends PipelineRule {

  static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9@_-]{1,128}");

  VariableNamePattern() {
    super(
        "pipeline-variable-name-pattern",
        "Pipeline variable names use 1–128 characters from A-Z a-z 0-9 @ _ -.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (PipelineVariable variable : pipeline.variables()) {
      if (!VARIABLE.matcher(variable.name()).matches()) {
        String where = "pipeline variable '" + variable.name() + "'";
        report.problem(
            where,
            where + ": the name is not allowed: use 1–128 characters from A-Z a-z 0-9 @ _ -");
      }
    }
  }
}
