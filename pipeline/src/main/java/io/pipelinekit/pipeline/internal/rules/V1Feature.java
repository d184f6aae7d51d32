package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ExecutionMode;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineType;

/**
 * {@code pipeline-v1-feature}: Triggers, pipeline variables and the QUEUED/PARALLEL execution modes
 * need a V2 pipeline. Page: {@code docs/rules/pipeline-v1-feature.md}.
 */
final class V1Feature extends PipelineRule {

  V1Feature() {
    super(
        "pipeline-v1-feature",
        "Triggers, pipeline variables and the QUEUED/PARALLEL execution modes need a V2 pipeline.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    if (pipeline.pipelineType() != PipelineType.V1) {
      return;
    }
    String where = Model.pipeline(pipeline);
    String fix = "; use PipelineType.V2 (the default) or remove it";
    if (!pipeline.triggers().isEmpty()) {
      report.problem(where, where + " is V1 but has triggers: triggers need V2" + fix);
    }
    if (!pipeline.variables().isEmpty()) {
      report.problem(where, where + " is V1 but has pipeline variables: variables need V2" + fix);
    }
    pipeline
        .executionMode()
        .filter(m -> m != ExecutionMode.SUPERSEDED)
        .ifPresent(
            m ->
                report.problem(
                    where,
                    where
                        + " is V1 but has execution mode "
                        + m
                        + ": QUEUED and PARALLEL need V2"
                        + fix));
  }
}
