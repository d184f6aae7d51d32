package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Trigger;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code pipeline-trigger-duplicate}: At most one trigger per source action. Page: {@code
 * docs/rules/pipeline-trigger-duplicate.md}.
 */
final class TriggerDuplicate extends PipelineRule {

  TriggerDuplicate() {
    super("pipeline-trigger-duplicate", "At most one trigger per source action.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Set<String> seen = new HashSet<>();
    for (Trigger trigger : pipeline.triggers()) {
      String where = "trigger on '" + trigger.sourceActionName() + "'";
      if (!seen.add(trigger.sourceActionName())) {
        report.problem(
            where,
            where + ": there is another trigger on the same source action; merge them into one");
      }
    }
  }
}
