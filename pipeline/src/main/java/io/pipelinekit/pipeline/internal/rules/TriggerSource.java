package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Trigger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code pipeline-trigger-source}: A trigger names a CodeConnections source action of the first
 * stage. Page: {@code docs/rules/pipeline-trigger-source.md}.
 */
final class TriggerSource extends PipelineRule {

  TriggerSource() {
    super(
        "pipeline-trigger-source",
        "A trigger names a CodeConnections source action of the first stage.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, Source> sources = new LinkedHashMap<>();
    if (!pipeline.stages().isEmpty()) {
      for (Action action : pipeline.stages().get(0).actions()) {
        if (action instanceof Source s) {
          sources.put(s.name(), s);
        }
      }
    }
    for (Trigger trigger : pipeline.triggers()) {
      String where = "trigger on '" + trigger.sourceActionName() + "'";
      Source source = sources.get(trigger.sourceActionName());
      if (source == null) {
        report.problem(
            where,
            where
                + ": no source action of that name in the first stage; name one of "
                + sources.keySet());
      } else if (source.kind() != Source.Kind.CODE_CONNECTIONS) {
        report.problem(
            where,
            where
                + ": triggers work only on CodeConnections (CodeStarSourceConnection) sources, this"
                + " one is "
                + source.provider()
                + "; use a GitHub, Bitbucket or GitLab source or remove the trigger");
      }
    }
  }
}
