package com.example.orders;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.TaskDefinition;

/** One image, a rolling ECS deploy, the API published to API Gateway. */
public final class OrdersPipeline implements PipelineDefinition {
  @Override
  public Pipeline define(Parameters p) {
    String account = p.get("account", "111122223333");
    return Pipeline.builder()
        .name("orders")
        .account(account)
        .region("eu-west-1")
        .roleArn("arn:aws:iam::" + account + ":role/orders-pipeline")
        .artifactBucket("orders-artifacts-" + account)
        .stages(
            Stage.named(
                "Source",
                Source.gitHub(
                        "arn:aws:codeconnections:eu-west-1:"
                            + account
                            + ":connection/0123abcd-0123-4567-89ab-0123456789ab",
                        "example/orders",
                        "main")
                    .toBuilder()
                    .namespace("SourceVariables")
                    .build()),
            Stage.named(
                "Build",
                CodeBuildAction.builder()
                    .project(
                        CodeBuildProject.builder()
                            .name("orders-build")
                            .serviceRoleArn("arn:aws:iam::" + account + ":role/orders-codebuild")
                            .images(ContainerImage.of("app", "orders/app", "Dockerfile"))
                            .api(ApiPublication.of("a1b2c3d4e5", "dev", "api/openapi.yaml"))
                            .build())
                    .inputs("Source")
                    .outputs("BuildOutput")
                    .namespace("BuildVariables")
                    .build()),
            Stage.named(
                "Deploy",
                EcsDeployAction.builder()
                    .input("BuildOutput")
                    .clusterName("orders")
                    .serviceName("orders")
                    .taskDefinition(
                        TaskDefinition.builder()
                            .family("orders")
                            .containers("app")
                            .taskRoleArn("arn:aws:iam::" + account + ":role/orders-task")
                            .executionRoleArn(
                                "arn:aws:iam::" + account + ":role/orders-task-execution")
                            .build())
                    .build()))
        .build();
  }
}
