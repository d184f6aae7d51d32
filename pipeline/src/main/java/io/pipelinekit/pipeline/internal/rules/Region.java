package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-region}: The pipeline's region is an AWS region name such as eu-west-1. Page:
 * {@code docs/rules/pipeline-region.md}.
 */
final class Region extends PipelineRule {

  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  Region() {
    super("pipeline-region", "The pipeline's region is an AWS region name such as eu-west-1.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    String where = Model.pipeline(pipeline);
    if (!REGION.matcher(pipeline.region()).matches()) {
      report.problem(
          where,
          where + ": region '" + pipeline.region() + "' is not an AWS region such as eu-west-1");
    }
  }
}
