package io.pipelinekit.pipeline.internal;

import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Location;
import io.pipelinekit.core.Rule;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.internal.rules.PipelineRule;
import io.pipelinekit.pipeline.internal.rules.PipelineRuleList;
import java.util.ArrayList;
import java.util.List;

/**
 * CodePipeline's and CodeBuild's structure rules, and the cross-file consistency checks, over a
 * whole pipeline: one class per rule id in {@code internal.rules}. Every problem is collected (none
 * stops the others) so the user fixes all in one round. Each message says where (stage/action or
 * project), what, and how to fix it.
 */
public final class PipelineRules {
  private PipelineRules() {}

  /**
   * Initialises the rules now: their list, and AWS's model table several of them read (a resource
   * of the library's jar, which a cold JVM opens and indexes first). For a caller that does it on
   * another thread while it has other work (about 0.06 s of a cold JVM's CPU); a check that comes
   * sooner waits for it, as for any class being initialised, and nothing runs twice.
   */
  public static void prepare() {
    PipelineRuleList.all();
  }

  /**
   * Starts initialising the rules on a daemon thread, for a caller that checks a pipeline soon and
   * has other work first (the command line builds its parser and loads the definition): their list,
   * and AWS's model table several of them read, a resource of the library's jar that a cold JVM
   * opens and indexes first. On a cold JVM that is ~0.06 s of CPU off the caller's thread. A check
   * that comes sooner waits for it, as for any class being initialised; nothing runs twice.
   */
  public static Thread prepareInBackground() {
    // a lambda, not a method reference: the rules' classes are then loaded on that thread
    Thread t = new Thread(() -> PipelineRuleList.all(), "pipelinekit-rules-preparation");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Every rule, in the order they run. */
  public static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    PipelineRuleList.all().forEach(r -> rules.add(r.rule()));
    return List.copyOf(rules);
  }

  /** Every problem of the pipeline, rule by rule; empty when it is fine. */
  public static List<Finding> check(Pipeline pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (PipelineRule rule : PipelineRuleList.all()) {
      rule.check(
          pipeline,
          (where, message) ->
              findings.add(
                  new Finding(
                      rule.id(), rule.rule().severity(), Location.inModel(where), message)));
    }
    return List.copyOf(findings);
  }
}
