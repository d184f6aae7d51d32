package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every missing or invalid setting reported in one {@link DefinitionException}: each builder's own,
 * and, through {@link PipelineDefinition#define(PipelineDefinition, Parameters)}, those of every
 * part a definition builds.
 */
class AllProblemsAtOnceTest {

  @Test
  void pipelineBuild_listsEveryMissingSetting_eachNamingWhatToSet() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class, () -> Pipeline.builder().name("svc").build());
    assertThat(e.messages())
        .containsExactly(
            "pipeline 'svc': account is required; set it with .account(\"111122223333\")",
            "pipeline 'svc': region is required; set it with .region(\"eu-west-1\")",
            "pipeline 'svc': roleArn is required; set it with"
                + " .roleArn(\"arn:aws:iam::ACCOUNT:role/pipeline\")",
            "pipeline 'svc': artifactBucket is required; set it with"
                + " .artifactBucket(\"service-artifacts\")");
    assertThat(e.getMessage())
        .startsWith("4 problems to fix:\n  - pipeline 'svc': account is required");
    assertThat(e.problems()).isEmpty();
  }

  @Test
  void missingName_isReportedWithTheOthers_withoutAMadeUpName() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            () -> Pipeline.builder().account("111122223333").region(" ").build());
    assertThat(e.messages())
        .contains(
            "Pipeline: name is required; set it with .name(\"service\")",
            "pipeline: region is blank; set it with .region(\"eu-west-1\")")
        .noneMatch(m -> m.contains("'null'"));
  }

  @Test
  void oneProblem_isItsOwnMessage_asBefore() {
    Pipeline valid = FixturesAccess.valid();
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class, () -> valid.toBuilder().account(null).build());
    assertThat(e.getMessage())
        .isEqualTo(
            "pipeline '"
                + valid.name()
                + "': account is required; set it with .account(\"111122223333\")");
  }

  @Test
  void containerImage_listsEveryProblem_includingControlCharacters() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            () -> ContainerImage.builder().containerName("app").dockerfile("Docker\nfile").build());
    assertThat(e.messages()).hasSize(2);
    assertThat(e.messages().get(0)).startsWith("ContainerImage 'app': repository is required");
    assertThat(e.messages().get(1)).contains("dockerfile 'Docker\\nfile' holds a line break");
  }

  /** A stage without a name, an ECS action without cluster or service, a pipeline without roles. */
  static final class ManyProblems implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      Pipeline valid = FixturesAccess.valid();
      Stage deploy =
          Stage.builder()
              .addAction(EcsDeployAction.builder().name("Deploy").input("BuildOutput").build())
              .build();
      return valid.toBuilder()
          .account(p.require("account"))
          .region(p.require("region"))
          .roleArn(null)
          .addStage(deploy)
          .build();
    }
  }

  @Test
  void define_reportsProblemsOfEveryPartAndEveryRequiredParameter_together() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            () -> PipelineDefinition.define(new ManyProblems(), Parameters.none()));
    String name = FixturesAccess.valid().name();
    assertThat(e.messages())
        .containsExactly(
            "ECS deploy action 'Deploy': clusterName is required; set it with"
                + " .clusterName(\"service\")",
            "ECS deploy action 'Deploy': serviceName is required; set it with"
                + " .serviceName(\"service\")",
            "Stage: name is required; set it with .name(\"Build\")",
            "parameter 'account' is required; pass it with -P account=VALUE (pipeline; or a line in its --parameters file) or <parameters><account>VALUE</account></parameters> (Maven plugin)",
            "parameter 'region' is required; pass it with -P region=VALUE (pipeline; or a line in its --parameters file) or <parameters><region>VALUE</region></parameters> (Maven plugin)",
            "pipeline '" + name + "': account is required; set it with .account(\"111122223333\")",
            "pipeline '" + name + "': region is required; set it with .region(\"eu-west-1\")",
            "pipeline '"
                + name
                + "': roleArn is required; set it with"
                + " .roleArn(\"arn:aws:iam::ACCOUNT:role/pipeline\")");
    assertThat(e.getMessage()).startsWith("8 problems to fix:\n  - ECS deploy action 'Deploy'");
  }

  @Test
  void define_withCompleteSettings_stillReportsTheStructureRulesWithTheirIds() {
    PipelineDefinition sourceLast =
        p -> {
          Pipeline valid = FixturesAccess.valid();
          java.util.List<Stage> stages = new java.util.ArrayList<>(valid.stages());
          java.util.Collections.reverse(stages);
          return valid.toBuilder().stages(stages).build();
        };
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            () -> PipelineDefinition.define(sourceLast, Parameters.none()));
    assertThat(e.problems()).isNotEmpty();
    assertThat(e.problems().get(0).ruleId()).startsWith("pipeline-");
  }

  @Test
  void define_anExceptionCausedByAMissingSetting_givesWayToTheProblems() {
    PipelineDefinition dereferences =
        p -> {
          Stage unnamed = Stage.builder().build();
          unnamed.name().length(); // null: the problem above says why
          return FixturesAccess.valid();
        };
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            () -> PipelineDefinition.define(dereferences, Parameters.none()));
    assertThat(e.getMessage()).isEqualTo("Stage: name is required; set it with .name(\"Build\")");
  }

  @Test
  void define_withoutProblems_returnsThePipeline_andOutsideItPartsStillThrowAtOnce() {
    Pipeline pipeline =
        PipelineDefinition.define(
            p -> FixturesAccess.valid().toBuilder().name(p.require("name")).build(),
            Parameters.of(Map.of("name", "given")));
    assertThat(pipeline.name()).isEqualTo("given");
    assertThat(catchThrowableOfType(DefinitionException.class, () -> Stage.builder().build()))
        .hasMessage("Stage: name is required; set it with .name(\"Build\")");
    assertThat(
            catchThrowableOfType(
                DefinitionException.class, () -> Parameters.none().require("account")))
        .hasMessage(
            "parameter 'account' is required; pass it with -P account=VALUE (pipeline; or a line in its --parameters file) or <parameters><account>VALUE</account></parameters> (Maven plugin)");
  }
}
