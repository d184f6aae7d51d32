package io.pipelinekit.cli;

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
import io.pipelinekit.pipeline.ToolInstall;

/**
 * A user's own container service, as a release engineer would define it (not pipelinekit's bundled
 * service): one image, a rolling ECS deploy. Parameters: {@code toolRepository} (a Maven repository
 * URL; default Maven Central) or {@code toolInstall=onImage}.
 */
public final class UserServicePipeline implements PipelineDefinition {
  @Override
  public Pipeline define(Parameters p) {
    String account = "111122223333";
    ToolInstall tool =
        p.get("toolInstall", "maven").equals("onImage")
            ? ToolInstall.onImage()
            : ToolInstall.mavenRepository(p.get("toolRepository", ToolInstall.MAVEN_CENTRAL));
    CodeBuildProject build =
        CodeBuildProject.builder()
            .name("orders-build")
            .serviceRoleArn("arn:aws:iam::" + account + ":role/orders-codebuild")
            .toolInstall(tool)
            .images(ContainerImage.of("orders", "acme/orders", "Dockerfile"))
            .build();
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
                        "acme/orders",
                        "main")
                    .toBuilder()
                    .namespace("SourceVariables")
                    .build()),
            Stage.named(
                "Build",
                CodeBuildAction.builder()
                    .name("Build")
                    .project(build)
                    .inputs("Source")
                    .outputs("BuildOutput")
                    .build()),
            Stage.named(
                "Deploy",
                EcsDeployAction.builder()
                    .name("Deploy")
                    .input("BuildOutput")
                    .clusterName("orders")
                    .serviceName("orders")
                    .taskDefinition(
                        TaskDefinition.builder()
                            .family("orders")
                            .containers("orders")
                            .taskRoleArn("arn:aws:iam::" + account + ":role/orders-task")
                            .executionRoleArn(
                                "arn:aws:iam::" + account + ":role/orders-task-execution")
                            .build())
                    .build()))
        .build();
  }
}
