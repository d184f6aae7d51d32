package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;
import java.util.Map;

/**
 * {@code pipeline-artifact-order}: An input artifact's producer runs before the action that reads
 * it. Page: {@code docs/rules/pipeline-artifact-order.md}.
 */
final class ArtifactOrder extends PipelineRule {

  ArtifactOrder() {
    super(
        "pipeline-artifact-order",
        "An input artifact's producer runs before the action that reads it.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, List<Model.Position>> producers = ArtifactUnknown.producers(pipeline);
    List<Stage> stages = pipeline.stages();
    for (int s = 0; s < stages.size(); s++) {
      Stage stage = stages.get(s);
      for (Action action : stage.actions()) {
        for (String input : action.inputArtifacts()) {
          List<Model.Position> list = producers.get(input);
          if (list == null) {
            continue; // pipeline-artifact-unknown
          }
          Model.Position p = list.get(0);
          boolean earlier =
              p.stageIndex() < s
                  || (p.stageIndex() == s && p.action().runOrder() < action.runOrder());
          if (!earlier) {
            String where = Model.at(stage, action);
            report.problem(
                where,
                where
                    + ": input artifact '"
                    + input
                    + "' is produced by "
                    + Model.at(p.stage(), p.action())
                    + ", which does not run before it; move the producer to an earlier stage or"
                    + " give it a lower runOrder");
          }
        }
      }
    }
  }
}
