package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-exported-variable-reserved}: A project's exported variables do not use the
 * reserved prefixes AWS_ and CODEBUILD_. Page: {@code
 * docs/rules/pipeline-exported-variable-reserved.md}.
 */
final class ExportedVariableReserved extends PipelineRule {

  ExportedVariableReserved() {
    super(
        "pipeline-exported-variable-reserved",
        "A project's exported variables do not use the reserved prefixes AWS_ and CODEBUILD_.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      String where = Model.project(project);
      for (String variable : project.exportedVariables()) {
        if (variable.startsWith("AWS_") || variable.startsWith("CODEBUILD_")) {
          report.problem(
              where,
              where
                  + ": exported variable "
                  + variable
                  + " uses a reserved prefix (AWS_, CODEBUILD_); rename it");
        }
      }
    }
  }
}
