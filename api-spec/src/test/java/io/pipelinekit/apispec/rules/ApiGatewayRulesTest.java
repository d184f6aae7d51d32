package io.pipelinekit.apispec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Rule;
import io.pipelinekit.core.Severity;
import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule has a failing and a passing fixture under {@code src/test/resources/rules/<rule-id>/}
 * (except apigw-document-size, whose 6 MB fixture is generated below) and a page under {@code
 * docs/rules/}.
 */
class ApiGatewayRulesTest {
  static final String GENERATED = "apigw-document-size";

  static Path fixtures() {
    try {
      return Path.of(ApiGatewayRulesTest.class.getResource("/rules").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<String> ruleIds() {
    return OpenApiLinter.ruleSet().rules().stream()
        .map(Rule::id)
        .filter(id -> !id.equals(GENERATED));
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void rule_failingFixture_isReported(String ruleId) {
    LintResult result = OpenApiLinter.lint(fixtures().resolve(ruleId).resolve("fail.yaml"));
    List<Finding> mine = result.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    assertThat(mine).as(ruleId + " on fail.yaml").isNotEmpty();
    for (Finding f : mine) {
      assertThat(f.location().line()).as("line of " + f.format()).isGreaterThan(1);
      assertThat(f.location().file().getFileName().toString()).isEqualTo("fail.yaml");
    }
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void rule_passingFixture_isClean(String ruleId) {
    LintResult result = OpenApiLinter.lint(fixtures().resolve(ruleId).resolve("pass.yaml"));
    assertThat(result.findings()).as(ruleId + " on pass.yaml").isEmpty();
  }

  @Test
  void everyFixtureFolder_isARule() throws IOException {
    try (Stream<Path> dirs = Files.list(fixtures())) {
      assertThat(dirs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(ruleIds().toList());
    }
  }

  /**
   * A page says what (with the rule's severity), why, shows a failing and a passing example and how
   * to fix, and names the test that holds the rule to its examples.
   */
  @ParameterizedTest
  @MethodSource("allRuleIds")
  void everyRule_pageHasSeverityWhyExamplesAndFix(String ruleId) throws IOException {
    Rule rule =
        OpenApiLinter.ruleSet().rules().stream()
            .filter(r -> r.id().equals(ruleId))
            .findFirst()
            .orElseThrow();
    String page = Files.readString(repoRoot().resolve(rule.docPath()));
    assertThat(page)
        .as(ruleId)
        .contains("Severity: **" + rule.severity().name().toLowerCase(java.util.Locale.ROOT) + "**")
        .contains("\n## Why\n", "\n## Fix\n", "Tested by ");
    assertThat(section(page, "Why")).as(ruleId + " Why").hasSizeGreaterThan(60);
    assertThat(section(page, "Failing")).as(ruleId + " Failing").contains("```");
    assertThat(section(page, "Passing")).as(ruleId + " Passing").contains("```");
    assertThat(section(page, "Fix")).as(ruleId + " Fix").hasSizeGreaterThan(20);
  }

  static Stream<String> allRuleIds() {
    return OpenApiLinter.ruleSet().rules().stream().map(Rule::id);
  }

  /** The text of section {@code ## name} up to the next {@code ## } heading; empty if none. */
  static String section(String page, String name) {
    int start = page.indexOf("\n## " + name + "\n");
    if (start < 0) {
      return "";
    }
    int from = start + name.length() + 5;
    int end = page.indexOf("\n## ", from);
    return page.substring(from, end < 0 ? page.length() : end).strip();
  }

  @Test
  void documentSize_above6MB_isAnError_below_isNot(@TempDir Path dir) throws IOException {
    String head = Files.readString(fixtures().resolve("apigw-security-none/pass.yaml"));
    Path small = dir.resolve("small.yaml");
    Files.writeString(small, head);
    assertThat(OpenApiLinter.lint(small).findings()).isEmpty();
    Path big = dir.resolve("big.yaml");
    String padding = "# " + "x".repeat(98) + "\n";
    Files.writeString(big, head + padding.repeat(63_000));
    LintResult result = OpenApiLinter.lint(big);
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo(GENERATED);
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message()).contains("PutRestApi accepts at most 6291456");
            });
  }

  @Test
  void unknownIntegrationField_suggestsTheNearestKnownOne() {
    LintResult result =
        OpenApiLinter.lint(fixtures().resolve("apigw-integration-unknown-field/fail.yaml"));
    assertThat(result.findings())
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .endsWith(
            "integration field 'timeoutInMilis' is not one API Gateway knows; did you mean"
                + " 'timeoutInMillis'?");
  }

  @Test
  void claimsMappedIntoAHeader_withoutCognito_isAWarning(@TempDir Path dir) throws IOException {
    String text =
        Files.readString(fixtures().resolve("apigw-integration-connection/pass.yaml"))
            .replace("      - cognito: []\n", "      - {}\n")
            .replace(
                "integration.request.path.id: method.request.path.id",
                "integration.request.path.id: method.request.path.id\n"
                    + "          integration.request.header.X-User: context.authorizer.claims.sub");
    Path file = dir.resolve("claims.yaml");
    Files.writeString(file, text);
    assertThat(OpenApiLinter.lint(file).findings())
        .extracting(f -> f.ruleId() + " " + f.severity())
        .contains("apigw-claims-without-authorizer WARNING");
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(ok, text.replace("      - {}\n", "      - cognito: []\n"));
    assertThat(OpenApiLinter.lint(ok).findings()).isEmpty();
  }

  @Test
  void timeout_above29s_isOnlyAWarning(@TempDir Path dir) throws IOException {
    String text =
        Files.readString(fixtures().resolve("apigw-integration-timeout/pass.yaml"))
            .replace("timeoutInMillis: 50", "timeoutInMillis: 60000");
    Path file = dir.resolve("slow.yaml");
    Files.writeString(file, text);
    assertThat(OpenApiLinter.lint(file).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-integration-timeout");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message()).contains("quota");
            });
  }

  @Test
  void swagger2_securityDefinitionsAndIntegrations_areChecked(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("swagger.yaml");
    Files.writeString(
        file,
        """
        swagger: "2.0"
        info: {title: t, version: "1"}
        paths:
          /items:
            get:
              security:
                - missing: []
              responses:
                "200": {description: ok}
              x-amazon-apigateway-integration:
                type: http_proxy
                httpMethod: GET
                uri: http://backend.example.com/items
        securityDefinitions:
          cognito:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authorizer:
              type: cognito_user_pools
              providerARNs: [arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_abc]
        """);
    LintResult result = OpenApiLinter.lint(file);
    assertThat(result.specVersion()).isEqualTo("2.0");
    assertThat(result.findings())
        .extracting(f -> f.ruleId() + "@" + f.location().line())
        .containsExactly("apigw-security-undefined@7");
  }

  @Test
  void refsToFilesInTheFolder_areFollowed_forPathItemsAndParameters(@TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("paths"));
    Files.writeString(
        dir.resolve("params.yaml"),
        "Tenant: {name: X-Tenant, in: header, schema: {type: string}}\n");
    Files.writeString(
        dir.resolve("paths/items.yaml"),
        """
        get:
          security: []
          parameters:
            - $ref: '../params.yaml#/Tenant'
          responses: {"200": {description: ok}}
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: http://backend.example.com/items
            requestParameters:
              integration.request.header.X-Tenant: method.request.header.X-Tenant
        post:
          security: []
          responses: {"200": {description: ok}}
        """);
    Path main = dir.resolve("openapi.yaml");
    Files.writeString(
        main,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /items:\n"
            + "    $ref: 'paths/items.yaml'\n");
    LintResult result = OpenApiLinter.lint(main);
    assertThat(result.findings())
        .extracting(f -> f.ruleId() + "@" + f.location().line())
        .containsExactly("apigw-integration-missing@4");
  }

  /** A {@code +} in a file name is a plus (not a space); fragments are %-decoded. */
  @Test
  void refsWithPlusInFileNameAndEscapedFragment_areFollowed(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("paths"));
    Files.writeString(
        dir.resolve("params.yaml"),
        "Tenant Id: {name: X-Tenant, in: header, schema: {type: string}}\n");
    Files.writeString(
        dir.resolve("paths/items+v2.yaml"),
        """
        get:
          security: []
          parameters:
            - $ref: '../params.yaml#/Tenant%20Id'
          responses: {"200": {description: ok}}
          x-amazon-apigateway-integration:
            type: http_proxy
            httpMethod: GET
            uri: http://backend.example.com/items
            requestParameters:
              integration.request.header.X-Tenant: method.request.header.X-Tenant
        post:
          security: []
          responses: {"200": {description: ok}}
        """);
    Path main = dir.resolve("openapi.yaml");
    Files.writeString(
        main,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /items:\n"
            + "    $ref: 'paths/items+v2.yaml'\n");
    LintResult result = OpenApiLinter.lint(main);
    assertThat(result.findings())
        .extracting(f -> f.ruleId() + "@" + f.location().line())
        .containsExactly("apigw-integration-missing@4");
  }

  @Test
  void contentHandlingOfAnIntegrationResponse_isCheckedToo(@TempDir Path dir) throws IOException {
    String pass =
        Files.readString(fixtures().resolve("apigw-integration-content-handling/pass.yaml"));
    String responses =
        """
                responses:
                  default:
                    statusCode: "200"
                    contentHandling: CONVERT_TO_BASE64
        """;
    String doc =
        pass.replace("        contentHandling: CONVERT_TO_BINARY\n", "")
            .replace("components:\n", responses + "components:\n");
    assertThat(doc).contains("CONVERT_TO_BASE64").doesNotContain("CONVERT_TO_BINARY");
    Path file = Files.writeString(dir.resolve("openapi.yaml"), doc);

    LintResult result = OpenApiLinter.lint(file);

    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-integration-content-handling");
              assertThat(f.location().pointer())
                  .endsWith("/x-amazon-apigateway-integration/responses/default/contentHandling");
              assertThat(f.message())
                  .endsWith(
                      ": contentHandling 'CONVERT_TO_BASE64' must be CONVERT_TO_TEXT or"
                          + " CONVERT_TO_BINARY");
            });
  }

  static Path repoRoot() {
    return RepoRoot.find();
  }
}
