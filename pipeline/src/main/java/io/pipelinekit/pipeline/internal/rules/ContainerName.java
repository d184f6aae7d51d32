package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.Pipeline;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code pipeline-container-name}: Container names of a project's images are unique and use 1–255
 * characters from A-Z a-z 0-9 _ -. Page: {@code docs/rules/pipeline-container-name.md}.
 */
final class ContainerName extends PipelineRule {

  static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  ContainerName() {
    super(
        "pipeline-container-name",
        "Container names of a project's images are unique and use 1–255 characters from A-Z a-z 0-9 _ -.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      Set<String> containers = new HashSet<>();
      for (ContainerImage image : project.images()) {
        String at = Model.project(project) + " image '" + image.containerName() + "'";
        if (!containers.add(image.containerName())) {
          report.problem(
              at, at + ": two images have this container name; container names must be unique");
        }
        if (!CONTAINER.matcher(image.containerName()).matches()) {
          report.problem(at, at + ": container names use 1–255 characters from A-Z a-z 0-9 _ -");
        }
      }
    }
  }
}
