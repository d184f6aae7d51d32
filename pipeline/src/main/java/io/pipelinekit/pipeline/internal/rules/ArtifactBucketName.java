package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-artifact-bucket-name}: The artifact bucket has a valid S3 bucket name. Page:
 * {@code docs/rules/pipeline-artifact-bucket-name.md}.
 */
final class ArtifactBucketName extends PipelineRule {

  static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  ArtifactBucketName() {
    super("pipeline-artifact-bucket-name", "The artifact bucket has a valid S3 bucket name.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    String where = Model.pipeline(pipeline);
    if (!BUCKET.matcher(pipeline.artifactBucket()).matches()
        || pipeline.artifactBucket().contains("..")) {
      report.problem(
          where,
          where
              + ": artifact bucket '"
              + pipeline.artifactBucket()
              + "' is not a valid S3 bucket name (3–63 lowercase letters, digits, . and -)");
    }
  }
}
