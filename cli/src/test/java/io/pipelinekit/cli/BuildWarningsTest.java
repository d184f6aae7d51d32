package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline build} checks before AWS what would otherwise fail in the build or the deploy:
 * lint errors in the API it publishes and missing blue/green templates (warnings: still written).
 */
class BuildWarningsTest {
  private static final String KITCHEN = TestDefinitions.Kitchen.class.getName();

  @TempDir Path tmp;
  Path sources;
  Path out;

  @BeforeEach
  void sources() throws IOException {
    sources = KitchenSources.writeTo(tmp.resolve("src"));
    out = tmp.resolve("out");
  }

  private Run build(String... extra) {
    String[] base = {
      "build",
      "--definition",
      KITCHEN,
      "--out",
      out.toString(),
      "--source-root",
      sources.toString(),
      TestDefinitions.TOOL[0],
      TestDefinitions.TOOL[1],
      TestDefinitions.TOOL[2],
      TestDefinitions.TOOL[3]
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Run.of(args);
  }

  private void breakTheGatewayFragment() throws IOException {
    Path gateway = sources.resolve("api/gateway.yaml");
    String text = Files.readString(gateway);
    assertThat(text).contains("type: http_proxy");
    Files.writeString(gateway, text.replaceFirst("type: http_proxy", "type: http_prox"));
  }

  @Test
  void build_whenTheApiHasLintErrors_warnsNamingFragmentsAndRule_andStillWrites()
      throws IOException {
    breakTheGatewayFragment();
    Run run = build();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .startsWith(
            "pipeline: warning: CodeBuild project 'kitchen-images' API a1b2c3d4e5 (from"
                + " api/openapi.yaml, api/gateway.yaml): ")
        .contains("error apigw-integration-type")
        .contains("integration type 'http_prox'")
        .contains("API Gateway rejects it when the build runs deploy-api");
    assertThat(out.resolve("openapi.yaml")).exists();
  }

  @Test
  void build_jsonFormat_listsTheApiLintWarning() throws IOException {
    breakTheGatewayFragment();
    Run run = build("--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("warnings")).hasSize(1);
    assertThat(doc.get("warnings").get(0).asText()).contains("apigw-integration-type");
  }

  @Test
  void build_whenBlueGreenTemplatesAreMissing_warnsForEach() throws IOException {
    Files.delete(sources.resolve("taskdef.json"));
    Files.delete(sources.resolve("appspec.yaml"));
    Run run = build();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .isEqualTo(
            "pipeline: warning: stage 'Deploy' action 'BlueGreen': task definition template"
                + " taskdef.json (artifact Templates) is not in the source root; unless CodeBuild"
                + " project 'kitchen-images' writes it, the blue/green deployment fails\n"
                + "pipeline: warning: stage 'Deploy' action 'BlueGreen': AppSpec template"
                + " appspec.yaml (artifact Templates) is not in the source root; unless CodeBuild"
                + " project 'kitchen-images' writes it, the blue/green deployment fails\n");
  }

  @Test
  void build_withEverythingInPlace_warnsNothing() {
    Run run = build();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
  }
}
