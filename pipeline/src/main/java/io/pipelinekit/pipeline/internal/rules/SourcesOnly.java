package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.ActionCategory;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;

/**
 * {@code pipeline-sources-only}: A pipeline has at least one action besides its sources. Page:
 * {@code docs/rules/pipeline-sources-only.md}.
 */
final class SourcesOnly extends PipelineRule {

  SourcesOnly() {
    super("pipeline-sources-only", "A pipeline has at least one action besides its sources.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    List<Stage> stages = pipeline.stages();
    boolean anyOther = false;
    for (int i = 1; i < stages.size(); i++) {
      for (Action action : stages.get(i).actions()) {
        if (action.category() != ActionCategory.SOURCE) {
          anyOther = true;
        }
      }
    }
    if (!anyOther && stages.size() > 1) {
      report.problem(
          Model.pipeline(pipeline),
          "pipeline '"
              + pipeline.name()
              + "' has no action besides sources: add a build, test, approval or deploy action");
    }
  }
}
