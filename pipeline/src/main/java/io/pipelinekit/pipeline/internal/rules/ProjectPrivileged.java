package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-project-privileged}: A CodeBuild project that builds container images runs in
 * privileged mode. Page: {@code docs/rules/pipeline-project-privileged.md}.
 */
final class ProjectPrivileged extends PipelineRule {

  ProjectPrivileged() {
    super(
        "pipeline-project-privileged",
        "A CodeBuild project that builds container images runs in privileged mode.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (!project.images().isEmpty() && !project.privilegedMode()) {
        String where = Model.project(project);
        report.problem(
            where,
            where
                + ": builds container images but privileged mode is off, so Docker cannot start"
                + " (\"Cannot connect to the Docker daemon\"); remove .privilegedMode(false)");
      }
    }
  }
}
