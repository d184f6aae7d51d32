package io.pipelinekit.service.definition;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.TaskDefinition;
import io.pipelinekit.pipeline.ToolInstall;
import io.pipelinekit.pipeline.Trigger;

/**
 * The bundled service's pipeline, the reference deployment: GitHub {@code main} through
 * CodeConnections → CodeBuild (builds the {@code app} and {@code nginx} images, pushes them to ECR
 * tagged with the short commit id, writes {@code imagedefinitions.json}, publishes the API to stage
 * {@code dev}) → a rolling ECS deploy of the Fargate service.
 *
 * <p>Parameters ({@code -P name=value}) and their example defaults, so that {@code bin/pipeline
 * build} works without an AWS account:
 *
 * <table>
 *   <caption>Parameters</caption>
 *   <tr><td>account</td><td>111122223333</td></tr>
 *   <tr><td>region</td><td>eu-west-1</td></tr>
 *   <tr><td>connectionArn</td><td>arn:aws:codeconnections:REGION:ACCOUNT:connection/…</td></tr>
 *   <tr><td>repository</td><td>example-org/pipelinekit</td></tr>
 *   <tr><td>branch</td><td>main</td></tr>
 *   <tr><td>artifactBucket</td><td>pipelinekit-artifacts-ACCOUNT-REGION</td></tr>
 *   <tr><td>pipelineRoleArn</td><td>arn:aws:iam::ACCOUNT:role/pipelinekit-service-pipeline</td></tr>
 *   <tr><td>codeBuildRoleArn</td><td>arn:aws:iam::ACCOUNT:role/pipelinekit-service-codebuild</td></tr>
 *   <tr><td>cluster</td><td>pipelinekit</td></tr>
 *   <tr><td>service</td><td>pipelinekit-service</td></tr>
 *   <tr><td>taskRoleArn</td><td>arn:aws:iam::ACCOUNT:role/pipelinekit-service-task</td></tr>
 *   <tr><td>executionRoleArn</td><td>arn:aws:iam::ACCOUNT:role/pipelinekit-service-task-execution</td></tr>
 *   <tr><td>appRepository</td><td>pipelinekit/service-app</td></tr>
 *   <tr><td>nginxRepository</td><td>pipelinekit/service-nginx</td></tr>
 *   <tr><td>restApiId</td><td>a1b2c3d4e5</td></tr>
 *   <tr><td>apiStage</td><td>dev</td></tr>
 *   <tr><td>toolRepository</td><td>(none: build the tool from the checkout)</td></tr>
 * </table>
 *
 * <p>{@code toolRepository} (a Maven repository URL, e.g. a mirror or a {@code file:} folder) makes
 * the install phase fetch the exact {@code pipeline-cli} runnable jar that ran {@code pipeline
 * build} from there, checked against its SHA-256, instead of building it from the checkout with
 * Maven.
 */
public final class ServicePipeline implements PipelineDefinition {
  /** Container names in the service's task definition (the service's images use them). */
  public static final String APP = "app";

  public static final String NGINX = "nginx";

  @Override
  public Pipeline define(Parameters p) {
    String account = p.get("account", "111122223333");
    String region = p.get("region", "eu-west-1");
    String connectionArn =
        p.get(
            "connectionArn",
            "arn:aws:codeconnections:"
                + region
                + ":"
                + account
                + ":connection/3f2d9c1e-5b7a-4c8e-9d0f-1a2b3c4d5e6f");
    String branch = p.get("branch", "main");
    String toolRepository = p.get("toolRepository", "");

    CodeBuildProject build =
        CodeBuildProject.builder()
            .name("pipelinekit-service")
            .description("Builds and pushes the service's images, publishes its API")
            .serviceRoleArn(
                p.get(
                    "codeBuildRoleArn",
                    "arn:aws:iam::" + account + ":role/pipelinekit-service-codebuild"))
            .image("aws/codebuild/amazonlinux-x86_64-standard:5.0")
            .computeType("BUILD_GENERAL1_SMALL")
            .timeoutInMinutes(30)
            // The service is pipelinekit itself: CodeBuild builds the tool from this checkout
            // (Maven repository cached) instead of downloading a released jar, unless a
            // repository holding the exact jar is named.
            .toolInstall(
                toolRepository.isEmpty()
                    ? ToolInstall.fromSource("bin/pipeline")
                    : ToolInstall.mavenRepository(toolRepository))
            .images(
                ContainerImage.builder()
                    .containerName(APP)
                    .repository(p.get("appRepository", "pipelinekit/service-app"))
                    .dockerfile("service/release/app/Dockerfile")
                    .context(".")
                    .build(),
                ContainerImage.builder()
                    .containerName(NGINX)
                    .repository(p.get("nginxRepository", "pipelinekit/service-nginx"))
                    .dockerfile("service/release/nginx/Dockerfile")
                    .context("service/release/nginx")
                    .build())
            .api(
                ApiPublication.builder()
                    .restApiId(p.get("restApiId", "a1b2c3d4e5"))
                    .stage(p.get("apiStage", "dev"))
                    .fragments(
                        java.util.List.of("service/api/openapi.yaml", "service/api/gateway.yaml"))
                    .build())
            .build();

    TaskDefinition task =
        TaskDefinition.builder()
            .family("pipelinekit-service")
            .containers(APP, NGINX)
            .taskRoleArn(
                p.get("taskRoleArn", "arn:aws:iam::" + account + ":role/pipelinekit-service-task"))
            .executionRoleArn(
                p.get(
                    "executionRoleArn",
                    "arn:aws:iam::" + account + ":role/pipelinekit-service-task-execution"))
            .build();

    return Pipeline.builder()
        .name("pipelinekit-service")
        .account(account)
        .region(region)
        .roleArn(
            p.get(
                "pipelineRoleArn",
                "arn:aws:iam::" + account + ":role/pipelinekit-service-pipeline"))
        .artifactBucket(p.get("artifactBucket", "pipelinekit-artifacts-" + account + "-" + region))
        .triggers(Trigger.onPush("Source", PushFilter.branches(Patterns.include(branch))))
        .stages(
            Stage.named(
                "Source",
                Source.gitHub(connectionArn, p.get("repository", "example-org/pipelinekit"), branch)
                    .toBuilder()
                    .namespace("SourceVariables")
                    .build()),
            Stage.named(
                "Build",
                CodeBuildAction.builder()
                    .name("BuildImages")
                    .project(build)
                    .inputs("Source")
                    .outputs("BuildOutput")
                    .namespace("BuildVariables")
                    .build()),
            Stage.named(
                "Deploy",
                EcsDeployAction.builder()
                    .name("DeployService")
                    .input("BuildOutput")
                    .clusterName(p.get("cluster", "pipelinekit"))
                    .serviceName(p.get("service", "pipelinekit-service"))
                    .deploymentTimeoutMinutes(30)
                    .taskDefinition(task)
                    .build()))
        .build();
  }
}
