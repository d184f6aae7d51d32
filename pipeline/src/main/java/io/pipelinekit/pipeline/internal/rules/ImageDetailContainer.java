package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-image-detail-container}: A project's imageDetail container is one of its images.
 * Page: {@code docs/rules/pipeline-image-detail-container.md}.
 */
final class ImageDetailContainer extends PipelineRule {

  ImageDetailContainer() {
    super(
        "pipeline-image-detail-container",
        "A project's imageDetail container is one of its images.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      project
          .imageDetailContainer()
          .filter(name -> project.images().stream().noneMatch(i -> i.containerName().equals(name)))
          .ifPresent(
              name ->
                  report.problem(
                      Model.project(project),
                      "CodeBuild project '"
                          + project.name()
                          + "': imageDetail container '"
                          + name
                          + "' is not one of its images; name one of them"));
    }
  }
}
