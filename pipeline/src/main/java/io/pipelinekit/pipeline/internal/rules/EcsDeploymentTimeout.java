package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-ecs-deployment-timeout}: An ECS deploy action's DeploymentTimeout is 1–60
 * minutes. Page: {@code docs/rules/pipeline-ecs-deployment-timeout.md}.
 */
final class EcsDeploymentTimeout extends PipelineRule {

  EcsDeploymentTimeout() {
    super(
        "pipeline-ecs-deployment-timeout",
        "An ECS deploy action's DeploymentTimeout is 1–60 minutes.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof EcsDeployAction ecs) {
          String where = Model.at(stage, action);
          ecs.deploymentTimeoutMinutes()
              .filter(t -> t < 1 || t > 60)
              .ifPresent(
                  t ->
                      report.problem(
                          where,
                          where
                              + ": DeploymentTimeout "
                              + t
                              + " is out of range: use 1–60 minutes"));
        }
      }
    }
  }
}
