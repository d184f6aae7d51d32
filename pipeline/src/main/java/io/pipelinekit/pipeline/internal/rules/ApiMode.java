package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.Set;

/**
 * {@code pipeline-api-mode}: An API publication's mode is overwrite or merge. Page: {@code
 * docs/rules/pipeline-api-mode.md}.
 */
final class ApiMode extends PipelineRule {

  ApiMode() {
    super("pipeline-api-mode", "An API publication's mode is overwrite or merge.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isEmpty()) {
        continue;
      }
      ApiPublication api = project.api().get();
      String at = Model.project(project) + " API " + api.restApiId();
      if (api.mode().isPresent() && !Set.of("overwrite", "merge").contains(api.mode().get())) {
        report.problem(at, at + ": mode '" + api.mode().get() + "' must be overwrite or merge");
      }
    }
  }
}
