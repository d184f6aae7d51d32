package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimsMappingTemplateTest {

  private static final String TEMPLATE_KEY = "application/json: |";
  private static final Path GATEWAY = RepoFiles.path("service/api/gateway.yaml");

  @Test
  void render_mapsEveryClaimInDeclarationOrder() {
    assertThat(ClaimsMappingTemplate.mappings())
        .extracting(ClaimsMappingTemplate.Mapping::field)
        .containsExactlyElementsOf(UserClaims.fieldNames());
  }

  @Test
  void render_readsCognitoUsernameWithBracketsAndPlainClaimsWithDots() {
    String template = ClaimsMappingTemplate.render();
    assertThat(template)
        .contains(
            "\"username\": \"$!util.escapeJavaScript($context.authorizer.claims['cognito:username'])"
                + ".replaceAll(\"\\\\'\",\"'\")\",")
        .contains(
            "\"sub\": \"$!util.escapeJavaScript($context.authorizer.claims.sub)"
                + ".replaceAll(\"\\\\'\",\"'\")\",")
        .startsWith("## Generated")
        .endsWith("\"\n}\n");
  }

  /**
   * gateway.yaml carries the generated template verbatim. After changing {@link UserClaims}, run
   * with {@code -Dgolden.update=true} to rewrite the block in gateway.yaml, and review the diff.
   */
  @Test
  void gatewayYaml_carriesTheGeneratedTemplate() throws IOException {
    String expected = ClaimsMappingTemplate.render();
    if (Boolean.getBoolean("golden.update")) {
      rewriteTemplateBlock(expected);
    }
    JsonNode gateway = new ObjectMapper(new YAMLFactory()).readTree(GATEWAY.toFile());
    JsonNode actual =
        gateway.at(
            "/paths/~1test/post/x-amazon-apigateway-integration/requestTemplates/application~1json");
    assertThat(actual.isTextual())
        .as("%s has no requestTemplates for application/json on POST /test", GATEWAY)
        .isTrue();
    assertThat(actual.asText())
        .as(
            "%s: the POST /test mapping template differs from the one generated from UserClaims;"
                + " run mvn verify -Dgolden.update=true to rewrite it",
            GATEWAY)
        .isEqualTo(expected);
  }

  private static void rewriteTemplateBlock(String template) throws IOException {
    List<String> lines = Files.readAllLines(GATEWAY, StandardCharsets.UTF_8);
    int key = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).trim().equals(TEMPLATE_KEY)) {
        key = i;
        break;
      }
    }
    if (key < 0) {
      throw new IllegalStateException(GATEWAY + ": no '" + TEMPLATE_KEY + "' line to rewrite");
    }
    int keyIndent = lines.get(key).indexOf(TEMPLATE_KEY);
    int end = key + 1;
    while (end < lines.size()
        && (lines.get(end).isBlank()
            || lines.get(end).length() - lines.get(end).stripLeading().length() > keyIndent)) {
      end++;
    }
    String indent = " ".repeat(keyIndent + 2);
    List<String> out = new ArrayList<>(lines.subList(0, key + 1));
    for (String line : template.split("\n")) {
      out.add(indent + line);
    }
    out.addAll(lines.subList(end, lines.size()));
    Files.write(GATEWAY, out, StandardCharsets.UTF_8);
  }
}
