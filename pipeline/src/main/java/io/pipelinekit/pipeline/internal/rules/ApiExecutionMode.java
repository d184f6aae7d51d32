package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ExecutionMode;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-api-execution-mode}: A pipeline that publishes an API does not run in PARALLEL
 * execution mode. Page: {@code docs/rules/pipeline-api-execution-mode.md}.
 */
// PARALLEL: "executions run simultaneously and independently of one another"; QUEUED: "processed
// one by one"; SUPERSEDED: an execution is superseded "while [it] was waiting for the next stage",
// i.e. between stages, so a publish already running is not cut off.
// https://docs.aws.amazon.com/codepipeline/latest/userguide/concepts-how-it-works.html
// https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/codepipeline/aws.sdk.kotlin.services.codepipeline.model/-pipeline-execution-summary/status.html
final class ApiExecutionMode extends PipelineRule {

  ApiExecutionMode() {
    super(
        "pipeline-api-execution-mode",
        "A pipeline that publishes an API does not run in PARALLEL execution mode.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    if (pipeline.executionMode().orElse(ExecutionMode.SUPERSEDED) != ExecutionMode.PARALLEL) {
      return;
    }
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isPresent()) {
        ApiPublication api = project.api().get();
        String at = Model.project(project) + " API " + api.restApiId();
        report.problem(
            at,
            at
                + ": pipeline '"
                + pipeline.name()
                + "' runs in PARALLEL execution mode, so two executions can publish to stage '"
                + api.stage()
                + "' at once and the older one can win; use ExecutionMode.QUEUED (or the default"
                + " SUPERSEDED)");
      }
    }
  }
}
