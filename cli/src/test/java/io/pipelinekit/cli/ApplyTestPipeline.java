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
import java.util.ArrayList;
import java.util.List;

/** A pipeline for the apply tests: source, a CodeBuild project building app + nginx, ECS deploy. */
public final class ApplyTestPipeline implements PipelineDefinition {
  @Override
  public Pipeline define(Parameters p) {
    String name = p.require("name");
    String account = "123456789012";
    CodeBuildProject project =
        CodeBuildProject.builder()
            .name(name + "-build")
            .serviceRoleArn("arn:aws:iam::" + account + ":role/" + name + "-codebuild")
            .computeType(p.get("computeType", "BUILD_GENERAL1_SMALL"))
            .images(
                ContainerImage.of("app", name + "/app", "release/app/Dockerfile"),
                ContainerImage.of("nginx", name + "/nginx", "release/nginx/Dockerfile"))
            .build();
    return Pipeline.builder()
        .name(name)
        .account(account)
        .region("us-east-1")
        .roleArn(p.require("roleArn"))
        .artifactBucket(name + "-artifacts")
        .stages(
            Stage.named(
                "Source",
                Source.gitHub(
                    "arn:aws:codeconnections:us-east-1:"
                        + account
                        + ":connection/0123abcd-0123-4567-89ab-0123456789ab",
                    "acme/" + name,
                    p.get("branch", "main"))),
            Stage.named(
                "Build",
                CodeBuildAction.builder()
                    .project(project)
                    .inputs("Source")
                    .outputs("BuildOutput")
                    .build()),
            Stage.named(
                "Deploy",
                EcsDeployAction.builder()
                    .input("BuildOutput")
                    .clusterName(p.require("cluster"))
                    .serviceName(name)
                    .taskDefinition(
                        TaskDefinition.builder()
                            .family(name)
                            .containers("app", "nginx")
                            .taskRoleArn("arn:aws:iam::" + account + ":role/" + name + "-task")
                            .executionRoleArn("arn:aws:iam::" + account + ":role/" + name + "-exec")
                            .build())
                    .build()))
        .build();
  }

  /**
   * The options that build this definition with these parameters and the test tool artifact ({@link
   * TestDefinitions#TOOL}), then {@code more}.
   */
  static String[] arguments(String name, String roleArn, String cluster, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--definition",
                ApplyTestPipeline.class.getName(),
                "-P",
                "name=" + name,
                "-P",
                "roleArn=" + roleArn,
                "-P",
                "cluster=" + cluster));
    args.addAll(List.of(TestDefinitions.TOOL));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }
}
