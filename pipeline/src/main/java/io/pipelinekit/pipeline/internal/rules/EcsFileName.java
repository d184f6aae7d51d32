package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.List;

/**
 * {@code pipeline-ecs-file-name}: An ECS deploy action's FileName is among the files of the
 * artifact it reads. Page: {@code docs/rules/pipeline-ecs-file-name.md}.
 */
final class EcsFileName extends PipelineRule {

  EcsFileName() {
    super(
        "pipeline-ecs-file-name",
        "An ECS deploy action's FileName is among the files of the artifact it reads.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof EcsDeployAction ecs
            && Model.producer(pipeline, ecs.input()) instanceof CodeBuildAction build
            && !build.project().images().isEmpty()) {
          List<String> files = Model.filesOf(build, ecs.input());
          if (!files.contains(ecs.fileName())) {
            String where = Model.at(stage, action);
            report.problem(
                where,
                where
                    + ": FileName '"
                    + ecs.fileName()
                    + "' is not among the buildspec's artifact files for '"
                    + ecs.input()
                    + "' "
                    + files
                    + " (project '"
                    + build.project().name()
                    + "' writes "
                    + build.project().imageDefinitionsFile()
                    + "); make FileName and the project's imageDefinitionsFile the same");
          }
        }
      }
    }
  }
}
