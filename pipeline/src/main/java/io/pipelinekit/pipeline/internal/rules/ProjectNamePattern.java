package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-project-name-pattern}: CodeBuild project names use 2–150 characters from A-Z a-z
 * 0-9 _ -, starting with a letter or digit. Page: {@code
 * docs/rules/pipeline-project-name-pattern.md}. CodeBuild's model allows 150 (its pattern's {@code
 * {1,254}} notwithstanding):
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_CreateProject.html.
 */
final class ProjectNamePattern extends PipelineRule {

  static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,149}");

  ProjectNamePattern() {
    super(
        "pipeline-project-name-pattern",
        "CodeBuild project names use 2–150 characters from A-Z a-z 0-9 _ -, starting with a letter or digit.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (!PROJECT.matcher(project.name()).matches()) {
        String where = Model.project(project);
        report.problem(
            where,
            where
                + ": the name is not allowed: use 2–150 characters from A-Z a-z 0-9 _ -, starting"
                + " with a letter or digit");
      }
    }
  }
}
