package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-project-timeout}: A CodeBuild project's timeoutInMinutes is 5–2160 and
 * queuedTimeoutInMinutes 5–480. Page: {@code docs/rules/pipeline-project-timeout.md}.
 */
final class ProjectTimeout extends PipelineRule {

  ProjectTimeout() {
    super(
        "pipeline-project-timeout",
        "A CodeBuild project's timeoutInMinutes is 5–2160 and queuedTimeoutInMinutes 5–480.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      String where = Model.project(project);
      if (project.timeoutInMinutes() < 5 || project.timeoutInMinutes() > 2160) {
        report.problem(
            where, where + ": timeoutInMinutes " + project.timeoutInMinutes() + " must be 5–2160");
      }
      if (project.queuedTimeoutInMinutes() < 5 || project.queuedTimeoutInMinutes() > 480) {
        report.problem(
            where,
            where
                + ": queuedTimeoutInMinutes "
                + project.queuedTimeoutInMinutes()
                + " must be 5–480");
      }
    }
  }
}
