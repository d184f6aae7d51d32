package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PullRequestFilter;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Trigger;

/**
 * {@code pipeline-trigger-limits}: A trigger has at most 3 push and 3 pull-request filters, each
 * pattern list at most 8 globs of 1–255 characters. Page: {@code
 * docs/rules/pipeline-trigger-limits.md}.
 */
final class TriggerLimits extends PipelineRule {

  /** A problem when {@code count} is over {@code max}: "PREFIX N WHAT, at most MAX are allowed". */
  private static void atMost(
      Report report, String where, String prefix, int count, int max, String what, String remedy) {
    if (count > max) {
      report.problem(
          where, prefix + count + " " + what + ", at most " + max + " are allowed; " + remedy);
    }
  }

  private static void patterns(Report report, String where, Patterns patterns) {
    atMost(
        report,
        where,
        where + ": ",
        patterns.includes().size(),
        8,
        "include patterns",
        "use broader globs");
    atMost(
        report,
        where,
        where + ": ",
        patterns.excludes().size(),
        8,
        "exclude patterns",
        "use broader globs");
    for (String glob : Model.concat(patterns.includes(), patterns.excludes())) {
      if (glob.isEmpty() || glob.length() > 255) {
        report.problem(where, where + ": pattern '" + glob + "' must be 1–255 characters");
      }
    }
  }

  TriggerLimits() {
    super(
        "pipeline-trigger-limits",
        "A trigger has at most 3 push and 3 pull-request filters, each pattern list at most 8 globs of 1–255 characters.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Trigger trigger : pipeline.triggers()) {
      String where = "trigger on '" + trigger.sourceActionName() + "'";
      atMost(
          report,
          where,
          where + ": has ",
          trigger.push().size(),
          3,
          "push filters",
          "combine patterns into fewer filters");
      atMost(
          report,
          where,
          where + ": has ",
          trigger.pullRequest().size(),
          3,
          "pull-request filters",
          "combine patterns into fewer filters");
      for (int i = 0; i < trigger.push().size(); i++) {
        PushFilter push = trigger.push().get(i);
        String at = where + " push[" + i + "]";
        push.branches().ifPresent(p -> patterns(report, at + " branches", p));
        push.tags().ifPresent(p -> patterns(report, at + " tags", p));
        push.filePaths().ifPresent(p -> patterns(report, at + " filePaths", p));
      }
      for (int i = 0; i < trigger.pullRequest().size(); i++) {
        PullRequestFilter pr = trigger.pullRequest().get(i);
        String at = where + " pullRequest[" + i + "]";
        pr.branches().ifPresent(p -> patterns(report, at + " branches", p));
        pr.filePaths().ifPresent(p -> patterns(report, at + " filePaths", p));
      }
    }
  }
}
