package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-action-count}: At most 50 actions per stage and 500 per pipeline. Page: {@code
 * docs/rules/pipeline-action-count.md}.
 */
final class ActionCount extends PipelineRule {

  ActionCount() {
    super("pipeline-action-count", "At most 50 actions per stage and 500 per pipeline.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    int total = 0;
    for (Stage stage : pipeline.stages()) {
      int n = stage.actions().size();
      total += n;
      if (n > 50) {
        String where = "stage '" + stage.name() + "'";
        report.problem(
            where,
            where + " has " + n + " actions: at most 50 per stage; split it into more stages");
      }
    }
    if (total > 500) {
      report.problem(
          Model.pipeline(pipeline),
          "pipeline '"
              + pipeline.name()
              + "' has "
              + total
              + " actions: at most 500 per pipeline; split it into more pipelines");
    }
  }
}
