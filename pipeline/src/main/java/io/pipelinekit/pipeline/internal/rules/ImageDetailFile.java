package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.CodeDeployToEcsAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;

/**
 * {@code pipeline-image-detail-file}: Each image artifact of a CodeDeployToECS action holds the
 * imageDetail.json its build writes. Page: {@code docs/rules/pipeline-image-detail-file.md}.
 */
final class ImageDetailFile extends PipelineRule {

  ImageDetailFile() {
    super(
        "pipeline-image-detail-file",
        "Each image artifact of a CodeDeployToECS action holds the imageDetail.json its build writes.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof CodeDeployToEcsAction deploy)) {
          continue;
        }
        for (CodeDeployToEcsAction.Image image : deploy.images()) {
          if (Model.producer(pipeline, image.artifact()) instanceof CodeBuildAction build) {
            List<String> files = Model.filesOf(build, image.artifact());
            if (!files.contains(CodeBuildProject.IMAGE_DETAIL_FILE)) {
              String where = Model.at(stage, action);
              report.problem(
                  where,
                  where
                      + ": image artifact '"
                      + image.artifact()
                      + "' has no imageDetail.json among the buildspec's artifact files "
                      + files
                      + "; set .imageDetail(\"CONTAINER\") on project '"
                      + build.project().name()
                      + "' and list imageDetail.json in that artifact");
            }
          }
        }
      }
    }
  }
}
