package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code pipeline-action-name-duplicate}: Action names are unique within their stage. Page: {@code
 * docs/rules/pipeline-action-name-duplicate.md}.
 */
final class ActionNameDuplicate extends PipelineRule {

  ActionNameDuplicate() {
    super("pipeline-action-name-duplicate", "Action names are unique within their stage.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      Set<String> actionNames = new HashSet<>();
      for (Action action : stage.actions()) {
        if (!actionNames.add(action.name())) {
          String where = Model.at(stage, action);
          report.problem(
              where,
              where
                  + ": another action in this stage has the same name; action names must be"
                  + " unique within a stage, rename one");
        }
      }
    }
  }
}
