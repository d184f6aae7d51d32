package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pipeline-env-duplicate}: An environment variable is set once per CodeBuild action or
 * project. Page: {@code docs/rules/pipeline-env-duplicate.md}.
 */
final class EnvDuplicate extends PipelineRule {

  /** Each list of environment variables (a CodeBuild action's, a project's) with its place. */
  static Map<String, List<EnvironmentVariable>> variableLists(Pipeline pipeline) {
    Map<String, List<EnvironmentVariable>> lists = new LinkedHashMap<>();
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof CodeBuildAction build) {
          lists.put(Model.at(stage, action), build.environmentVariables());
        }
      }
    }
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      lists.put(Model.project(project), project.environmentVariables());
    }
    return lists;
  }

  EnvDuplicate() {
    super(
        "pipeline-env-duplicate",
        "An environment variable is set once per CodeBuild action or project.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    variableLists(pipeline)
        .forEach(
            (where, variables) -> {
              Set<String> names = new HashSet<>();
              for (EnvironmentVariable v : variables) {
                String at = where + " environment variable " + v.name();
                if (!names.add(v.name())) {
                  report.problem(at, at + ": set twice; keep one");
                }
              }
            });
  }
}
