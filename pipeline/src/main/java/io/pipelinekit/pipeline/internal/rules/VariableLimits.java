package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineVariable;
import java.util.regex.Pattern;

/**
 * {@code pipeline-variable-limits}: at most 50 pipeline variables; a default value is 1–1000
 * characters and a description at most 200, each on one line (AWS's pattern {@code .*}). Limits
 * read from botocore's model ({@link AwsModelTable}); AWS:
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineVariableDeclaration.html,
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html. Page:
 * {@code docs/rules/pipeline-variable-limits.md}.
 */
final class VariableLimits extends PipelineRule {

  private static final AwsModelTable.Constraint LIST =
      AwsModelTable.get(AwsModelTable.CREATE_PIPELINE, "pipeline.variables");
  private static final AwsModelTable.Constraint DEFAULT =
      AwsModelTable.get(AwsModelTable.CREATE_PIPELINE, "pipeline.variables[].defaultValue");
  private static final AwsModelTable.Constraint DESCRIPTION =
      AwsModelTable.get(AwsModelTable.CREATE_PIPELINE, "pipeline.variables[].description");

  VariableLimits() {
    super(
        "pipeline-variable-limits",
        "At most "
            + LIST.max()
            + " pipeline variables; a default value is "
            + DEFAULT.min()
            + "–"
            + DEFAULT.max()
            + " characters, a description at most "
            + DESCRIPTION.max()
            + ", each on one line.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    String at = Model.pipeline(pipeline);
    if (pipeline.variables().size() > LIST.max()) {
      report.problem(
          at,
          at
              + ": has "
              + pipeline.variables().size()
              + " pipeline variables, at most "
              + LIST.max()
              + " are allowed; pass the rest as one variable (a JSON value) or as action"
              + " configuration");
    }
    for (PipelineVariable v : pipeline.variables()) {
      String where = at + " variable '" + v.name() + "'";
      v.defaultValue()
          .ifPresent(
              d -> {
                if (d.length() < DEFAULT.min()) {
                  report.problem(
                      where,
                      where
                          + ": the default value is empty, AWS requires 1–"
                          + DEFAULT.max()
                          + " characters; give a default or declare the variable without one");
                } else if (d.length() > DEFAULT.max()) {
                  report.problem(
                      where,
                      where
                          + ": the default value is "
                          + d.length()
                          + " characters, at most "
                          + DEFAULT.max()
                          + " are allowed; shorten it");
                }
                oneLine(report, where, "default value", d, DEFAULT.pattern());
              });
      v.description()
          .ifPresent(
              d -> {
                if (d.length() > DESCRIPTION.max()) {
                  report.problem(
                      where,
                      where
                          + ": the description is "
                          + d.length()
                          + " characters, at most "
                          + DESCRIPTION.max()
                          + " are allowed; shorten it");
                }
                oneLine(report, where, "description", d, DESCRIPTION.pattern());
              });
    }
  }

  private static void oneLine(
      Report report, String where, String part, String text, Pattern pattern) {
    if (pattern != null && !pattern.matcher(text).matches()) {
      report.problem(
          where,
          where
              + ": the "
              + part
              + " does not match AWS's pattern "
              + pattern.pattern()
              + " (it allows no line breaks); put it on one line");
    }
  }
}
