package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-api-stage-name}: An API publication's stage uses 1–128 characters from A-Z a-z
 * 0-9 _ -. Page: {@code docs/rules/pipeline-api-stage-name.md}.
 */
final class ApiStageName extends PipelineRule {

  static final Pattern API_STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  ApiStageName() {
    super(
        "pipeline-api-stage-name",
        "An API publication's stage uses 1–128 characters from A-Z a-z 0-9 _ -.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isEmpty()) {
        continue;
      }
      ApiPublication api = project.api().get();
      String at = Model.project(project) + " API " + api.restApiId();
      if (!API_STAGE.matcher(api.stage()).matches()) {
        report.problem(
            at,
            at + ": stage '" + api.stage() + "' must use 1–128 characters from A-Z a-z 0-9 _ -");
      }
    }
  }
}
