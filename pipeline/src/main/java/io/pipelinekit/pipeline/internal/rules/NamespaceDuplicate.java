package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code pipeline-namespace-duplicate}: Action namespaces are unique in the pipeline. Page: {@code
 * docs/rules/pipeline-namespace-duplicate.md}.
 */
final class NamespaceDuplicate extends PipelineRule {

  NamespaceDuplicate() {
    super("pipeline-namespace-duplicate", "Action namespaces are unique in the pipeline.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, String> namespaces = new HashMap<>();
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        String where = Model.at(stage, action);
        action
            .namespace()
            .ifPresent(
                ns -> {
                  String previous = namespaces.putIfAbsent(ns, where);
                  if (previous != null) {
                    report.problem(
                        where,
                        where
                            + ": namespace '"
                            + ns
                            + "' is already used by "
                            + previous
                            + "; namespaces must be unique in the pipeline");
                  }
                });
      }
    }
  }
}
