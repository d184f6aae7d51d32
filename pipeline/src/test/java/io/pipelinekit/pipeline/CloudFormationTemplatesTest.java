package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two CloudFormation templates say what the JSON outputs say: the pipeline template's resources
 * are pipeline.json and codebuild-project.json with CloudFormation's member names (checked here by
 * mapping them back, independently of the synthesis), the bootstrap template's roles carry the
 * iam/*.json documents, and what the definition says exists is referred to, not created.
 */
class CloudFormationTemplatesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode file(Synthesis s, String name) {
    assertThat(s.files()).containsKey(name);
    return read(s.files().get(name));
  }

  /**
   * CloudFormation's member names back to the APIs' (first letter lower; BuildSpec → buildspec).
   */
  private static JsonNode toApi(JsonNode node, JsonNode parameters) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has("Ref")) {
        return parameters.get(node.get("Ref").asText()).get("Default");
      }
      ObjectNode out = JSON.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String key = f.getKey();
        if (key.equals("Configuration")) {
          out.set("configuration", f.getValue());
          continue;
        }
        String api =
            key.equals("BuildSpec")
                ? "buildspec"
                : Character.toLowerCase(key.charAt(0)) + key.substring(1);
        out.set(api, toApi(f.getValue(), parameters));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.forEach(n -> out.add(toApi(n, parameters)));
      return out;
    }
    return node;
  }

  private static void assertPipelineTemplateMatchesJsonOutputs(Synthesis s) {
    JsonNode template = file(s, Synthesis.PIPELINE_TEMPLATE);
    JsonNode parameters = template.get("Parameters");
    JsonNode resources = template.get("Resources");

    JsonNode pipeline = resources.get("Pipeline");
    assertThat(pipeline.get("Type").asText()).isEqualTo("AWS::CodePipeline::Pipeline");
    ObjectNode api = (ObjectNode) toApi(pipeline.get("Properties"), parameters);
    JsonNode tags = api.remove("tags");
    ObjectNode expected = (ObjectNode) read(s.createPipelineJson()).get("pipeline").deepCopy();
    expected.remove("version"); // CloudFormation numbers the declarations itself
    assertThat(api).isEqualTo(expected);
    assertThat(tags).isEqualTo(read(s.createPipelineJson()).get("tags"));

    List<JsonNode> projects = new ArrayList<>();
    resources.forEach(
        r -> {
          if (r.get("Type").asText().equals("AWS::CodeBuild::Project")) {
            projects.add(toApi(r.get("Properties"), parameters));
          }
        });
    List<JsonNode> expectedProjects = new ArrayList<>();
    s.createProjectJson().values().forEach(json -> expectedProjects.add(read(json)));
    assertThat(projects).isEqualTo(expectedProjects);
    assertThat(pipeline.get("DependsOn")).hasSize(projects.size());
  }

  @Test
  void pipelineTemplate_isPipelineJsonAndCodeBuildProjectJson_inCloudFormationsNames() {
    for (Pipeline p :
        List.of(Fixtures.valid().build(), KitchenSink.pipeline(), BlueGreenPipeline.pipeline())) {
      assertPipelineTemplateMatchesJsonOutputs(Synthesis.of(p, TestTool.ARTIFACT));
    }
  }

  @Test
  void pipelineTemplate_takesTheBootstrapOutputsAsParameters_withTheDefinitionsValues() {
    Synthesis s = Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT);
    JsonNode parameters = file(s, Synthesis.PIPELINE_TEMPLATE).get("Parameters");
    JsonNode outputs = file(s, Synthesis.BOOTSTRAP_TEMPLATE).get("Outputs");
    List<String> names = new ArrayList<>();
    parameters.fieldNames().forEachRemaining(names::add);
    List<String> outputNames = new ArrayList<>();
    outputs.fieldNames().forEachRemaining(outputNames::add);
    assertThat(names)
        .containsExactly(
            "PipelineRoleArn",
            "CodeBuildRoleArnKitchenTests",
            "CodeBuildRoleArnKitchenImages",
            "ArtifactBucket",
            "ArtifactKmsKeyArn");
    assertThat(outputNames).containsExactlyInAnyOrderElementsOf(names);
    assertThat(parameters.get("CodeBuildRoleArnKitchenTests").get("Default").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/kitchen-tests");
    assertThat(outputs.get("PipelineRoleArn").get("Export").get("Name").get("Fn::Sub").asText())
        .isEqualTo("${AWS::StackName}-PipelineRoleArn");
  }

  @Test
  void bootstrap_rolesCarryTheIamPolicies_andTrustOnlyThisPipelinesService() {
    Pipeline p = Fixtures.valid().build();
    Synthesis s = Synthesis.of(p, TestTool.ARTIFACT);
    JsonNode resources = file(s, Synthesis.BOOTSTRAP_TEMPLATE).get("Resources");

    JsonNode pipelineRole = resources.get("PipelineRole").get("Properties");
    assertThat(pipelineRole.get("RoleName").asText()).isEqualTo("service-pipeline");
    assertThat(pipelineRole.get("Policies").get(0).get("PolicyDocument"))
        .isEqualTo(file(s, "iam/pipeline-role-policy.json"));
    JsonNode trust = pipelineRole.get("AssumeRolePolicyDocument").get("Statement").get(0);
    assertThat(trust.get("Principal").get("Service").asText())
        .isEqualTo("codepipeline.amazonaws.com");
    assertThat(trust.at("/Condition/StringEquals/aws:SourceAccount").asText())
        .isEqualTo("111122223333");
    assertThat(trust.at("/Condition/ArnLike/aws:SourceArn/0").asText())
        .isEqualTo("arn:aws:codepipeline:eu-west-1:111122223333:service");

    JsonNode buildRole = resources.get("CodeBuildRole").get("Properties");
    assertThat(buildRole.get("Policies").get(0).get("PolicyDocument"))
        .isEqualTo(file(s, "iam/codebuild-role-policy.json"));
    JsonNode buildTrust = buildRole.get("AssumeRolePolicyDocument").get("Statement").get(0);
    assertThat(buildTrust.get("Principal").get("Service").asText())
        .isEqualTo("codebuild.amazonaws.com");
    assertThat(buildTrust.at("/Condition/ArnLike/aws:SourceArn/0").asText())
        .isEqualTo("arn:aws:codebuild:eu-west-1:111122223333:project/service-build");

    assertThat(resources.get("ArtifactBucket").at("/Properties/BucketName").asText())
        .isEqualTo("service-artifacts-111122223333");
    assertThat(resources.get("ArtifactBucketPolicy").toString()).contains("aws:SecureTransport");
    assertThat(resources.get("RepositoryServiceApp").at("/Properties/ImageTagMutability").asText())
        .isEqualTo("IMMUTABLE");
    assertThat(
            resources
                .get("LogGroupAwsCodebuildServiceBuild")
                .at("/Properties/LogGroupName")
                .asText())
        .isEqualTo("/aws/codebuild/service-build");
  }

  @Test
  void bootstrap_whatTheDefinitionSaysExists_isReferredTo_notCreated() {
    CodeBuildProject project =
        Fixtures.project()
            .existingServiceRoleArn("arn:aws:iam::111122223333:role/service-codebuild")
            .images(
                ContainerImage.builder()
                    .containerName("app")
                    .existingRepository("service/app")
                    .dockerfile("service/release/app/Dockerfile")
                    .build(),
                ContainerImage.of("nginx", "service/nginx", "service/release/nginx/Dockerfile"))
            .build();
    Pipeline p =
        Fixtures.pipeline(
                Stage.named("Source", Fixtures.source()),
                Stage.named("Build", Fixtures.build().project(project).build()),
                Stage.named("Deploy", Fixtures.deploy().build()))
            .existingRoleArn("arn:aws:iam::111122223333:role/service-pipeline")
            .existingArtifactBucket("service-artifacts-111122223333")
            .build();
    assertThat(p.roleExists()).isTrue();
    assertThat(p.toBuilder().build()).isEqualTo(p);
    assertThat(p).isNotEqualTo(Fixtures.valid().build());
    JsonNode bootstrap = file(Synthesis.of(p, TestTool.ARTIFACT), Synthesis.BOOTSTRAP_TEMPLATE);
    List<String> types = new ArrayList<>();
    bootstrap.get("Resources").forEach(r -> types.add(r.get("Type").asText()));
    assertThat(types).containsExactly("AWS::ECR::Repository", "AWS::Logs::LogGroup");
    assertThat(bootstrap.at("/Resources/RepositoryServiceNginx/Properties/RepositoryName").asText())
        .isEqualTo("service/nginx");
    JsonNode outputs = bootstrap.get("Outputs");
    assertThat(outputs.at("/PipelineRoleArn/Value").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/service-pipeline");
    assertThat(outputs.at("/CodeBuildRoleArn/Value").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/service-codebuild");
    assertThat(outputs.at("/ArtifactBucket/Value").asText())
        .isEqualTo("service-artifacts-111122223333");
  }

  @Test
  void bootstrap_keyAliasArn_createsTheKey_keyArn_refersToIt() {
    JsonNode created =
        file(
            Synthesis.of(BlueGreenPipeline.pipeline(), TestTool.ARTIFACT),
            Synthesis.BOOTSTRAP_TEMPLATE);
    assertThat(created.at("/Resources/ArtifactKey/Type").asText()).isEqualTo("AWS::KMS::Key");
    assertThat(created.at("/Resources/ArtifactKey/Properties/EnableKeyRotation").asBoolean())
        .isTrue();
    assertThat(created.at("/Resources/ArtifactKeyAlias/Properties/AliasName").asText())
        .isEqualTo("alias/orders-artifacts");
    assertThat(created.at("/Resources/PipelineRole").isMissingNode())
        .as("the pipeline's role exists already")
        .isTrue();
    assertThat(created.at("/Resources/CodeBuildRole/Properties/Path").asText()).isEqualTo("/ci/");
    JsonNode referred =
        file(Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT), Synthesis.BOOTSTRAP_TEMPLATE);
    assertThat(referred.at("/Resources/ArtifactKey").isMissingNode()).isTrue();
    assertThat(referred.at("/Outputs/ArtifactKmsKeyArn/Value").asText())
        .isEqualTo(KitchenSink.pipeline().artifactKmsKeyArn().orElseThrow());
    assertThat(
            referred
                .at(
                    "/Resources/ArtifactBucket/Properties/BucketEncryption"
                        + "/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault"
                        + "/KMSMasterKeyID")
                .asText())
        .isEqualTo(KitchenSink.pipeline().artifactKmsKeyArn().orElseThrow());
  }

  @Test
  void bootstrap_repositoryWithMovingTags_isMutable_withTheCheckSuppressedAndSaidWhy() {
    JsonNode bootstrap =
        file(Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT), Synthesis.BOOTSTRAP_TEMPLATE);
    JsonNode worker = bootstrap.at("/Resources/RepositoryKitchenWorker");
    assertThat(worker.at("/Properties/ImageTagMutability").asText()).isEqualTo("MUTABLE");
    assertThat(worker.at("/Metadata/checkov/skip/0/id").asText()).isEqualTo("CKV_AWS_51");
    assertThat(worker.at("/Metadata/checkov/skip/0/comment").asText()).contains("tags");
  }

  @Test
  void templates_sameDefinition_sameBytes() {
    Map<String, String> first = Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT).files();
    Map<String, String> second = Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT).files();
    assertThat(second.get(Synthesis.BOOTSTRAP_TEMPLATE))
        .isEqualTo(first.get(Synthesis.BOOTSTRAP_TEMPLATE));
    assertThat(second.get(Synthesis.PIPELINE_TEMPLATE))
        .isEqualTo(first.get(Synthesis.PIPELINE_TEMPLATE));
  }
}
