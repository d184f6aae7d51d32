package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-ecr-repository-name}: An image's repository is a valid ECR repository name. Page:
 * {@code docs/rules/pipeline-ecr-repository-name.md}.
 */
final class EcrRepositoryName extends PipelineRule {

  static final Pattern ECR_REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  EcrRepositoryName() {
    super("pipeline-ecr-repository-name", "An image's repository is a valid ECR repository name.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      for (ContainerImage image : project.images()) {
        String at = Model.project(project) + " image '" + image.containerName() + "'";
        if (!ECR_REPOSITORY.matcher(image.repository()).matches()
            || image.repository().length() > 256) {
          report.problem(
              at,
              at
                  + ": '"
                  + image.repository()
                  + "' is not an ECR repository name; use lowercase letters, digits, . _ - and /"
                  + " (e.g. service/app)");
        }
      }
    }
  }
}
