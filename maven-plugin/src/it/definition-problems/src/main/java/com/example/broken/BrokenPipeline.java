package com.example.broken;

import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;

/** Two mistakes at once: the source is not the first stage, and the build reads no artifact. */
public final class BrokenPipeline implements PipelineDefinition {
  @Override
  public Pipeline define(Parameters p) {
    return Pipeline.builder()
        .name("broken")
        .account("111122223333")
        .region("eu-west-1")
        .roleArn("arn:aws:iam::111122223333:role/broken-pipeline")
        .artifactBucket("broken-artifacts-111122223333")
        .stages(
            Stage.named(
                "Build",
                CodeBuildAction.builder()
                    .project(
                        CodeBuildProject.builder()
                            .name("broken-build")
                            .serviceRoleArn("arn:aws:iam::111122223333:role/broken-build")
                            .build())
                    .inputs("Nowhere")
                    .build()),
            Stage.named(
                "Source",
                Source.gitHub(
                    "arn:aws:codeconnections:eu-west-1:111122223333:connection/0123abcd-0123-4567-89ab-0123456789ab",
                    "example/broken",
                    "main")))
        .build();
  }
}
