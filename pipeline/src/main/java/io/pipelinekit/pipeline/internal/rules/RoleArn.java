package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-role-arn}: The pipeline's roleArn and each CodeBuild project's serviceRoleArn are
 * IAM role ARNs. Page: {@code docs/rules/pipeline-role-arn.md}.
 */
final class RoleArn extends PipelineRule {

  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws(-[a-z]+)*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

  RoleArn() {
    super(
        "pipeline-role-arn",
        "The pipeline's roleArn and each CodeBuild project's serviceRoleArn are IAM role ARNs.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    String where = Model.pipeline(pipeline);
    if (!ROLE_ARN.matcher(pipeline.roleArn()).matches()) {
      report.problem(
          where,
          where
              + ": roleArn '"
              + pipeline.roleArn()
              + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    }
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (!ROLE_ARN.matcher(project.serviceRoleArn()).matches()) {
        report.problem(
            Model.project(project),
            "CodeBuild project '"
                + project.name()
                + "': serviceRoleArn '"
                + project.serviceRoleArn()
                + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
      }
    }
  }
}
