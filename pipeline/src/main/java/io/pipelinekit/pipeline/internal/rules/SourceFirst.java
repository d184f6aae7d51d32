package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.ActionCategory;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;

/**
 * {@code pipeline-source-first}: The first stage holds only source actions, and source actions
 * appear only there. Page: {@code docs/rules/pipeline-source-first.md}.
 */
final class SourceFirst extends PipelineRule {

  SourceFirst() {
    super(
        "pipeline-source-first",
        "The first stage holds only source actions, and source actions appear only there.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    List<Stage> stages = pipeline.stages();
    if (stages.isEmpty()) {
      return;
    }
    Stage first = stages.get(0);
    if (first.actions().isEmpty()) {
      String where = "stage '" + first.name() + "'";
      report.problem(where, where + " (the first stage) has no actions: add a source action");
    }
    for (Action action : first.actions()) {
      if (action.category() != ActionCategory.SOURCE) {
        String where = Model.at(first, action);
        report.problem(
            where,
            where
                + ": the first stage may hold only source actions; move this "
                + action.category().value()
                + " action to a later stage");
      }
    }
    for (int i = 1; i < stages.size(); i++) {
      for (Action action : stages.get(i).actions()) {
        if (action.category() == ActionCategory.SOURCE) {
          String where = Model.at(stages.get(i), action);
          report.problem(
              where,
              where
                  + ": source actions may appear only in the first stage; move it to stage '"
                  + first.name()
                  + "'");
        }
      }
    }
  }
}
