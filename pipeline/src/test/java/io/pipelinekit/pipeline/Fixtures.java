package io.pipelinekit.pipeline;

/** A valid container-service pipeline for tests to break one rule at a time. */
final class Fixtures {
  static final String ACCOUNT = "111122223333";
  static final String REGION = "eu-west-1";
  static final String CONNECTION =
      "arn:aws:codeconnections:eu-west-1:111122223333:connection/0123abcd-0123-4567-89ab-0123456789ab";

  private Fixtures() {}

  static Source source() {
    return Source.gitHub(CONNECTION, "acme/service", "main").toBuilder()
        .namespace("SourceVariables")
        .build();
  }

  static CodeBuildProject.Builder project() {
    return CodeBuildProject.builder()
        .name("service-build")
        .serviceRoleArn("arn:aws:iam::111122223333:role/service-codebuild")
        .images(
            ContainerImage.of("app", "service/app", "service/release/app/Dockerfile"),
            ContainerImage.of("nginx", "service/nginx", "service/release/nginx/Dockerfile"))
        .api(ApiPublication.of("a1b2c3d4e5", "dev", "service/api/openapi.yaml"));
  }

  static CodeBuildAction.Builder build() {
    return CodeBuildAction.builder()
        .project(project().build())
        .inputs("Source")
        .outputs("BuildOutput")
        .namespace("BuildVariables");
  }

  static TaskDefinition.Builder taskDefinition() {
    return TaskDefinition.builder()
        .family("service")
        .containers("app", "nginx")
        .taskRoleArn("arn:aws:iam::111122223333:role/service-task")
        .executionRoleArn("arn:aws:iam::111122223333:role/service-task-execution");
  }

  static EcsDeployAction.Builder deploy() {
    return EcsDeployAction.builder()
        .input("BuildOutput")
        .clusterName("service")
        .serviceName("service")
        .taskDefinition(taskDefinition().build());
  }

  static Pipeline.Builder pipeline(Stage... stages) {
    return Pipeline.builder()
        .name("service")
        .account(ACCOUNT)
        .region(REGION)
        .roleArn("arn:aws:iam::111122223333:role/service-pipeline")
        .artifactBucket("service-artifacts-111122223333")
        .stages(stages);
  }

  static Pipeline.Builder valid() {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().build()),
        Stage.named("Deploy", deploy().build()));
  }
}
