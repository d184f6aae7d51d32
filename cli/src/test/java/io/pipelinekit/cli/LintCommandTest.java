package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
  static final String CLEAN =
      """
      openapi: 3.0.3
      info: {title: Items, version: "1"}
      paths:
        /items/{id}:
          get:
            security: [{cognito: []}]
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
            responses:
              "200": {description: ok}
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: http://internal-nlb.example.com/items/{id}
              connectionType: VPC_LINK
              connectionId: ${stageVariables.vpcLinkId}
              requestParameters:
                integration.request.path.id: method.request.path.id
      components:
        securitySchemes:
          cognito:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authorizer:
              type: cognito_user_pools
              providerARNs: [arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_Abc123]
      """;

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void lint_cleanDocument_exits0_andPrintsNoFindings() throws IOException {
    Path file = write("clean.yaml", CLEAN);
    Run r = run("lint", file.toString());
    assertThat(r.code()).isEqualTo(0);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("lint: 0 error(s), 0 warning(s), 0 info in 1 file(s)");
  }

  @Test
  void lint_errorFinding_printsFileLineColSeverityRuleMessage_andExits1() throws IOException {
    Path file = write("bad.yaml", CLEAN.replace("type: http_proxy", "type: lambda"));
    Run r = run("lint", file.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            file
                + ":12:9 error apigw-integration-type GET /items/{id}: integration type 'lambda'"
                + " is not one of http, http_proxy, aws, aws_proxy, mock\n");
  }

  @Test
  void lint_warningOnly_exits0_byDefault_and1_withFailOnWarning() throws IOException {
    Path file = write("open.yaml", CLEAN.replace("security: [{cognito: []}]", "summary: open"));
    Run byDefault = run("lint", file.toString());
    assertThat(byDefault.code()).isEqualTo(0);
    assertThat(byDefault.out()).contains(" warning apigw-security-none ");
    assertThat(run("lint", "--fail-on", "warning", file.toString()).code()).isEqualTo(1);
    assertThat(
            run("lint", "--disable", "apigw-security-none", "--fail-on", "warning", file.toString())
                .code())
        .isEqualTo(0);
  }

  @Test
  void lint_jsonFormat_listsFindingsWithPlaces() throws IOException {
    Path file = write("bad.yaml", CLEAN.replace("type: http_proxy", "type: lambda"));
    Run r = run("lint", "--format", "json", file.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    JsonNode finding = json.at("/files/0/findings/0");
    assertThat(json.at("/files/0/file").asText()).isEqualTo(file.toString());
    assertThat(json.at("/files/0/kind").asText()).isEqualTo("openapi");
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(finding.get("rule").asText()).isEqualTo("apigw-integration-type");
    assertThat(finding.get("severity").asText()).isEqualTo("error");
    assertThat(finding.at("/location/file").asText()).isEqualTo(file.toString());
    assertThat(finding.at("/location/line").asInt()).isEqualTo(12);
    assertThat(finding.at("/location/pointer").asText())
        .isEqualTo("/paths/~1items~1{id}/get/x-amazon-apigateway-integration/type");
    assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
  }

  @Test
  void lint_sarifFormat_isSarif210_withRulesMetadataAndHelpUri() throws IOException {
    Path file = write("bad.yaml", CLEAN.replace("type: http_proxy", "type: lambda"));
    Run r =
        run(
            "lint",
            "--format",
            "sarif",
            "--rules-base-url",
            "https://example.com/repo/blob/main/docs/rules",
            file.toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode sarif = new ObjectMapper().readTree(r.out());
    assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
    JsonNode run = sarif.at("/runs/0");
    JsonNode rules = run.at("/tool/driver/rules");
    assertThat(rules.size()).isGreaterThan(20);
    JsonNode result = run.at("/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo("apigw-integration-type");
    assertThat(result.get("level").asText()).isEqualTo("error");
    JsonNode rule = rules.get(result.get("ruleIndex").asInt());
    assertThat(rule.get("id").asText()).isEqualTo("apigw-integration-type");
    assertThat(rule.get("helpUri").asText())
        .isEqualTo("https://example.com/repo/blob/main/docs/rules/apigw-integration-type.md");
    JsonNode region = result.at("/locations/0/physicalLocation/region");
    assertThat(region.get("startLine").asInt()).isEqualTo(12);
    assertThat(region.get("startColumn").asInt()).isEqualTo(9);
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("bad.yaml");
    assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isTrue();
  }

  @Test
  void lint_notADocumentItKnows_exits2() throws IOException {
    Path file = write("notes.txt", "hello: world\n");
    Run r = run("lint", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":1:1: not an OpenAPI document");
  }

  @Test
  void lint_openapiKeyAfterManyComponents_isStillReadAsOpenApi() throws IOException {
    // Stripe's document sorts its keys: 'openapi' comes after megabytes of components.
    StringBuilder text = new StringBuilder("components:\n  schemas:\n");
    for (int i = 0; i < 3000; i++) {
      text.append("    S").append(i).append(":\n      type: string\n      description: padding\n");
    }
    text.append(CLEAN.substring(CLEAN.indexOf("info:")).replace("components:\n", "x-c:\n"));
    text.append("openapi: 3.0.3\n");
    Path file = write("sorted.yaml", text.toString());
    assertThat(Files.size(file)).isGreaterThan(65_536);
    Run r = run("lint", file.toString());
    assertThat(r.err()).contains("in 1 file(s)").doesNotContain("could not be read");
  }

  static final String BUILDSPEC =
      """
      version: 0.2
      phases:
        pre_build:
          commands:
            - $(aws ecr get-login --no-include-email)
      """;

  @Test
  void lint_buildspecAndOpenApi_detectedByContent_inOneRun() throws IOException {
    Path buildspec = write("buildspec.yml", BUILDSPEC);
    Path api = write("bad.yaml", CLEAN.replace("type: http_proxy", "type: lambda"));
    Run r = run("lint", buildspec.toString(), api.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .startsWith(buildspec + ":5:9 error buildspec-ecr-get-login ")
        .contains(api + ":12:9 error apigw-integration-type ");
    assertThat(r.err()).contains("in 2 file(s)");
  }

  @Test
  void lint_buildspecInSarif_hasItsRuleMetadata() throws IOException {
    Path buildspec = write("buildspec.yml", BUILDSPEC);
    Run r = run("lint", "--format", "sarif", buildspec.toString());
    JsonNode run = new ObjectMapper().readTree(r.out()).at("/runs/0");
    JsonNode result = run.at("/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo("buildspec-ecr-get-login");
    JsonNode rule = run.at("/tool/driver/rules").get(result.get("ruleIndex").asInt());
    assertThat(rule.get("id").asText()).isEqualTo("buildspec-ecr-get-login");
    // By default the pages of this installation, as absolute file: URLs that exist.
    String helpUri = rule.get("helpUri").asText();
    assertThat(helpUri).startsWith("file:").endsWith("/docs/rules/buildspec-ecr-get-login.md");
    assertThat(Path.of(java.net.URI.create(helpUri))).exists();
    assertThat(rule.at("/shortDescription/text").asText()).isNotBlank();
  }

  @Test
  void lint_missingFile_exits2_namingIt() {
    Path file = dir.resolve("missing.yaml");
    Run r = run("lint", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("pipeline: " + file + ": no such file");
  }

  @Test
  void lint_oneUnreadableFile_stillLintsTheOthers_andExits2() throws IOException {
    Path good = write("bad.yaml", CLEAN.replace("type: http_proxy", "type: lambda"));
    Path broken = write("dup.yaml", "openapi: 3.0.3\nopenapi: 3.0.3\n");
    Run r = run("lint", broken.toString(), good.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).contains("apigw-integration-type");
    assertThat(r.err()).contains(broken + ":2:1: duplicate key 'openapi'");
  }

  @Test
  void lint_badLimitOption_isAUsageError() throws IOException {
    Path file = write("clean.yaml", CLEAN);
    Run r = run("lint", "--max-depth", "0", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("maxDepth must be positive").contains("--help");
  }
}
