package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-env-name}: Environment variable names use letters, digits and _, and do not start
 * with CODEBUILD_. Page: {@code docs/rules/pipeline-env-name.md}.
 */
final class EnvName extends PipelineRule {

  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  EnvName() {
    super(
        "pipeline-env-name",
        "Environment variable names use letters, digits and _, and do not start with CODEBUILD_.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    EnvDuplicate.variableLists(pipeline)
        .forEach(
            (where, variables) -> {
              for (EnvironmentVariable v : variables) {
                String at = where + " environment variable " + v.name();
                if (!ENV_NAME.matcher(v.name()).matches()) {
                  report.problem(at, at + ": not a valid variable name; use letters, digits and _");
                }
                if (v.name().startsWith("CODEBUILD_")) {
                  report.problem(
                      at,
                      at + ": names starting with CODEBUILD_ are reserved by CodeBuild; rename it");
                }
              }
            });
  }
}
