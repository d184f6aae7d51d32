package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-project-description}: A CodeBuild project's description is at most 255 characters
 * (CreateProject's {@code description},
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html). Page: {@code
 * docs/rules/pipeline-project-description.md}.
 */
final class ProjectDescription extends PipelineRule {

  static final int MAX = AwsModelTable.get(AwsModelTable.CREATE_PROJECT, "description").max();

  ProjectDescription() {
    super(
        "pipeline-project-description",
        "A CodeBuild project's description is at most " + MAX + " characters.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      String description = project.description().orElse("");
      if (description.length() > MAX) {
        String where = Model.project(project);
        report.problem(
            where,
            where
                + ": description is "
                + description.length()
                + " characters, CodeBuild allows at most "
                + MAX
                + "; shorten it (keep the long text in the repository's README)");
      }
    }
  }
}
