package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-api-fragments}: An API publication lists its OpenAPI fragments, each a path
 * inside the source root. Page: {@code docs/rules/pipeline-api-fragments.md}.
 */
final class ApiFragments extends PipelineRule {

  ApiFragments() {
    super(
        "pipeline-api-fragments",
        "An API publication lists its OpenAPI fragments, each a path inside the source root.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isEmpty()) {
        continue;
      }
      ApiPublication api = project.api().get();
      String at = Model.project(project) + " API " + api.restApiId();
      if (api.fragments().isEmpty()) {
        report.problem(
            at, at + ": no OpenAPI fragments to publish; list them with .fragments(...)");
      }
      for (String fragment : api.fragments()) {
        if (fragment.startsWith("/") || fragment.contains("..") || fragment.contains("\\")) {
          report.problem(
              at,
              at
                  + ": fragment '"
                  + fragment
                  + "' must be a path inside the source root (relative, no '..')");
        }
      }
    }
  }
}
