package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pipeline-artifact-duplicate}: Output artifact names are unique in the pipeline. Page:
 * {@code docs/rules/pipeline-artifact-duplicate.md}.
 */
final class ArtifactDuplicate extends PipelineRule {

  ArtifactDuplicate() {
    super("pipeline-artifact-duplicate", "Output artifact names are unique in the pipeline.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    ArtifactUnknown.producers(pipeline)
        .forEach(
            (artifact, list) -> {
              if (list.size() > 1) {
                List<String> where = new ArrayList<>();
                list.forEach(p -> where.add(Model.at(p.stage(), p.action())));
                report.problem(
                    where.get(0),
                    "output artifact '"
                        + artifact
                        + "' is produced by "
                        + String.join(" and ", where)
                        + ": output artifact names must be unique in the pipeline; rename all but"
                        + " one");
              }
            });
  }
}
