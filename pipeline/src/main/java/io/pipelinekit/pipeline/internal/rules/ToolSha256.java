package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.ToolInstall;
import java.util.regex.Pattern;

/**
 * {@code pipeline-tool-sha256}: An S3 tool install gives the jar's SHA-256 as 64 hexadecimal
 * digits. Page: {@code docs/rules/pipeline-tool-sha256.md}.
 */
final class ToolSha256 extends PipelineRule {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  ToolSha256() {
    super(
        "pipeline-tool-sha256",
        "An S3 tool install gives the jar's SHA-256 as 64 hexadecimal digits.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      ToolInstall install = project.toolInstall();
      if (install.kind() != ToolInstall.Kind.S3) {
        continue;
      }
      String sha256 = install.sha256().orElseThrow();
      if (!SHA256.matcher(sha256).matches()) {
        String where = Model.project(project);
        report.problem(
            where,
            where
                + ": tool SHA-256 '"
                + sha256
                + "' is not 64 hexadecimal digits; take it from the jar's .sha256 file or"
                + " sha256sum pipeline-cli-VERSION-all.jar");
      }
    }
  }
}
