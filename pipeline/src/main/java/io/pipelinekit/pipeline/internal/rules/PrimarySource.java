package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;

/**
 * {@code pipeline-primary-source}: A CodeBuild action with several inputs names its PrimarySource,
 * one of those inputs. Page: {@code docs/rules/pipeline-primary-source.md}.
 */
final class PrimarySource extends PipelineRule {

  PrimarySource() {
    super(
        "pipeline-primary-source",
        "A CodeBuild action with several inputs names its PrimarySource, one of those inputs.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof CodeBuildAction build) {
          String where = Model.at(stage, action);
          List<String> inputs = build.inputArtifacts();
          if (inputs.size() > 1 && build.primarySource().isEmpty()) {
            report.problem(
                where,
                where
                    + ": with "
                    + inputs.size()
                    + " input artifacts CodeBuild needs PrimarySource; set .primarySource(\""
                    + inputs.get(0)
                    + "\") to the input holding the buildspec");
          }
          build
              .primarySource()
              .filter(p -> !inputs.contains(p))
              .ifPresent(
                  p ->
                      report.problem(
                          where,
                          where
                              + ": PrimarySource '"
                              + p
                              + "' is not one of its input artifacts "
                              + inputs
                              + "; name one of them"));
        }
      }
    }
  }
}
