package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code pipeline rules}: every rule of every rule set, as text and as JSON. */
class RulesCommandTest {

  @Test
  void rules_text_listsOpenApiAndBuildSpecRulesWithSeveritySummaryAndPage() {
    Run r = Run.of("rules");
    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "apigw-integration-type +error +Integration type must be http, http_proxy,"
                            + " aws, aws_proxy or mock\\.  docs/rules/apigw-integration-type\\.md"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "buildspec-latest-tag +warning +an image tagged or pushed as :latest"
                            + "  docs/rules/buildspec-latest-tag\\.md"))
        .anySatisfy(l -> assertThat(l).startsWith("oas-wrong-type ").contains(" error "))
        .anySatisfy(l -> assertThat(l).startsWith("oas-path-parameter ").contains(" warning "))
        .anySatisfy(l -> assertThat(l).startsWith("apigw-model-name ").contains(" error "))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("pipeline-env-plaintext-secret ")
                    .endsWith("  docs/rules/pipeline-env-plaintext-secret.md"));
    // columns line up: severity and summary start in the same column on every line
    int idWidth = lines.stream().mapToInt(l -> l.indexOf(' ')).max().orElseThrow();
    assertThat(lines)
        .hasSizeGreaterThan(40)
        .allSatisfy(
            l -> assertThat(l.substring(idWidth + 2)).matches("(error|warning|info) +\\S.*"))
        .allSatisfy(l -> assertThat(l.charAt(idWidth + 2 + 7 + 2)).isNotEqualTo(' '));
  }

  @Test
  void rules_json_givesIdRuleSetSeveritySummaryAndDocForEveryRule() throws Exception {
    Run r = Run.of("rules", "--format", "json");
    assertThat(r.exitCode()).isZero();
    JsonNode rules = new ObjectMapper().readTree(r.out()).get("rules");
    assertThat(rules.size()).isEqualTo(Run.of("rules").out().lines().count());
    List<String> sets = new ArrayList<>();
    for (JsonNode rule : rules) {
      String id = rule.get("id").asText();
      assertThat(rule.get("severity").asText()).isIn("error", "warning", "info");
      assertThat(rule.get("summary").asText()).isNotBlank();
      assertThat(rule.get("doc").asText()).isEqualTo("docs/rules/" + id + ".md");
      sets.add(rule.get("ruleSet").asText());
      if (id.equals("buildspec-docker-privileged")) {
        assertThat(rule.get("severity").asText()).isEqualTo("info");
        assertThat(rule.get("ruleSet").asText()).isEqualTo("buildspec");
      }
      if (id.equals("apigw-security-none")) {
        assertThat(rule.get("severity").asText()).isEqualTo("warning");
        assertThat(rule.get("ruleSet").asText()).isEqualTo("openapi");
      }
    }
    assertThat(sets).contains("openapi", "buildspec", "pipeline");
  }

  @Test
  void rules_unknownFormat_isAUsageError() {
    Run r = Run.of("rules", "--format", "yaml");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--format").contains("Run 'pipeline rules --help'");
  }
}
