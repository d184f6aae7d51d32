package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.Set;

/**
 * {@code pipeline-secondary-artifacts}: A CodeBuild action with several outputs has exactly the
 * project's secondary artifacts as outputs. Page: {@code
 * docs/rules/pipeline-secondary-artifacts.md}.
 */
final class SecondaryArtifacts extends PipelineRule {

  SecondaryArtifacts() {
    super(
        "pipeline-secondary-artifacts",
        "A CodeBuild action with several outputs has exactly the project's secondary artifacts as outputs.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof CodeBuildAction build) || build.outputArtifacts().size() < 2) {
          continue;
        }
        String where = Model.at(stage, action);
        Set<String> ids = build.project().secondaryArtifacts().keySet();
        for (String output : build.outputArtifacts()) {
          if (!ids.contains(output)) {
            report.problem(
                where,
                where
                    + ": output artifact '"
                    + output
                    + "' has no secondary artifact with that identifier in project '"
                    + build.project().name()
                    + "'s buildspec "
                    + ids
                    + "; with more than one output every output must match a secondary-artifacts"
                    + " identifier: add .secondaryArtifact(\""
                    + output
                    + "\", files...)");
          }
        }
        for (String id : ids) {
          if (!build.outputArtifacts().contains(id)) {
            report.problem(
                where,
                where
                    + ": secondary artifact '"
                    + id
                    + "' of project '"
                    + build.project().name()
                    + "' is not an output of the action "
                    + build.outputArtifacts()
                    + "; add it to .outputs(...) or remove it");
          }
        }
      }
    }
  }
}
