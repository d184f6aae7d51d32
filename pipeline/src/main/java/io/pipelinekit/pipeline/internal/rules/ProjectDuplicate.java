package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code pipeline-project-duplicate}: Two CodeBuild projects with the same name have the same
 * settings. Page: {@code docs/rules/pipeline-project-duplicate.md}.
 */
final class ProjectDuplicate extends PipelineRule {

  private static boolean sameProject(CodeBuildProject a, CodeBuildProject b) {
    return a.equals(b);
  }

  ProjectDuplicate() {
    super(
        "pipeline-project-duplicate",
        "Two CodeBuild projects with the same name have the same settings.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    Map<String, CodeBuildProject> byName = new HashMap<>();
    for (Action action : pipeline.actions()) {
      if (action instanceof CodeBuildAction build) {
        CodeBuildProject p = build.project();
        CodeBuildProject other = byName.putIfAbsent(p.name(), p);
        if (other != null && other != p && !sameProject(other, p)) {
          report.problem(
              Model.project(p),
              "CodeBuild project '"
                  + p.name()
                  + "' is defined twice with different settings; use one object or rename one");
        }
      }
    }
  }
}
