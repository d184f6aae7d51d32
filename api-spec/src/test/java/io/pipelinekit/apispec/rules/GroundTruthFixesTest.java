package io.pipelinekit.apispec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rule changes the ground-truth corpus asked for (GroundTruthCorpusTest): false positives on
 * documents API Gateway imports, and a documented rejection that was not reported.
 */
class GroundTruthFixesTest {
  @TempDir Path dir;

  private List<Finding> lint(String text) throws IOException {
    Path file = dir.resolve("api.yaml");
    Files.writeString(file, text);
    return OpenApiLinter.lint(file).findings();
  }

  private static String op(String integration) {
    return """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a:
            post:
              security: []
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration:
        %s"""
        .formatted(integration.indent(8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"NEVER", "WHEN_NO_MATCH", "when_no_templates", "When_No_Match"})
  void passthroughBehavior_inEitherCase_isAccepted(String value) throws IOException {
    assertThat(
            lint(
                op(
                    "type: http\nhttpMethod: POST\nuri: https://backend.example.com/a\n"
                        + "passthroughBehavior: "
                        + value)))
        .isEmpty();
  }

  @Test
  void passthroughBehavior_unknownValue_isStillAnError() throws IOException {
    assertThat(
            lint(
                op(
                    "type: http\nhttpMethod: POST\nuri: https://backend.example.com/a\n"
                        + "passthroughBehavior: WHEN_NEVER")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-integration-passthrough");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.message()).contains("'WHEN_NEVER'").doesNotContain("lower case");
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{Fn::Sub: 'arn:aws:apigateway:${AWS::Region}:dynamodb:action/GetItem'}",
        "{Fn::Join: ['', ['arn:aws:apigateway:', {Ref: 'AWS::Region'}, ':sqs:path/q']]}",
        "{Ref: IntegrationUri}"
      })
  void cloudFormationIntrinsicUri_ofAnIncludedDocument_isAccepted(String uri) throws IOException {
    assertThat(
            lint(
                op(
                    "type: aws\nhttpMethod: POST\nuri: "
                        + uri
                        + "\ncredentials: {Fn::GetAtt: [ApiRole, Arn]}")))
        .isEmpty();
  }

  @Test
  void uriThatIsAMappingButNoIntrinsic_saysItMustBeAString() throws IOException {
    assertThat(lint(op("type: aws\nhttpMethod: POST\nuri: {arn: x, path: y}")))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-integration-uri");
              assertThat(f.message())
                  .isEqualTo(
                      "POST /a: a aws integration needs 'uri', a string (this one is a mapping)");
            });
  }

  private static String authorizer(String ttl) {
    return """
        openapi: 3.0.1
        info: {title: t, version: "1"}
        paths:
          /a:
            get:
              security: [{auth: []}]
              responses: {"200": {description: ok}}
              x-amazon-apigateway-integration: {type: mock}
        components:
          securitySchemes:
            auth:
              type: apiKey
              name: Authorization
              in: header
              x-amazon-apigateway-authtype: custom
              x-amazon-apigateway-authorizer:
                type: token
                authorizerUri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations
                authorizerResultTtlInSeconds: %s
        """
        .formatted(ttl);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "300", "3600", "'60'"})
  void authorizerTtl_upToAnHour_isAccepted(String ttl) throws IOException {
    assertThat(lint(authorizer(ttl))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"3601", "7200", "-1", "1.5", "forever"})
  void authorizerTtl_aboveAnHourOrNotWholeSeconds_isAnError(String ttl) throws IOException {
    assertThat(lint(authorizer(ttl)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-authorizer");
              assertThat(f.severity()).isEqualTo(Severity.ERROR);
              assertThat(f.location().pointer())
                  .endsWith("/x-amazon-apigateway-authorizer/authorizerResultTtlInSeconds");
              assertThat(f.message()).contains("from 0 (no caching) to 3600 (one hour)");
            });
  }

  @Test
  void securityNamingAnUndefinedScheme_isAWarning_asAwsOwnSampleImportsIt() throws IOException {
    List<Finding> findings =
        lint(
            """
            swagger: "2.0"
            info: {title: t, version: "1"}
            paths:
              /a:
                get:
                  security: [{api_key: []}]
                  responses: {"200": {description: ok}}
                  x-amazon-apigateway-integration: {type: mock}
            """);
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-security-undefined");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
            });
  }
}
