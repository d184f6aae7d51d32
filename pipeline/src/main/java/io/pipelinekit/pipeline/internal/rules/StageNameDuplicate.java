package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code pipeline-stage-name-duplicate}: Stage names are unique in the pipeline. Page: {@code
 * docs/rules/pipeline-stage-name-duplicate.md}.
 */
final class StageNameDuplicate extends PipelineRule {

  StageNameDuplicate() {
    super("pipeline-stage-name-duplicate", "Stage names are unique in the pipeline.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Set<String> stageNames = new HashSet<>();
    for (Stage stage : pipeline.stages()) {
      if (!stageNames.add(stage.name())) {
        String where = "stage '" + stage.name() + "'";
        report.problem(where, where + " appears twice: stage names must be unique; rename one");
      }
    }
  }
}
