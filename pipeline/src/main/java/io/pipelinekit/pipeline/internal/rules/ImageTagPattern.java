package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code pipeline-image-tag-pattern}: An image tag uses up to 128 characters from A-Z a-z 0-9 _ . -
 * and does not start with . or -. Page: {@code docs/rules/pipeline-image-tag-pattern.md}.
 */
final class ImageTagPattern extends PipelineRule {

  static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

  ImageTagPattern() {
    super(
        "pipeline-image-tag-pattern",
        "An image tag uses up to 128 characters from A-Z a-z 0-9 _ . - and does not start with . or -.");
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
            continue; // pipeline-image-latest-tag
          }
          if (!IMAGE_TAG.matcher(tag).matches()) {
            report.problem(
                at,
                at
                    + ": '"
                    + tag
                    + "' is not a valid image tag; use up to 128 characters from A-Z a-z 0-9 _ . -");
          }
        }
      }
    }
  }
}
