package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinekit.core.Finding;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 1: each value AWS's model rejects and that our rules accepted before is rejected at
 * build time, with a message naming the field, the limit and what to do.
 */
class AwsModelRulesTest {

  /** The single problem of the pipeline, with its rule id. */
  private static Finding rejected(Pipeline.Builder pipeline) {
    DefinitionException e = catchThrowableOfType(DefinitionException.class, pipeline::build);
    assertThat(e).as("the pipeline builds").isNotNull();
    assertThat(e.problems()).as(e.getMessage()).hasSize(1);
    return e.problems().get(0);
  }

  private static Pipeline.Builder withProject(CodeBuildProject.Builder project) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().project(project.build()).build()),
        Stage.named("Deploy", deploy().build()));
  }

  private static Map<String, String> tags(int n) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      tags.put("k" + i, "v");
    }
    return tags;
  }

  @Test
  void projectDescription_over255_isRejectedWithTheLimit() {
    Finding f = rejected(withProject(project().description("d".repeat(256))));
    assertThat(f.ruleId()).isEqualTo("pipeline-project-description");
    assertThat(f.message())
        .contains("CodeBuild project 'service-build': description is 256 characters")
        .contains("at most 255")
        .contains("shorten it");
  }

  @Test
  void computeType_outsideCodeBuildsEnum_isRejectedWithASuggestion() {
    Finding f = rejected(withProject(project().computeType("build_general1_small")));
    assertThat(f.ruleId()).isEqualTo("pipeline-project-environment");
    assertThat(f.message())
        .contains("computeType 'build_general1_small' is not one CodeBuild knows")
        .contains("did you mean BUILD_GENERAL1_SMALL?")
        .contains("BUILD_GENERAL1_2XLARGE");
  }

  @Test
  void environmentType_outsideCodeBuildsEnum_isRejected() {
    Finding f = rejected(withProject(project().environmentType("LINUX")));
    assertThat(f.ruleId()).isEqualTo("pipeline-project-environment");
    assertThat(f.message())
        .contains("environmentType 'LINUX' is not one CodeBuild knows")
        .contains("LINUX_CONTAINER");
  }

  @Test
  void tagKey_over127_isRejectedWithCodeBuildsLimit() {
    Finding f = rejected(valid().tag("k".repeat(128), "v"));
    assertThat(f.ruleId()).isEqualTo("pipeline-tag-limits");
    assertThat(f.message())
        .contains("the key is 128 characters, at most 127 are allowed")
        .contains("CodePipeline's is 128");
  }

  @Test
  void tagValue_over255_isRejected() {
    Finding f = rejected(valid().tag("team", "v".repeat(256)));
    assertThat(f.message())
        .contains("pipeline 'service' tag \"team\": the value is 256 characters, at most 255");
  }

  @Test
  void tagValue_withCharactersOutsideAwsPattern_namesThem() {
    Finding f = rejected(valid().tag("owner", "a&b#c"));
    assertThat(f.ruleId()).isEqualTo("pipeline-tag-limits");
    assertThat(f.message())
        .contains("the value has characters AWS does not allow in tags (\"&\" \"#\")")
        .contains("use only letters, digits, spaces and _ . : / = + - @");
  }

  @Test
  void moreThan50Tags_isRejected() {
    Finding f = rejected(valid().tags(tags(51)));
    assertThat(f.message()).contains("has 51 tags, at most 50 are allowed").contains("remove some");
    assertThat(valid().tags(tags(50)).build().tags()).hasSize(50);
  }

  @Test
  void tagKey_withTheAwsPrefix_isRejectedInAnyCase() {
    Finding f = rejected(valid().tag("AWS:team", "x"));
    assertThat(f.message()).contains("starts with 'AWS:', a prefix AWS reserves");
  }

  @Test
  void variableDescription_over200_defaultOver1000_andEmptyDefault_areRejected() {
    assertThat(
            rejected(valid().variables(PipelineVariable.of("Env", "dev", "d".repeat(201))))
                .message())
        .contains("variable 'Env': the description is 201 characters, at most 200");
    assertThat(rejected(valid().variables(PipelineVariable.of("Env", "x".repeat(1001)))).message())
        .contains("variable 'Env': the default value is 1001 characters, at most 1000");
    assertThat(rejected(valid().variables(PipelineVariable.of("Env", ""))).message())
        .contains("the default value is empty, AWS requires 1–1000 characters");
    assertThat(
            rejected(valid().variables(PipelineVariable.of("Env", "dev", "two\nlines"))).message())
        .contains("the description does not match AWS's pattern .*");
  }

  @Test
  void moreThan50Variables_isRejected() {
    Finding f = rejected(valid().variables(AwsModelFixtures.variables(51)));
    assertThat(f.ruleId()).isEqualTo("pipeline-variable-limits");
    assertThat(f.message()).contains("has 51 pipeline variables, at most 50 are allowed");
    assertThat(valid().variables(AwsModelFixtures.variables(50)).build().variables()).hasSize(50);
  }

  @Test
  void projectName_over150_isRejected() {
    Finding f = rejected(withProject(project().name("p".repeat(151))));
    assertThat(f.ruleId()).isEqualTo("pipeline-project-name-pattern");
    assertThat(f.message()).contains("use 2–150 characters");
  }

  @Test
  void netRule_namesTheInputAndTheFieldPath_theLimitAndTheShape() {
    Finding f =
        rejected(
            valid()
                .stage(
                    Stage.named(
                        "Approve",
                        ManualApprovalAction.builder().name("Approve").customData("").build())));
    assertThat(f.ruleId()).isEqualTo("pipeline-aws-model");
    assertThat(f.message())
        .isEqualTo(
            "pipeline 'service' CreatePipeline (pipeline.json)"
                + " $.pipeline.stages[3].actions[0].configuration.CustomData: is empty, AWS requires"
                + " at least 1 (ActionConfigurationValue in AWS's CodePipeline API model); set a"
                + " longer value or leave the setting out");
  }

  @Test
  void netRule_checksTheKmsKeyLength_whichNoExplicitRuleDoes() {
    String key = "arn:aws:kms:eu-west-1:111122223333:key/" + "k".repeat(400);
    Finding f = rejected(valid().artifactKmsKeyArn(key));
    assertThat(f.ruleId()).isEqualTo("pipeline-aws-model");
    assertThat(f.message())
        .contains("$.pipeline.artifactStore.encryptionKey.id:")
        .contains("is 439 characters, AWS allows at most 400 (EncryptionKeyId");
  }
}
