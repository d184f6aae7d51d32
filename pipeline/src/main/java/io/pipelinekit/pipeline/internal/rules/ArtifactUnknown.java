package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pipeline-artifact-unknown}: Every input artifact is the output of some action. Page:
 * {@code docs/rules/pipeline-artifact-unknown.md}.
 */
final class ArtifactUnknown extends PipelineRule {

  /** Each output artifact with the actions producing it, in pipeline order. */
  static Map<String, List<Model.Position>> producers(Pipeline pipeline) {
    Map<String, List<Model.Position>> producers = new LinkedHashMap<>();
    List<Stage> stages = pipeline.stages();
    for (int s = 0; s < stages.size(); s++) {
      for (Action action : stages.get(s).actions()) {
        for (String output : action.outputArtifacts()) {
          producers
              .computeIfAbsent(output, k -> new ArrayList<>())
              .add(new Model.Position(s, stages.get(s), action));
        }
      }
    }
    return producers;
  }

  ArtifactUnknown() {
    super("pipeline-artifact-unknown", "Every input artifact is the output of some action.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, List<Model.Position>> producers = producers(pipeline);
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        for (String input : action.inputArtifacts()) {
          if (!producers.containsKey(input)) {
            String where = Model.at(stage, action);
            report.problem(
                where,
                where
                    + ": input artifact '"
                    + input
                    + "' is not produced by any action; use an output of an earlier action"
                    + (producers.isEmpty()
                        ? ""
                        : " (outputs: " + String.join(", ", producers.keySet()) + ")"));
          }
        }
      }
    }
  }
}
