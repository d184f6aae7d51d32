package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-run-order}: An action's runOrder is 1–999. Page: {@code
 * docs/rules/pipeline-run-order.md}.
 */
final class RunOrder extends PipelineRule {

  RunOrder() {
    super("pipeline-run-order", "An action's runOrder is 1–999.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action.runOrder() < 1 || action.runOrder() > 999) {
          String where = Model.at(stage, action);
          report.problem(
              where,
              where
                  + ": runOrder "
                  + action.runOrder()
                  + " is out of range: use 1–999 (equal values run in parallel)");
        }
      }
    }
  }
}
