package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The IAM policies are least privilege: resources scoped, wildcards only where AWS has no ARN. */
class PoliciesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> WILDCARD_ALLOWED =
      Set.of(
          "EcrLoginHasNoResourceLevelPermissions",
          "DescribeTaskDefinitionHasNoResourceLevelPermissions",
          "ListDeployTasks");

  private static List<JsonNode> statements(String policy) throws Exception {
    JsonNode doc = JSON.readTree(policy);
    assertThat(doc.get("Version").textValue()).isEqualTo("2012-10-17");
    List<JsonNode> list = new ArrayList<>();
    doc.get("Statement").forEach(list::add);
    return list;
  }

  private static Map<String, String> policies(Pipeline p) {
    Map<String, String> files = Synthesis.of(p, TestTool.ARTIFACT).files();
    return Map.copyOf(
        files.entrySet().stream()
            .filter(e -> e.getKey().startsWith("iam/"))
            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }

  @Test
  void policies_useWildcardResourcesOnlyWhereAwsHasNoResourceLevelPermissions() throws Exception {
    for (Pipeline p : List.of(Fixtures.valid().build(), KitchenSink.pipeline())) {
      for (Map.Entry<String, String> policy : policies(p).entrySet()) {
        for (JsonNode s : statements(policy.getValue())) {
          assertThat(s.get("Effect").textValue()).isEqualTo("Allow");
          for (JsonNode action : s.get("Action")) {
            assertThat(action.textValue()).as(policy.getKey()).doesNotContain("*");
          }
          for (JsonNode resource : s.get("Resource")) {
            if (resource.textValue().equals("*")) {
              assertThat(s.get("Sid").textValue()).as(policy.getKey()).isIn(WILDCARD_ALLOWED);
            }
          }
        }
      }
    }
  }

  @Test
  void codeBuildPolicy_scopesEcrPushAndApiGatewayToTheNamedResources() throws Exception {
    String policy =
        Synthesis.of(Fixtures.valid().build(), TestTool.ARTIFACT)
            .files()
            .get("iam/codebuild-role-policy.json");
    Map<String, JsonNode> bySid = new java.util.HashMap<>();
    for (JsonNode s : statements(policy)) {
      bySid.put(s.get("Sid").textValue(), s);
    }
    assertThat(bySid.get("PushImages").get("Resource").toString())
        .isEqualTo(
            "[\"arn:aws:ecr:eu-west-1:111122223333:repository/service/app\","
                + "\"arn:aws:ecr:eu-west-1:111122223333:repository/service/nginx\"]");
    assertThat(bySid.get("PutRestApi").get("Resource").toString())
        .isEqualTo("[\"arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5\"]");
    assertThat(bySid.get("CreateDeployment").get("Resource").toString())
        .isEqualTo("[\"arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/deployments\"]");
    assertThat(bySid.get("WriteBuildLogs").get("Resource").toString())
        .contains("log-group:/aws/codebuild/service-build");
  }

  @Test
  void pipelinePolicy_passesOnlyTheTaskRoles_toEcsTasksOnly() throws Exception {
    String policy =
        Synthesis.of(Fixtures.valid().build(), TestTool.ARTIFACT)
            .files()
            .get("iam/pipeline-role-policy.json");
    JsonNode pass =
        statements(policy).stream()
            .filter(s -> s.get("Sid").textValue().equals("PassTaskRoles"))
            .findFirst()
            .orElseThrow();
    assertThat(pass.get("Resource").toString())
        .isEqualTo(
            "[\"arn:aws:iam::111122223333:role/service-task\","
                + "\"arn:aws:iam::111122223333:role/service-task-execution\"]");
    assertThat(pass.get("Condition").toString())
        .isEqualTo(
            "{\"StringEqualsIfExists\":{\"iam:PassedToService\":[\"ecs-tasks.amazonaws.com\"]}}");
    JsonNode update =
        statements(policy).stream()
            .filter(s -> s.get("Sid").textValue().equals("UpdateServices"))
            .findFirst()
            .orElseThrow();
    assertThat(update.get("Resource").toString())
        .isEqualTo("[\"arn:aws:ecs:eu-west-1:111122223333:service/service/service\"]");
  }

  @Test
  void codeBuildPolicy_readsOnlyTheReferencedParametersAndSecrets() throws Exception {
    String policy =
        Synthesis.of(KitchenSink.pipeline(), TestTool.ARTIFACT)
            .files()
            .get("iam/codebuild-role-policy-kitchen-images.json");
    assertThat(policy)
        .contains("\"arn:aws:ssm:eu-west-1:111122223333:parameter/kitchen/db-url\"")
        .contains("\"arn:aws:secretsmanager:eu-west-1:111122223333:secret:kitchen/db-??????\"");
  }
}
