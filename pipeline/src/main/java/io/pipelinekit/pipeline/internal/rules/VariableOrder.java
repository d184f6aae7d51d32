package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import java.util.Map;

/**
 * {@code pipeline-variable-order}: The action whose variable is referenced runs before the action
 * that references it. Page: {@code docs/rules/pipeline-variable-order.md}.
 */
final class VariableOrder extends PipelineRule {

  VariableOrder() {
    super(
        "pipeline-variable-order",
        "The action whose variable is referenced runs before the action that references it.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, Model.Position> namespaces = VariableUnknown.namespaces(pipeline);
    for (VariableUnknown.Reference ref : VariableUnknown.references(pipeline)) {
      Model.Position p = namespaces.get(ref.namespace());
      if (p == null
          || ref.namespace().equals("variables")
          || ref.namespace().equals("codepipeline")) {
        continue;
      }
      boolean earlier =
          p.stageIndex() < ref.stageIndex()
              || (p.stageIndex() == ref.stageIndex()
                  && p.action().runOrder() < ref.action().runOrder());
      if (!earlier) {
        report.problem(
            Model.at(ref.stage(), ref.action()),
            ref.at()
                + ", but "
                + Model.at(p.stage(), p.action())
                + " does not run before it; variables are available only to later actions");
      }
    }
  }
}
