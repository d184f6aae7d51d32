package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A CodeDeployToECS action registers the artifact's {@code taskdef.json}, which passes its task and
 * execution roles to ECS: the pipeline role needs {@code iam:PassRole} on them, whether or not the
 * definition models the task definition.
 */
class BlueGreenPassRoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, JsonNode> pipelineRole(Synthesis s) throws Exception {
    Map<String, JsonNode> bySid = new LinkedHashMap<>();
    for (JsonNode st :
        JSON.readTree(s.files().get("iam/pipeline-role-policy.json")).get("Statement")) {
      bySid.put(st.get("Sid").textValue(), st);
    }
    return bySid;
  }

  @Test
  void
      pipelineRole_whenBlueGreenTaskDefinitionIsNotModelled_passesRolesOfThisAccountToEcsTasksOnly()
          throws Exception {
    Synthesis s = Synthesis.of(IamDefinitions.blueGreenWithoutTaskDefinition(), TestTool.ARTIFACT);
    Map<String, JsonNode> policy = pipelineRole(s);
    JsonNode pass = policy.get("PassTaskRolesOfThisAccount");
    assertThat(pass).as("statements: %s", policy.keySet()).isNotNull();
    assertThat(pass.get("Action").toString()).isEqualTo("[\"iam:PassRole\"]");
    assertThat(pass.get("Resource").toString()).isEqualTo("[\"arn:aws:iam::111122223333:role/*\"]");
    assertThat(pass.get("Condition").toString())
        .isEqualTo("{\"StringEquals\":{\"iam:PassedToService\":[\"ecs-tasks.amazonaws.com\"]}}");
    assertThat(policy).doesNotContainKey("PassTaskRoles");
    assertThat(policy.get("RegisterTaskDefinitionRevisions").get("Resource").toString())
        .isEqualTo("[\"arn:aws:ecs:eu-west-1:111122223333:task-definition/*\"]");
  }

  @Test
  void build_whenBlueGreenTaskDefinitionIsNotModelled_warnsThatPassRoleCoversTheAccount() {
    Synthesis s = Synthesis.of(IamDefinitions.blueGreenWithoutTaskDefinition(), TestTool.ARTIFACT);
    assertThat(s.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("stage 'Deploy' action 'BlueGreen': the task definition is not")
                    .contains("any role of account 111122223333 to ECS tasks (iam:PassRole)")
                    .contains(".taskDefinition(TaskDefinition.builder()"));
  }

  @Test
  void pipelineRole_whenBlueGreenTaskDefinitionIsModelled_passesOnlyItsRoles() throws Exception {
    Synthesis s = Synthesis.of(BlueGreenPipeline.pipeline(), TestTool.ARTIFACT);
    Map<String, JsonNode> policy = pipelineRole(s);
    assertThat(policy).doesNotContainKey("PassTaskRolesOfThisAccount");
    assertThat(policy.get("PassTaskRoles").get("Resource").toString())
        .isEqualTo(
            "[\"arn:aws:iam::111122223333:role/orders-task\","
                + "\"arn:aws:iam::111122223333:role/orders-task-execution\"]");
    assertThat(s.warnings()).noneMatch(w -> w.contains("iam:PassRole"));
  }
}
