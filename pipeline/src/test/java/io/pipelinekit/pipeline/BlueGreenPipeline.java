package io.pipelinekit.pipeline;

/**
 * A blue/green pipeline with two sources (GitHub through CodeConnections, and a CodeCommit
 * configuration repository), a build, a manual approval and a CodeDeploy blue/green deploy to ECS;
 * its artifacts are encrypted with a KMS key the bootstrap template creates (an alias ARN), and the
 * pipeline's role already exists (referenced, not created).
 */
public final class BlueGreenPipeline {
  private BlueGreenPipeline() {}

  public static Pipeline pipeline() {
    CodeBuildProject images =
        CodeBuildProject.builder()
            .name("orders-images")
            .serviceRoleArn("arn:aws:iam::111122223333:role/ci/orders-codebuild")
            .images(ContainerImage.of("web", "orders/web", "web/Dockerfile"))
            .imageDetail("web")
            .secondaryArtifact("WebImage", "imageDetail.json")
            .secondaryArtifact("Templates", "taskdef.json", "appspec.yaml")
            .build();
    TaskDefinition task =
        TaskDefinition.builder()
            .family("orders")
            .containers("web")
            .taskRoleArn("arn:aws:iam::111122223333:role/orders-task")
            .executionRoleArn("arn:aws:iam::111122223333:role/orders-task-execution")
            .build();
    return Pipeline.builder()
        .name("orders")
        .account(Fixtures.ACCOUNT)
        .region(Fixtures.REGION)
        .existingRoleArn("arn:aws:iam::111122223333:role/orders-pipeline")
        .artifactBucket("orders-artifacts-111122223333")
        .artifactKmsKeyArn("arn:aws:kms:eu-west-1:111122223333:alias/orders-artifacts")
        .stages(
            Stage.named(
                "Source",
                Source.gitHub(Fixtures.CONNECTION, "acme/orders", "main"),
                Source.codeCommit("orders-config", "main").toBuilder()
                    .name("Config")
                    .output("Config")
                    .build()),
            Stage.named(
                "Build",
                CodeBuildAction.builder()
                    .name("Images")
                    .project(images)
                    .inputs("Source", "Config")
                    .primarySource("Source")
                    .outputs("WebImage", "Templates")
                    .build()),
            Stage.named(
                "Approve",
                ManualApprovalAction.builder()
                    .name("Release")
                    .notificationArn("arn:aws:sns:eu-west-1:111122223333:orders-approvals")
                    .build()),
            Stage.named(
                "Deploy",
                CodeDeployToEcsAction.builder()
                    .name("BlueGreen")
                    .applicationName("orders")
                    .deploymentGroupName("orders-web")
                    .taskDefinitionTemplate("Templates", "taskdef.json")
                    .appSpecTemplate("Templates", "appspec.yaml")
                    .image("WebImage", "IMAGE1_NAME")
                    .taskDefinition(task)
                    .build()))
        .build();
  }
}
