package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.ToolInstall;
import java.util.regex.Pattern;

/**
 * {@code pipeline-tool-s3-object}: An S3 tool install names a valid bucket and an object key. Page:
 * {@code docs/rules/pipeline-tool-s3-object.md}.
 */
final class ToolS3Object extends PipelineRule {
  /**
   * General purpose bucket names: 3–63 characters, lowercase letters, digits, '.' and '-', starting
   * and ending with a letter or digit
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
   */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /**
   * Object keys: up to 1024 bytes; the characters safe everywhere are letters, digits and {@code !
   * - _ . * ' ( )}, with '/' as the folder separator
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html). The quote is left
   * out: the key is a shell word in the buildspec.
   */
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9!_.*()/-]{1,1024}");

  ToolS3Object() {
    super(
        "pipeline-tool-s3-object",
        "An S3 tool install names a valid bucket and an object key of safe characters.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      ToolInstall install = project.toolInstall();
      if (install.kind() != ToolInstall.Kind.S3) {
        continue;
      }
      String where = Model.project(project);
      String bucket = install.bucket().orElseThrow();
      String key = install.key().orElseThrow();
      if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
        report.problem(
            where,
            where
                + ": tool bucket '"
                + bucket
                + "' is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-',"
                + " starting and ending with a letter or digit)");
      }
      if (!KEY.matcher(key).matches() || key.startsWith("/") || key.endsWith("/")) {
        report.problem(
            where,
            where
                + ": tool object key '"
                + key
                + "' is not an object key of letters, digits and ! - _ . * ( ) /, not starting"
                + " or ending with '/'; e.g. \"tools/pipeline-cli-0.1.0-all.jar\"");
      }
    }
  }
}
