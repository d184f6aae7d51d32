package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy of a project's batch role ({@code buildBatchConfig.serviceRole}): CodeBuild calls
 * StartBuild, StopBuild and RetryBuild with it to run the batch's builds, on this project only
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build.html, "Security role"; AWS
 * CDK's {@code Project.enableBatchBuilds()} grants the same three actions on the project's ARN).
 */
public final class BatchPolicies {
  private BatchPolicies() {}

  public static Map<String, Object> batchRole(Pipeline pipeline, CodeBuildProject project) {
    Arns arns = new Arns(pipeline.account(), pipeline.region());
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Sid", "RunBatchBuilds");
    statement.put("Effect", "Allow");
    statement.put(
        "Action",
        new ArrayList<Object>(
            List.of("codebuild:RetryBuild", "codebuild:StartBuild", "codebuild:StopBuild")));
    statement.put(
        "Resource", new ArrayList<Object>(List.of(arns.codeBuildProject(project.name()))));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", "2012-10-17");
    doc.put("Statement", new ArrayList<Object>(List.of(statement)));
    return doc;
  }
}
