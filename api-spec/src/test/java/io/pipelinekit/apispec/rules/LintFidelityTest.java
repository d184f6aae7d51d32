package io.pipelinekit.apispec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Rule;
import io.pipelinekit.core.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Severity means what API Gateway does: what it imports is not an error, what it rejects is (issue
 * 14). Each case here goes through the public linter.
 */
class LintFidelityTest {
  @TempDir Path dir;

  private List<Finding> lint(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    LintResult result = OpenApiLinter.lint(file);
    return result.findings();
  }

  private static List<String> errors(List<Finding> findings) {
    return findings.stream()
        .filter(f -> f.severity() == Severity.ERROR)
        .map(f -> f.ruleId() + ": " + f.message())
        .toList();
  }

  private static final String PROXY_30 =
      """
      openapi: 3.0.1
      info:
        title: proxy
      paths:
        /{proxy+}:
          x-amazon-apigateway-any-method:
            security: []
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: ANY
              uri: http://backend.example.com/
          get:
            security: []
            parameters:
              - name: q
                in: query
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: http://backend.example.com/
      """;

  /** What the AWS console and SAM export, and API Gateway imports: warnings and info only. */
  @Test
  void documentApiGatewayImports_proxyMissingVersionUntypedParamNoResponses_hasNoErrors()
      throws IOException {
    List<Finding> findings = lint("proxy.yaml", PROXY_30);
    assertThat(errors(findings)).isEmpty();
    Map<String, Severity> bySeverity =
        findings.stream()
            .collect(Collectors.toMap(Finding::ruleId, Finding::severity, (a, b) -> a));
    assertThat(bySeverity)
        .containsEntry("oas-info", Severity.INFO)
        .containsEntry("oas-parameter-type", Severity.INFO)
        .containsEntry("oas-responses", Severity.WARNING)
        .containsEntry("oas-path-parameter", Severity.WARNING);
    assertThat(findings)
        .filteredOn(f -> f.ruleId().equals("oas-path-parameter"))
        .extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("{proxy+}").contains("name: proxy, in: path"));
  }

  @Test
  void emptyResponses_swagger2_saysEmpty_withoutRepeatingTheWord() throws IOException {
    List<Finding> findings =
        lint(
            "swagger.yaml",
            """
            swagger: "2.0"
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  security: []
                  responses: {}
                  x-amazon-apigateway-integration:
                    type: mock
                    requestTemplates:
                      application/json: '{"statusCode": 200}'
            """);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("oas-responses");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message())
                  .startsWith("GET /a: responses is empty;")
                  .doesNotContain("responses.responses")
                  .doesNotContain("is missing");
            });
  }

  @Test
  void responsesWithNoValue_isMissing_notOfTheWrongType() throws IOException {
    List<Finding> findings =
        lint(
            "null.yaml",
            "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n"
                + "      security: []\n      responses:\n"
                + "      x-amazon-apigateway-integration: {type: mock}\n");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("oas-responses");
              assertThat(f.message()).startsWith("GET /a: responses is missing;");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
            + "arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:f/invocations",
        "arn:aws:apigateway:${AWS::Region}:dynamodb:action/PutItem"
      })
  void awsImportVariables_inAwsIntegrationUri_areAccepted(String uri) throws IOException {
    String doc =
        """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a:
            post:
              security: []
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
                type: aws_proxy
                httpMethod: POST
                uri: "%s"
        """
            .formatted(uri);
    assertThat(lint("vars.yaml", doc)).isEmpty();
    // Only the documented variables are resolved: a typo is still reported.
    assertThat(lint("typo.yaml", doc.replace("${AWS::Region}", "${AWS::Regoin}")))
        .extracting(Finding::ruleId)
        .containsOnly("apigw-integration-uri");
  }

  private static final String AUTH_DOC =
      """
      openapi: 3.0.1
      info: {title: t, version: "1"}
      paths:
        /a:
          get:
            security: [{auth: []}]
            responses: {"200": {description: ok}}
            x-amazon-apigateway-integration:
              type: mock
      components:
        securitySchemes:
          auth:
            type: apiKey
            name: token
            in: %s
            x-amazon-apigateway-authtype: custom
            x-amazon-apigateway-authorizer:
              type: %s
              identitySource: %s
              authorizerUri: arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations
      """;

  @Test
  void requestAuthorizer_onQueryStringsStageVariablesAndContext_isAccepted() throws IOException {
    String sources =
        "method.request.querystring.token, method.request.header.X-Tenant,"
            + " stageVariables.realm, context.sourceIp";
    assertThat(lint("request.yaml", AUTH_DOC.formatted("query", "request", sources))).isEmpty();
  }

  @Test
  void tokenAuthorizer_declaredInQuery_saysWhatIsWrong() throws IOException {
    List<Finding> findings =
        lint(
            "token.yaml",
            AUTH_DOC.formatted("query", "token", "method.request.header.Authorization"));
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-authorizer");
              assertThat(f.location().pointer()).isEqualTo("/components/securitySchemes/auth/in");
              assertThat(f.message())
                  .isEqualTo(
                      "security scheme 'auth': a token authorizer reads the token from the header"
                          + " named by 'name', so the scheme needs in: header (found in: 'query');"
                          + " to authorize on query strings, use a request authorizer");
            });
  }

  @Test
  void requestAuthorizer_withAnIdentitySourceThatIsNotARequestParameter_namesIt()
      throws IOException {
    List<Finding> findings =
        lint(
            "bad-source.yaml",
            AUTH_DOC.formatted("header", "request", "method.request.header.A, $request.header.B"));
    assertThat(findings)
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .contains("identitySource '$request.header.B' is not method.request.header.NAME");
  }

  @Test
  void openApi31_isAnError() throws IOException {
    assertThat(lint("v31.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-oas-version");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
            });
  }

  @Test
  void selectionPattern_thatIsNotARegularExpression_isAnError() throws IOException {
    String text =
        Files.readString(
                ApiGatewayRulesTest.fixtures().resolve("apigw-integration-responses/pass.yaml"))
            .replace(
                "        responses:\n",
                "        responses:\n          \"[45]\\\\d{2\":\n            statusCode: \"400\"\n");
    assertThat(errors(lint("pattern.yaml", text)))
        .singleElement()
        .asString()
        .contains("response key '[45]\\d{2' is not a valid selection pattern");
  }

  @Test
  void undefinedRequestValidator_suggestsTheDefinedOne() throws IOException {
    assertThat(
            lint(
                "v.yaml",
                Files.readString(
                    ApiGatewayRulesTest.fixtures().resolve("apigw-request-validator/fail.yaml"))))
        .singleElement()
        .extracting(Finding::message)
        .asString()
        .isEqualTo(
            "request validator 'params_only' is not defined in"
                + " x-amazon-apigateway-request-validators; did you mean 'params-only'?");
  }

  @Test
  void httpSecurityScheme_saysApiGatewayIgnoresItAndTheMethodIsOpen() throws IOException {
    assertThat(
            lint(
                "s.yaml",
                Files.readString(
                    ApiGatewayRulesTest.fixtures()
                        .resolve("apigw-security-scheme-type/fail.yaml"))))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.message()).contains("imported with no authorization");
            });
  }

  @Test
  void disablingOneOasRule_keepsTheOthers() throws IOException {
    Path file = dir.resolve("proxy.yaml");
    Files.writeString(file, PROXY_30);
    LintResult result =
        OpenApiLinter.lint(
            file,
            io.pipelinekit.apispec.LintOptions.builder()
                .disabledRules(java.util.Set.of("oas-info"))
                .build());
    assertThat(result.findings())
        .extracting(Finding::ruleId)
        .doesNotContain("oas-info")
        .contains("oas-responses");
  }

  /** The page lists every source the rule accepts (issue 14: it listed fewer). */
  @Test
  void requestParametersPage_listsEverySourceTheRuleAccepts() throws IOException {
    String page =
        Files.readString(
            ApiGatewayRulesTest.repoRoot()
                .resolve("docs/rules/apigw-integration-request-parameters.md"));
    for (String source :
        List.of(
            "method.request.path.NAME",
            "method.request.querystring.NAME",
            "method.request.header.NAME",
            "method.request.multivaluequerystring.NAME",
            "method.request.multivalueheader.NAME",
            "method.request.body",
            "'quoted literal'",
            "context.NAME",
            "stageVariables.NAME")) {
      assertThat(page).as(source).contains(source);
    }
  }

  /** New and changed rules cite the AWS page their behaviour comes from. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "oas-wrong-type",
        "oas-path-parameter",
        "oas-responses",
        "oas-info",
        "oas-parameter-type",
        "oas-unknown-field",
        "oas-ref",
        "oas-required-field",
        "oas-invalid-value",
        "apigw-oas-version",
        "apigw-authorizer",
        "apigw-integration-uri",
        "apigw-integration-responses",
        "apigw-integration-request-parameters",
        "apigw-unsupported-schema",
        "apigw-security-scheme-type",
        "apigw-api-key-source",
        "apigw-request-validator",
        "apigw-gateway-responses",
        "apigw-binary-media-types",
        "apigw-minimum-compression-size",
        "apigw-endpoint-configuration",
        "apigw-policy",
        "apigw-model-name"
      })
  void rulePage_citesAws(String ruleId) throws IOException {
    Rule rule =
        OpenApiLinter.ruleSet().rules().stream()
            .filter(r -> r.id().equals(ruleId))
            .findFirst()
            .orElseThrow();
    assertThat(Files.readString(ApiGatewayRulesTest.repoRoot().resolve(rule.docPath())))
        .contains("https://docs.aws.amazon.com/");
  }
}
