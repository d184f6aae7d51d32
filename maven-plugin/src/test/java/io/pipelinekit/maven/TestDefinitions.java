package io.pipelinekit.maven;

import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.ToolInstall;

/** Definitions the tests load through a project class loader. */
public final class TestDefinitions {
  private TestDefinitions() {}

  static Pipeline.Builder pipeline(String name, String account, Stage... stages) {
    return Pipeline.builder()
        .name(name)
        .account(account)
        .region("eu-west-1")
        .roleArn("arn:aws:iam::" + account + ":role/" + name + "-pipeline")
        .artifactBucket(name + "-artifacts-" + account)
        .stages(stages);
  }

  static Stage source(String account) {
    return Stage.named(
        "Source",
        Source.gitHub(
            "arn:aws:codeconnections:eu-west-1:"
                + account
                + ":connection/0123abcd-0123-4567-89ab-0123456789ab",
            "example/app",
            "main"));
  }

  static Stage test(String name, String account) {
    return Stage.named(
        "Test",
        CodeBuildAction.builder()
            .project(
                CodeBuildProject.builder()
                    .name(name + "-test")
                    .serviceRoleArn("arn:aws:iam::" + account + ":role/" + name + "-build")
                    .buildCommands("mvn -B verify")
                    .toolInstall(ToolInstall.onImage())
                    .build())
            .inputs("Source")
            .build());
  }

  /** Valid; reads parameter {@code account}; records the thread's context class loader. */
  public static final class Valid implements PipelineDefinition {
    static volatile ClassLoader contextLoader;

    @Override
    public Pipeline define(Parameters p) {
      contextLoader = Thread.currentThread().getContextClassLoader();
      String account = p.get("account", "111122223333");
      return pipeline("valid", account, source(account), test("valid", account)).build();
    }
  }

  /** Also valid. */
  public static final class Other implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      return pipeline(
              "other", "111122223333", source("111122223333"), test("other", "111122223333"))
          .build();
    }
  }

  /** The source second, and nothing but sources besides: three broken rules. */
  public static final class Broken implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      return pipeline(
              "broken",
              "111122223333",
              Stage.named(
                  "Build",
                  CodeBuildAction.builder()
                      .project(
                          CodeBuildProject.builder()
                              .name("broken-build")
                              .serviceRoleArn("arn:aws:iam::111122223333:role/broken-build")
                              .buildCommands("make")
                              .build())
                      .inputs("Nowhere")
                      .build()),
              source("111122223333"))
          .build();
    }
  }

  /** Throws what is not a definition problem. */
  public static final class Throwing implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      throw new IllegalStateException("the account table is empty");
    }
  }
}
