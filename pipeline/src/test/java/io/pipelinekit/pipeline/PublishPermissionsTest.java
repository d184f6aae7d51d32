package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What deploy-api's checks need from the CodeBuild role, scoped to the one API. */
class PublishPermissionsTest {
  @Test
  void codeBuildPolicy_letsDeployApiReadTheWorkingDefinitionAndRelabelItsDeployments()
      throws Exception {
    String policy =
        Synthesis.of(Fixtures.valid().build(), TestTool.ARTIFACT)
            .files()
            .get("iam/codebuild-role-policy.json");
    Map<String, JsonNode> bySid = new HashMap<>();
    for (JsonNode s : new ObjectMapper().readTree(policy).get("Statement")) {
      bySid.put(s.get("Sid").textValue(), s);
    }
    assertThat(bySid.get("ReadApiStageAndDeployments").get("Resource").toString())
        .contains("\"arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/resources\"");
    JsonNode relabel = bySid.get("RelabelUnverifiedDeployment");
    assertThat(relabel.get("Action").toString()).isEqualTo("[\"apigateway:PATCH\"]");
    assertThat(relabel.get("Resource").toString())
        .isEqualTo("[\"arn:aws:apigateway:eu-west-1::/restapis/a1b2c3d4e5/deployments/*\"]");
  }
}
