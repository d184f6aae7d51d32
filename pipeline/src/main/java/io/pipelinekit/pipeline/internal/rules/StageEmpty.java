package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;

/**
 * {@code pipeline-stage-empty}: Every stage after the first has at least one action. Page: {@code
 * docs/rules/pipeline-stage-empty.md}.
 */
final class StageEmpty extends PipelineRule {

  StageEmpty() {
    super("pipeline-stage-empty", "Every stage after the first has at least one action.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    List<Stage> stages = pipeline.stages();
    for (int i = 1; i < stages.size(); i++) {
      if (stages.get(i).actions().isEmpty()) {
        String where = "stage '" + stages.get(i).name() + "'";
        report.problem(where, where + " has no actions: add one or remove the stage");
      }
    }
  }
}
