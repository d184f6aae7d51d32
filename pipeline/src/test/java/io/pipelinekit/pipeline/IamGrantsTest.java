package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grants each action needs, and only those (docs/iam.md explains each statement). */
class IamGrantsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, JsonNode> bySid(Pipeline p, String file) throws Exception {
    String policy = Synthesis.of(p, TestTool.ARTIFACT).files().get(file);
    assertThat(policy).as(file).isNotNull();
    Map<String, JsonNode> bySid = new LinkedHashMap<>();
    for (JsonNode s : JSON.readTree(policy).get("Statement")) {
      assertThat(bySid.put(s.get("Sid").textValue(), s)).as("duplicate Sid").isNull();
    }
    return bySid;
  }

  private static List<String> actions(Map<String, JsonNode> policy) {
    List<String> all = new ArrayList<>();
    policy.values().forEach(s -> s.get("Action").forEach(a -> all.add(a.textValue())));
    return all;
  }

  @Test
  void codeBuildRole_whenActionConsumesCodeConnectionsFullClone_mayUseThatConnection()
      throws Exception {
    Map<String, JsonNode> policy =
        bySid(IamDefinitions.codeConnectionsFullClone(), "iam/codebuild-role-policy.json");
    JsonNode use = policy.get("CloneThroughCodeConnections");
    assertThat(use).isNotNull();
    assertThat(use.get("Action").toString()).isEqualTo("[\"codeconnections:UseConnection\"]");
    assertThat(use.get("Resource").toString()).isEqualTo("[\"" + Fixtures.CONNECTION + "\"]");
    assertThat(actions(policy)).doesNotContain("codestar-connections:UseConnection");
  }

  @Test
  void codeBuildRole_whenConnectionArnIsCodeStar_usesTheCodeStarPrefixOnly() throws Exception {
    Map<String, JsonNode> policy =
        bySid(IamDefinitions.codeStarFullClone(), "iam/codebuild-role-policy.json");
    JsonNode use = policy.get("CloneThroughCodeStarConnections");
    assertThat(use.get("Action").toString()).isEqualTo("[\"codestar-connections:UseConnection\"]");
    assertThat(use.get("Resource").toString())
        .isEqualTo("[\"" + IamDefinitions.CODESTAR_CONNECTION + "\"]");
    assertThat(actions(policy)).doesNotContain("codeconnections:UseConnection");
  }

  @Test
  void codeBuildRole_whenSourceIsAZip_hasNoConnectionOrGitPull() throws Exception {
    Map<String, JsonNode> policy =
        bySid(Fixtures.valid().build(), "iam/codebuild-role-policy.json");
    assertThat(actions(policy))
        .doesNotContain(
            "codeconnections:UseConnection",
            "codestar-connections:UseConnection",
            "codecommit:GitPull");
  }

  @Test
  void codeBuildRole_whenActionConsumesCodeCommitFullClone_mayGitPullThatRepository()
      throws Exception {
    Map<String, JsonNode> policy =
        bySid(IamDefinitions.codeCommitFullCloneBatch(), "iam/codebuild-role-policy.json");
    assertThat(policy.get("CloneCodeCommit").get("Action").toString())
        .isEqualTo("[\"codecommit:GitPull\"]");
    assertThat(policy.get("CloneCodeCommit").get("Resource").toString())
        .isEqualTo("[\"arn:aws:codecommit:eu-west-1:111122223333:service\"]");
  }

  @Test
  void pipelineRole_grantsOneConnectionPrefix_matchingTheArnsService() throws Exception {
    Map<String, JsonNode> codeConnections =
        bySid(Fixtures.valid().build(), "iam/pipeline-role-policy.json");
    assertThat(codeConnections.get("UseCodeConnections").get("Action").toString())
        .isEqualTo("[\"codeconnections:UseConnection\"]");
    assertThat(actions(codeConnections)).doesNotContain("codestar-connections:UseConnection");
    Map<String, JsonNode> codeStar =
        bySid(IamDefinitions.codeStarFullClone(), "iam/pipeline-role-policy.json");
    assertThat(codeStar.get("UseCodeStarConnections").get("Action").toString())
        .isEqualTo("[\"codestar-connections:UseConnection\"]");
    assertThat(actions(codeStar)).doesNotContain("codeconnections:UseConnection");
  }

  @Test
  void pipelineRole_mayStopTheBuildsItStarts_soStopAndAbandonStopsThem() throws Exception {
    Map<String, JsonNode> plain = bySid(Fixtures.valid().build(), "iam/pipeline-role-policy.json");
    assertThat(plain.get("RunBuilds").get("Action").toString())
        .isEqualTo(
            "[\"codebuild:BatchGetBuilds\",\"codebuild:StartBuild\",\"codebuild:StopBuild\"]");
    assertThat(plain).doesNotContainKey("RunBuildBatches");
    Map<String, JsonNode> batch =
        bySid(IamDefinitions.codeCommitFullCloneBatch(), "iam/pipeline-role-policy.json");
    assertThat(batch.get("RunBuildBatches").get("Action").toString())
        .isEqualTo(
            "[\"codebuild:BatchGetBuildBatches\",\"codebuild:StartBuildBatch\","
                + "\"codebuild:StopBuildBatch\"]");
    assertThat(batch).doesNotContainKey("RunBuilds");
  }

  @Test
  void pipelineRole_registersTaskDefinitionsOfTheDeployedFamiliesOnly() throws Exception {
    Map<String, JsonNode> policy = bySid(Fixtures.valid().build(), "iam/pipeline-role-policy.json");
    JsonNode register = policy.get("RegisterTaskDefinitionRevisions");
    assertThat(register.get("Action").toString())
        .isEqualTo("[\"ecs:RegisterTaskDefinition\",\"ecs:TagResource\"]");
    assertThat(register.get("Resource").toString())
        .isEqualTo("[\"arn:aws:ecs:eu-west-1:111122223333:task-definition/service:*\"]");
    JsonNode describe = policy.get("DescribeTaskDefinitionHasNoResourceLevelPermissions");
    assertThat(describe.get("Action").toString()).isEqualTo("[\"ecs:DescribeTaskDefinition\"]");
    for (JsonNode s : policy.values()) {
      if (s.get("Resource").toString().equals("[\"*\"]")) {
        assertThat(s.get("Action").toString()).doesNotContain("ecs:RegisterTaskDefinition");
      }
    }
  }

  @Test
  void pipelineRole_whenFamilyIsNotNamed_registersInThisAccountAndRegionOnly() throws Exception {
    Map<String, JsonNode> policy =
        bySid(IamDefinitions.codeStarFullClone(), "iam/pipeline-role-policy.json");
    assertThat(policy.get("RegisterTaskDefinitionRevisions").get("Resource").toString())
        .isEqualTo("[\"arn:aws:ecs:eu-west-1:111122223333:task-definition/*\"]");
  }

  @Test
  void pipelineRole_blueGreenOnly_doesNotDescribeTaskDefinitions() throws Exception {
    Pipeline sink = KitchenSink.pipeline();
    Pipeline blueGreenOnly =
        sink.toBuilder()
            .stages(
                sink.stages().stream()
                    .map(
                        st ->
                            st.name().equals("Deploy")
                                ? Stage.named(
                                    "Deploy",
                                    st.actions().stream()
                                        .filter(a -> a instanceof CodeDeployToEcsAction)
                                        .toArray(Action[]::new))
                                : st)
                    .toArray(Stage[]::new))
            .build();
    Map<String, JsonNode> policy = bySid(blueGreenOnly, "iam/pipeline-role-policy.json");
    assertThat(actions(policy)).doesNotContain("ecs:DescribeTaskDefinition");
    assertThat(policy.get("RegisterTaskDefinitionRevisions").get("Resource").toString())
        .isEqualTo("[\"arn:aws:ecs:eu-west-1:111122223333:task-definition/service:*\"]");
  }

  @Test
  void pipelineRole_readsCodeCommitRepositoryMetadata_onlyForAFullClone() throws Exception {
    Map<String, JsonNode> clone =
        bySid(IamDefinitions.codeCommitFullCloneBatch(), "iam/pipeline-role-policy.json");
    assertThat(clone.get("DescribeClonedCodeCommit").get("Resource").toString())
        .isEqualTo("[\"arn:aws:codecommit:eu-west-1:111122223333:service\"]");
    Map<String, JsonNode> zip = bySid(KitchenSink.pipeline(), "iam/pipeline-role-policy.json");
    assertThat(zip).doesNotContainKey("DescribeClonedCodeCommit");
    assertThat(zip.get("ReadCodeCommit").get("Action").toString())
        .doesNotContain("codecommit:GetRepository");
  }
}
