package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeDeployToEcsAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-codedeploy-image-count}: A CodeDeployToECS action updates 1–4 images. Page:
 * {@code docs/rules/pipeline-codedeploy-image-count.md}.
 */
final class CodeDeployImageCount extends PipelineRule {

  CodeDeployImageCount() {
    super("pipeline-codedeploy-image-count", "A CodeDeployToECS action updates 1–4 images.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof CodeDeployToEcsAction c
            && (c.images().isEmpty() || c.images().size() > 4)) {
          String where = Model.at(stage, action);
          report.problem(
              where,
              where
                  + ": CodeDeployToECS takes 1–4 images, this one has "
                  + c.images().size()
                  + "; add .image(artifact, placeholder) for each container to update");
        }
      }
    }
  }
}
