package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IAM does not honour an alias ARN as the resource of a key operation (the policy applies to the
 * alias, not its key): an artifact key named by its alias is granted on the keys of its account and
 * Region that carry the alias ({@code kms:ResourceAliases}), in {@code iam/*.json} and in the
 * bootstrap template's roles.
 */
class ArtifactKeyAliasGrantTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_GRANT =
      "{\"Sid\":\"UseArtifactKey\",\"Effect\":\"Allow\","
          + "\"Action\":[\"kms:Decrypt\",\"kms:Encrypt\",\"kms:GenerateDataKey\"],"
          + "\"Resource\":[\"arn:aws:kms:eu-west-1:111122223333:key/*\"],"
          + "\"Condition\":{\"ForAnyValue:StringEquals\":"
          + "{\"kms:ResourceAliases\":[\"alias/orders-artifacts\"]}}}";

  private static JsonNode keyStatement(JsonNode policy) {
    for (JsonNode s : policy.get("Statement")) {
      if (s.get("Sid").textValue().equals("UseArtifactKey")) {
        return s;
      }
    }
    throw new AssertionError("no UseArtifactKey statement in " + policy);
  }

  @Test
  void policies_whenKeyIsNamedByAliasArn_grantKeysCarryingTheAlias_notTheAliasArn()
      throws Exception {
    Synthesis s = Synthesis.of(BlueGreenPipeline.pipeline(), TestTool.ARTIFACT);
    for (String file : List.of("iam/pipeline-role-policy.json", "iam/codebuild-role-policy.json")) {
      String policy = s.files().get(file);
      assertThat(policy).as(file).doesNotContain(":alias/");
      assertThat(keyStatement(JSON.readTree(policy)).toString()).as(file).isEqualTo(KEY_GRANT);
    }
  }

  @Test
  void bootstrapTemplate_whenItCreatesTheAliasedKey_rolesUseItThroughTheAliasCondition()
      throws Exception {
    JsonNode bootstrap =
        JSON.readTree(
            Synthesis.of(BlueGreenPipeline.pipeline(), TestTool.ARTIFACT)
                .files()
                .get(Synthesis.BOOTSTRAP_TEMPLATE));
    List<String> grants = new ArrayList<>();
    for (JsonNode resource : bootstrap.get("Resources")) {
      if (resource.get("Type").textValue().equals("AWS::IAM::Role")) {
        for (JsonNode policy : resource.at("/Properties/Policies")) {
          grants.add(keyStatement(policy.get("PolicyDocument")).toString());
        }
      }
    }
    assertThat(grants).isNotEmpty().allSatisfy(g -> assertThat(g).isEqualTo(KEY_GRANT));
  }

  @Test
  void policies_whenKeyIsNamedByKeyArn_grantThatKeyOnly() throws Exception {
    Synthesis s = Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT);
    JsonNode grant = keyStatement(JSON.readTree(s.files().get("iam/pipeline-role-policy.json")));
    assertThat(grant.get("Resource").toString())
        .isEqualTo("[\"" + KitchenSink.pipeline().artifactKmsKeyArn().orElseThrow() + "\"]");
    assertThat(grant.has("Condition")).isFalse();
  }
}
