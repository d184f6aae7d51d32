package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-ecs-input-images}: An ECS deploy action reads the output of a CodeBuild action
 * whose project builds images. Page: {@code docs/rules/pipeline-ecs-input-images.md}.
 */
final class EcsInputImages extends PipelineRule {

  EcsInputImages() {
    super(
        "pipeline-ecs-input-images",
        "An ECS deploy action reads the output of a CodeBuild action whose project builds images.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof EcsDeployAction ecs)) {
          continue;
        }
        Action producer = Model.producer(pipeline, ecs.input());
        if (producer == null) {
          continue; // pipeline-artifact-unknown
        }
        if (!(producer instanceof CodeBuildAction build) || build.project().images().isEmpty()) {
          String where = Model.at(stage, action);
          report.problem(
              where,
              where
                  + ": its input '"
                  + ecs.input()
                  + "' comes from "
                  + producer.describe()
                  + ", which writes no image definitions; use the output of a CodeBuild action"
                  + " whose project builds images");
        }
      }
    }
  }
}
