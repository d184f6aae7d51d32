package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Stage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every missing or invalid setting of a definition, of every part, in one run of the CLI. */
class AllProblemsCliTest {
  @TempDir Path tmp;

  /**
   * Misses two parameters (so the pipeline misses account and region), its bucket, a stage's name
   * and a project's role, and has a blank action name.
   */
  public static final class Incomplete implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      Pipeline valid = FixturesAccess.valid();
      CodeBuildProject project =
          CodeBuildProject.builder()
              .name("worker-build")
              .image("aws/codebuild/standard:7.0")
              .build();
      Stage extra =
          Stage.builder()
              .addAction(CodeBuildAction.builder().name(" ").project(project).build())
              .build();
      return valid.toBuilder()
          .account(p.require("account"))
          .region(p.require("region"))
          .artifactBucket(null)
          .addStage(extra)
          .build();
    }
  }

  /** Misses a stage name, then uses it (the null it left): the problem, not the exception. */
  public static final class UsesWhatIsMissing implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      Stage stage = Stage.builder().build();
      return FixturesAccess.valid().toBuilder().name(stage.name().toLowerCase()).build();
    }
  }

  @Test
  void build_listsEveryMissingSettingOfEveryPart_inOneRun() {
    Run run =
        Run.of(
            "build",
            "--definition",
            Incomplete.class.getName(),
            "--out",
            tmp.resolve("out").toString());
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    String name = FixturesAccess.valid().name();
    assertThat(run.err())
        .startsWith("pipeline: 8 problems to fix:\n")
        .contains(
            "\n  - CodeBuild project 'worker-build': serviceRoleArn is required; set it with"
                + " .serviceRoleArn(")
        .contains("\n  - CodeBuildAction: name is blank; set it with .name(\"Build\")")
        .contains("\n  - Stage: name is required; set it with .name(\"Build\")")
        .contains(
            "\n  - parameter 'account' is required; pass it with -P account=VALUE (pipeline; or a line in its --parameters file) or <parameters><account>VALUE</account></parameters> (Maven plugin)")
        .contains(
            "\n  - parameter 'region' is required; pass it with -P region=VALUE (pipeline; or a line in its --parameters file) or <parameters><region>VALUE</region></parameters> (Maven plugin)")
        .contains("\n  - pipeline '" + name + "': account is required")
        .contains("\n  - pipeline '" + name + "': region is required")
        .contains("\n  - pipeline '" + name + "': artifactBucket is required")
        .doesNotContain("Exception")
        .doesNotContain("failed in define()");
    assertThat(run.out()).isEmpty();
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void graph_reportsTheSameProblems() {
    Run run = Run.of("graph", "--definition", Incomplete.class.getName());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("pipeline: 8 problems to fix:\n");
  }

  @Test
  void aNullLeftByAMissingSetting_isReportedAsThatSetting_notAsTheDefinitionsFailure() {
    Run run = Run.of("graph", "--definition", UsesWhatIsMissing.class.getName());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("pipeline: Stage: name is required; set it with .name(\"Build\")\n");
  }
}
