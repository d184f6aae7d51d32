package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A project that runs batch builds: the bootstrap template creates its batch role (trusted by
 * CodeBuild on behalf of the project only, with the batch policy of {@code
 * iam/codebuild-batch-role-policy.json}) and the pipeline template's project refers to it.
 */
class BatchTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode file(Synthesis s, String name) throws IOException {
    return JSON.readTree(s.files().get(name));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void batchRoleOfItsOwn_isCreatedWithCodeBuildTrustAndTheBatchPolicy() throws IOException {
    Synthesis s = Synthesis.of(BatchPipeline.pipeline(), TestTool.ARTIFACT);
    JsonNode bootstrap = file(s, Synthesis.BOOTSTRAP_TEMPLATE);

    JsonNode role = bootstrap.get("Resources").get("CodeBuildBatchRole");
    assertThat(role).as("the batch role resource").isNotNull();
    assertThat(role.get("Type").asText()).isEqualTo("AWS::IAM::Role");
    JsonNode props = role.get("Properties");
    assertThat(props.get("RoleName").asText()).isEqualTo("service-batch");
    assertThat(props.get("Path").asText()).isEqualTo("/ci/");
    JsonNode trust = props.get("AssumeRolePolicyDocument").get("Statement");
    assertThat(trust).hasSize(1);
    assertThat(trust.get(0).get("Principal").get("Service").asText())
        .isEqualTo("codebuild.amazonaws.com");
    JsonNode condition = trust.get(0).get("Condition");
    assertThat(condition.get("StringEquals").get("aws:SourceAccount").asText())
        .isEqualTo("111122223333");
    assertThat(texts(condition.get("ArnLike").get("aws:SourceArn")))
        .containsExactly(
            "arn:aws:codebuild:eu-west-1:111122223333:project/service-build",
            "arn:aws:codebuild:eu-west-1:111122223333:build/service-build:*",
            "arn:aws:codebuild:eu-west-1:111122223333:build-batch/service-build:*");
    // The same condition as the project's own role (which the batch role adds a batch ARN to).
    JsonNode buildRoleCondition =
        bootstrap
            .get("Resources")
            .get("CodeBuildRole")
            .get("Properties")
            .get("AssumeRolePolicyDocument")
            .get("Statement")
            .get(0)
            .get("Condition");
    assertThat(condition.get("StringEquals")).isEqualTo(buildRoleCondition.get("StringEquals"));
    assertThat(texts(condition.get("ArnLike").get("aws:SourceArn")))
        .containsAll(texts(buildRoleCondition.get("ArnLike").get("aws:SourceArn")));
    JsonNode policies = props.get("Policies");
    assertThat(policies).hasSize(1);
    assertThat(policies.get(0).get("PolicyName").asText()).isEqualTo("codebuild-batch-role-policy");
    assertThat(policies.get(0).get("PolicyDocument"))
        .isEqualTo(file(s, "iam/codebuild-batch-role-policy.json"));
    assertThat(bootstrap.get("Outputs").get("CodeBuildBatchRoleArn").get("Value").toString())
        .isEqualTo("{\"Fn::GetAtt\":[\"CodeBuildBatchRole\",\"Arn\"]}");

    JsonNode pipeline = file(s, Synthesis.PIPELINE_TEMPLATE);
    assertThat(pipeline.get("Parameters").get("CodeBuildBatchRoleArn").get("Default").asText())
        .isEqualTo(BatchPipeline.BATCH_ROLE);
    JsonNode config =
        pipeline.get("Resources").get("CodeBuildProject").get("Properties").get("BuildBatchConfig");
    assertThat(config.toString())
        .isEqualTo(
            "{\"ServiceRole\":{\"Ref\":\"CodeBuildBatchRoleArn\"},\"CombineArtifacts\":true,"
                + "\"Restrictions\":{\"MaximumBuildsAllowed\":4,"
                + "\"ComputeTypesAllowed\":[\"BUILD_GENERAL1_SMALL\"]},\"TimeoutInMins\":90}");
  }

  @Test
  void existingBatchRole_isReferredTo_notCreated() throws IOException {
    String arn = "arn:aws:iam::111122223333:role/shared-batch";
    Synthesis s =
        Synthesis.of(
            BatchPipeline.pipeline(BuildBatch.builder().existingServiceRoleArn(arn)),
            TestTool.ARTIFACT);
    JsonNode bootstrap = file(s, Synthesis.BOOTSTRAP_TEMPLATE);

    assertThat(bootstrap.get("Resources").has("CodeBuildBatchRole")).isFalse();
    assertThat(bootstrap.get("Outputs").get("CodeBuildBatchRoleArn").get("Value").asText())
        .isEqualTo(arn);
    assertThat(s.files().get(Synthesis.BOOTSTRAP_TEMPLATE))
        .doesNotContain("\"RoleName\": \"shared-batch\"");
  }

  @Test
  void batchWithTheProjectsOwnRole_addsTheBatchPolicyToThatRole() throws IOException {
    Pipeline p =
        Fixtures.pipeline(
                Stage.named("Source", Fixtures.source()),
                Stage.named("Build", Fixtures.build().batchEnabled(true).build()),
                Stage.named("Deploy", Fixtures.deploy().build()))
            .build();
    Synthesis s = Synthesis.of(p, TestTool.ARTIFACT);
    JsonNode resources = file(s, Synthesis.BOOTSTRAP_TEMPLATE).get("Resources");

    assertThat(resources.has("CodeBuildBatchRole")).isFalse();
    JsonNode role = resources.get("CodeBuildRole").get("Properties");
    List<String> names = new ArrayList<>();
    role.get("Policies").forEach(n -> names.add(n.get("PolicyName").asText()));
    assertThat(names).containsExactly("codebuild-role-policy", "codebuild-batch-role-policy");
    assertThat(
            file(s, Synthesis.PIPELINE_TEMPLATE)
                .get("Resources")
                .get("CodeBuildProject")
                .get("Properties")
                .get("BuildBatchConfig")
                .get("ServiceRole")
                .toString())
        .isEqualTo("{\"Ref\":\"CodeBuildBatchRoleArn\"}");
  }

  @Test
  void withoutBatch_noBatchRoleNorParameter() throws IOException {
    Synthesis s = Synthesis.of(Fixtures.valid().build(), TestTool.ARTIFACT);
    assertThat(s.files().get(Synthesis.BOOTSTRAP_TEMPLATE))
        .doesNotContain("BatchRole")
        .doesNotContain("batch-role");
    assertThat(s.files().get(Synthesis.PIPELINE_TEMPLATE)).doesNotContain("BatchRole");
  }
}
