package com.example.multi;

import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.ToolInstall;

/** A source and a CodeBuild test run, named for its environment. */
public final class StagingPipeline implements PipelineDefinition {
  @Override
  public Pipeline define(Parameters p) {
    String account = p.get("account", "111122223333");
    String name = "staging";
    return Pipeline.builder()
        .name(name)
        .account(account)
        .region("eu-west-1")
        .roleArn("arn:aws:iam::" + account + ":role/" + name + "-pipeline")
        .artifactBucket(name + "-artifacts-" + account)
        .stages(
            Stage.named(
                "Source",
                Source.gitHub(
                    "arn:aws:codeconnections:eu-west-1:"
                        + account
                        + ":connection/0123abcd-0123-4567-89ab-0123456789ab",
                    "example/multi",
                    "main")),
            Stage.named(
                "Test",
                CodeBuildAction.builder()
                    .project(
                        CodeBuildProject.builder()
                            .name(name + "-test")
                            .serviceRoleArn("arn:aws:iam::" + account + ":role/" + name + "-build")
                            .buildCommands("mvn -B verify")
                            // a custom image with pipeline installed: no tool to pin
                            .toolInstall(ToolInstall.onImage())
                            .build())
                    .inputs("Source")
                    .build()))
        .build();
  }
}
