package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PullRequestFilter;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Trigger;

/**
 * {@code pipeline-trigger-filter}: Trigger filters are combined as CodePipeline allows: push on
 * branches (and file paths) or tags; pull requests on target branches. Page: {@code
 * docs/rules/pipeline-trigger-filter.md}.
 */
final class TriggerFilter extends PipelineRule {

  TriggerFilter() {
    super(
        "pipeline-trigger-filter",
        "Trigger filters are combined as CodePipeline allows: push on branches (and file paths) or tags; pull requests on target branches.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Trigger trigger : pipeline.triggers()) {
      String where = "trigger on '" + trigger.sourceActionName() + "'";
      if (trigger.push().isEmpty() && trigger.pullRequest().isEmpty()) {
        report.problem(where, where + ": has neither push nor pull-request filters; add one");
      }
      for (int i = 0; i < trigger.push().size(); i++) {
        PushFilter push = trigger.push().get(i);
        String at = where + " push[" + i + "]";
        boolean tags = push.tags().isPresent();
        if (tags && (push.branches().isPresent() || push.filePaths().isPresent())) {
          report.problem(
              at,
              at
                  + ": tag filters cannot be combined with branch or file-path filters; put them in"
                  + " separate push filters");
        }
        if (!tags && push.branches().isEmpty()) {
          report.problem(
              at, at + ": needs branches or tags; add .branches(Patterns.include(\"main\"))");
        }
      }
      for (int i = 0; i < trigger.pullRequest().size(); i++) {
        PullRequestFilter pr = trigger.pullRequest().get(i);
        String at = where + " pullRequest[" + i + "]";
        if (pr.branches().isEmpty() || pr.branches().get().includes().isEmpty()) {
          report.problem(
              at,
              at
                  + ": pull-request filters need branches (the target branches); add"
                  + " .branches(Patterns.include(\"main\"))");
        }
      }
    }
  }
}
