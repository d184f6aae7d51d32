package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.regex.Pattern;

/**
 * {@code pipeline-namespace-pattern}: Action namespaces use 1–100 characters from A-Z a-z 0-9 @ _
 * -. Page: {@code docs/rules/pipeline-namespace-pattern.md}.
 */
final class NamespacePattern extends PipelineRule {

  static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9@_-]{1,100}");

  NamespacePattern() {
    super(
        "pipeline-namespace-pattern",
        "Action namespaces use 1–100 characters from A-Z a-z 0-9 @ _ -.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        String where = Model.at(stage, action);
        action
            .namespace()
            .filter(ns -> !NAMESPACE.matcher(ns).matches())
            .ifPresent(
                ns ->
                    report.problem(
                        where,
                        where
                            + ": namespace '"
                            + ns
                            + "' is not allowed: use 1–100 characters from A-Z a-z 0-9 @ _ -"));
      }
    }
  }
}
