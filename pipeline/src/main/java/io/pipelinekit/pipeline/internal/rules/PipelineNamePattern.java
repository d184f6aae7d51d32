package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.regex.Pattern;

/**
 * {@code pipeline-name-pattern}: Pipeline, stage and action names use 1–100 characters from A-Z a-z
 * 0-9 . @ _ -. Page: {@code docs/rules/pipeline-name-pattern.md}.
 */
final class PipelineNamePattern extends PipelineRule {

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9.@_-]{1,100}");

  /** What {@link #NAME} allows, as the messages say it. */
  private static final String NAME_ALLOWS = "use 1–100 characters from A-Z a-z 0-9 . @ _ -";

  PipelineNamePattern() {
    super(
        "pipeline-name-pattern",
        "Pipeline, stage and action names use 1–100 characters from A-Z a-z 0-9 . @ _ -.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    if (!NAME.matcher(pipeline.name()).matches()) {
      report.problem(
          Model.pipeline(pipeline),
          "pipeline name '" + pipeline.name() + "' is not allowed: " + NAME_ALLOWS);
    }
    for (Stage stage : pipeline.stages()) {
      if (!NAME.matcher(stage.name()).matches()) {
        String where = "stage '" + stage.name() + "'";
        report.problem(where, where + ": the name is not allowed: " + NAME_ALLOWS);
      }
      for (Action action : stage.actions()) {
        if (!NAME.matcher(action.name()).matches()) {
          String where = Model.at(stage, action);
          report.problem(where, where + ": the name is not allowed: " + NAME_ALLOWS);
        }
      }
    }
  }
}
