package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-ecs-pass-role}: An ECS deploy action knows the roles it passes to ECS, so
 * iam:PassRole can be limited to them. Page: {@code docs/rules/pipeline-ecs-pass-role.md}.
 */
final class EcsPassRole extends PipelineRule {

  EcsPassRole() {
    super(
        "pipeline-ecs-pass-role",
        "An ECS deploy action knows the roles it passes to ECS, so iam:PassRole can be limited to them.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof EcsDeployAction ecs && ecs.passRoleArns().isEmpty()) {
          String where = Model.at(stage, action);
          report.problem(
              where,
              where
                  + ": the roles the deploy passes to ECS are unknown, so iam:PassRole cannot be"
                  + " limited to them; model the task definition with .taskDefinition(...)"
                  + " (taskRoleArn, executionRoleArn) or set .passRoleArns(...)");
        }
      }
    }
  }
}
