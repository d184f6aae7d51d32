package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.core.internal.DidYouMean;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.List;

/**
 * {@code pipeline-project-environment}: A CodeBuild project's computeType and environment type are
 * values CodeBuild knows (ProjectEnvironment's enums,
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectEnvironment.html), read from
 * botocore's model through {@link AwsModelTable}. Page: {@code
 * docs/rules/pipeline-project-environment.md}.
 */
final class ProjectEnvironment extends PipelineRule {

  static final List<String> COMPUTE_TYPES =
      AwsModelTable.get(AwsModelTable.CREATE_PROJECT, "environment.computeType").values();
  static final List<String> ENVIRONMENT_TYPES =
      AwsModelTable.get(AwsModelTable.CREATE_PROJECT, "environment.type").values();

  ProjectEnvironment() {
    super(
        "pipeline-project-environment",
        "A CodeBuild project's computeType and environmentType are values CodeBuild knows.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      String where = Model.project(project);
      known(report, where, "computeType", project.computeType(), COMPUTE_TYPES);
      known(report, where, "environmentType", project.environmentType(), ENVIRONMENT_TYPES);
    }
  }

  private static void known(
      Report report, String where, String setting, String value, List<String> values) {
    if (!values.contains(value)) {
      report.problem(
          where,
          where
              + ": "
              + setting
              + " '"
              + value
              + "' is not one CodeBuild knows"
              + DidYouMean.suggest(value, values).map(v -> "; did you mean " + v + "?").orElse("")
              + " (one of "
              + String.join(", ", values)
              + ")");
    }
  }
}
