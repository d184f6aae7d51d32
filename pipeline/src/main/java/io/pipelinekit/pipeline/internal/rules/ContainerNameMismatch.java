package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.TaskDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipeline-container-name-mismatch}: The container names in imagedefinitions.json are
 * exactly the task definition's containers. Page: {@code
 * docs/rules/pipeline-container-name-mismatch.md}.
 */
final class ContainerNameMismatch extends PipelineRule {

  ContainerNameMismatch() {
    super(
        "pipeline-container-name-mismatch",
        "The container names in imagedefinitions.json are exactly the task definition's containers.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof EcsDeployAction ecs)
            || !(Model.producer(pipeline, ecs.input()) instanceof CodeBuildAction build)
            || build.project().images().isEmpty()
            || ecs.taskDefinition().isEmpty()) {
          continue;
        }
        String where = Model.at(stage, action);
        List<String> names = new ArrayList<>();
        build.project().images().forEach(i -> names.add(i.containerName()));
        TaskDefinition td = ecs.taskDefinition().get();
        for (String name : names) {
          if (td.otherContainers().contains(name)) {
            report.problem(
                where,
                where
                    + ": "
                    + build.project().imageDefinitionsFile()
                    + " names container '"
                    + name
                    + "', which task definition '"
                    + td.family()
                    + "' lists as not deployed by this pipeline; move it to .containers(...) or"
                    + " stop building its image");
          } else if (!td.containers().contains(name)) {
            report.problem(
                where,
                where
                    + ": "
                    + build.project().imageDefinitionsFile()
                    + " names container '"
                    + name
                    + "' (an image of project '"
                    + build.project().name()
                    + "'), but task definition '"
                    + td.family()
                    + "' has no such container "
                    + td.containers()
                    + "; the deploy would fail: make the image's container name match the task"
                    + " definition's");
          }
        }
        for (String container : td.containers()) {
          if (!names.contains(container)) {
            report.problem(
                where,
                where
                    + ": task definition '"
                    + td.family()
                    + "' container '"
                    + container
                    + "' gets no image from project '"
                    + build.project().name()
                    + "' "
                    + names
                    + "; build an image with that container name, or list it with"
                    + " .otherContainers(...)");
          }
        }
      }
    }
  }
}
