package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-api-id}: An API publication names a REST API id: 10 lowercase letters and digits.
 * Page: {@code docs/rules/pipeline-api-id.md}.
 */
final class ApiId extends PipelineRule {

  static final Pattern REST_API_ID = Pattern.compile("[a-z0-9]{10}");

  ApiId() {
    super(
        "pipeline-api-id",
        "An API publication names a REST API id: 10 lowercase letters and digits.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isEmpty()) {
        continue;
      }
      ApiPublication api = project.api().get();
      String at = Model.project(project) + " API " + api.restApiId();
      if (!REST_API_ID.matcher(api.restApiId()).matches()) {
        report.problem(
            at, at + ": a REST API id is 10 lowercase letters and digits (e.g. a1b2c3d4e5)");
      }
    }
  }
}
