package io.pipelinekit.cli;

import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.KitchenSink;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Stage;

/** Definitions the command tests load by class name. */
public final class TestDefinitions {
  /**
   * The tool the buildspecs of these definitions pin (they install it from Maven Central): the
   * fixed one the golden files carry. Run from a release, pipeline build pins its own jar instead.
   */
  static final String[] TOOL = {
    "--tool-version", io.pipelinekit.pipeline.TestTool.VERSION,
    "--tool-sha256", io.pipelinekit.pipeline.TestTool.SHA256
  };

  private TestDefinitions() {}

  /** The kitchen-sink pipeline; takes a {@code name} parameter. */
  public static final class Kitchen implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      Pipeline p = KitchenSink.pipeline();
      return p.toBuilder().name(parameters.get("name", p.name())).build();
    }
  }

  /**
   * The pipeline module's blue/green pipeline: two sources, a build, a manual approval, a
   * CodeDeploy blue/green deploy, a KMS key the bootstrap template creates, an existing pipeline
   * role.
   */
  public static final class BlueGreen implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      return io.pipelinekit.pipeline.BlueGreenPipeline.pipeline();
    }
  }

  /** The minimal valid pipeline. */
  public static final class Minimal implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid();
    }
  }

  /** A pipeline breaking several rules. */
  public static final class Broken implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      Pipeline valid = FixturesAccess.valid();
      return valid.toBuilder()
          .name("broken pipeline")
          .pipelineType(io.pipelinekit.pipeline.PipelineType.V1)
          .variables(io.pipelinekit.pipeline.PipelineVariable.of("Env", "dev"))
          .build();
    }
  }

  /** Reverses the stages of the minimal pipeline: the source is no longer first. */
  public static final class SourceLast implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      Pipeline valid = FixturesAccess.valid();
      java.util.List<Stage> stages = new java.util.ArrayList<>(valid.stages());
      java.util.Collections.reverse(stages);
      Pipeline.Builder b = Pipeline.builder();
      return b.name(valid.name())
          .account(valid.account())
          .region(valid.region())
          .roleArn(valid.roleArn())
          .artifactBucket(valid.artifactBucket())
          .stages(stages.toArray(Stage[]::new))
          .build();
    }
  }

  /** Not a definition. */
  public static final class NotADefinition {}
}
