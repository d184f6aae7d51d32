package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipeline-image-latest-tag}: An image is not pushed as the mutable tag latest unless asked
 * for explicitly. Page: {@code docs/rules/pipeline-image-latest-tag.md}.
 */
final class ImageLatestTag extends PipelineRule {

  ImageLatestTag() {
    super(
        "pipeline-image-latest-tag",
        "An image is not pushed as the mutable tag latest unless asked for explicitly.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      for (ContainerImage image : project.images()) {
        String at = Model.project(project) + " image '" + image.containerName() + "'";

        List<String> tags = new ArrayList<>(image.additionalTags());
        image.tagPolicy().fixedTag().ifPresent(t -> tags.add(0, t));
        for (String tag : tags) {
          if (tag.equals("latest") && !image.tagPolicy().explicitLatest()) {
            report.problem(
                at,
                at
                    + ": pushes the mutable tag 'latest', which makes deploys unreproducible; keep"
                    + " the commit-id tag (ImageTagPolicy.commitId()), or ask for it explicitly"
                    + " with ImageTagPolicy.latest()");
          }
        }
      }
    }
  }
}
