package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-stage-count}: A pipeline has 2–50 stages. Page: {@code
 * docs/rules/pipeline-stage-count.md}.
 */
final class StageCount extends PipelineRule {

  StageCount() {
    super("pipeline-stage-count", "A pipeline has 2–50 stages.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    int n = pipeline.stages().size();
    if (n < 2 || n > 50) {
      report.problem(
          Model.pipeline(pipeline),
          "pipeline '"
              + pipeline.name()
              + "' has "
              + n
              + " stage"
              + (n == 1 ? "" : "s")
              + ": CodePipeline needs 2–50 (a source stage, then at least one stage that builds,"
              + " tests, approves or deploys)");
    }
  }
}
