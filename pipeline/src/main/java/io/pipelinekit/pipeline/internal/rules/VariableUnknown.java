package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.ManualApprovalAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pipeline-variable-unknown}: Every #{Namespace.VAR} names a pipeline variable,
 * codepipeline.PipelineExecutionId, or a variable an action with that namespace exports. Page:
 * {@code docs/rules/pipeline-variable-unknown.md}.
 */
final class VariableUnknown extends PipelineRule {

  static final Pattern REFERENCE = Pattern.compile("#\\{([^.}\\s]+)\\.([^}\\s]+)}");

  /** One {@code #{Namespace.VAR}} in an action's configuration. */
  record Reference(
      int stageIndex,
      Stage stage,
      Action action,
      String key,
      String namespace,
      String variable,
      String text) {
    String at() {
      return Model.at(stage, action) + ": " + key + " references " + text;
    }
  }

  /** Every variable reference in the pipeline, in order. */
  static List<Reference> references(Pipeline pipeline) {
    List<Reference> all = new ArrayList<>();
    List<Stage> stages = pipeline.stages();
    for (int s = 0; s < stages.size(); s++) {
      Stage stage = stages.get(s);
      for (Action action : stage.actions()) {
        for (Map.Entry<String, String> entry : action.configuration().entrySet()) {
          Matcher m = REFERENCE.matcher(entry.getValue());
          while (m.find()) {
            all.add(
                new Reference(s, stage, action, entry.getKey(), m.group(1), m.group(2), m.group()));
          }
        }
      }
    }
    return all;
  }

  /** The first action with each namespace. */
  static Map<String, Model.Position> namespaces(Pipeline pipeline) {
    Map<String, Model.Position> namespaces = new HashMap<>();
    List<Stage> stages = pipeline.stages();
    for (int s = 0; s < stages.size(); s++) {
      for (Action action : stages.get(s).actions()) {
        int stageIndex = s;
        action
            .namespace()
            .ifPresent(
                ns ->
                    namespaces.putIfAbsent(
                        ns, new Model.Position(stageIndex, stages.get(stageIndex), action)));
      }
    }
    return namespaces;
  }

  VariableUnknown() {
    super(
        "pipeline-variable-unknown",
        "Every #{Namespace.VAR} names a pipeline variable, codepipeline.PipelineExecutionId, or a variable an action with that namespace exports.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, Model.Position> namespaces = namespaces(pipeline);
    Set<String> pipelineVariables = new LinkedHashSet<>();
    pipeline.variables().forEach(v -> pipelineVariables.add(v.name()));
    for (Reference ref : references(pipeline)) {
      String where = Model.at(ref.stage(), ref.action());
      String at = ref.at();
      String ns = ref.namespace();
      String var = ref.variable();
      if (ns.equals("variables")) {
        if (!pipelineVariables.contains(var)) {
          report.problem(
              where,
              at
                  + ", but the pipeline has no variable '"
                  + var
                  + "'; declare it with .variables(PipelineVariable.of(\""
                  + var
                  + "\", default))");
        }
        continue;
      }
      if (ns.equals("codepipeline")) {
        if (!var.equals("PipelineExecutionId")) {
          report.problem(
              where, at + ", but the codepipeline namespace has only PipelineExecutionId");
        }
        continue;
      }
      Model.Position p = namespaces.get(ns);
      if (p == null) {
        report.problem(
            where,
            at
                + ", but no action has namespace '"
                + ns
                + "'; set .namespace(\""
                + ns
                + "\") on the action that exports "
                + var
                + (namespaces.isEmpty()
                    ? ""
                    : " (namespaces: "
                        + String.join(", ", new TreeSet<>(namespaces.keySet()))
                        + ")"));
        continue;
      }
      if (!(p.action() instanceof ManualApprovalAction)
          && !p.action().outputVariables().contains(var)) {
        report.problem(
            where,
            at
                + ", but "
                + Model.at(p.stage(), p.action())
                + " exports no variable '"
                + var
                + "' "
                + new TreeSet<>(p.action().outputVariables())
                + (p.action() instanceof CodeBuildAction
                    ? "; add it to the project's exported variables"
                    : "; use one of those"));
      }
    }
  }
}
