package io.pipelinekit.apispec.internal.rules;

import io.pipelinekit.core.Rule;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.core.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every rule the OpenAPI linter knows: id, default severity, summary. Each has a docs page. */
public final class RuleCatalog {
  private static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    // swagger-parser's findings, by kind; severities from what API Gateway's import does with
    // each (docs/rules/oas-*.md).
    add(
        "oas-wrong-type",
        Severity.ERROR,
        "A part of the document has the wrong type (a list where a mapping belongs...).");
    add(
        "oas-path-parameter",
        Severity.WARNING,
        "A path template parameter is not declared, or a path parameter is not required.");
    add("oas-responses", Severity.WARNING, "An operation has no responses, or an empty map.");
    add("oas-info", Severity.INFO, "info.title or info.version is missing.");
    add(
        "oas-parameter-type",
        Severity.INFO,
        "A parameter has no type (2.0) or schema/content (3.0).");
    add(
        "oas-unknown-field",
        Severity.WARNING,
        "A field the OpenAPI specification does not define (a typo?).");
    add("oas-ref", Severity.WARNING, "A $ref points at nothing, or at the wrong kind of object.");
    add(
        "oas-required-field",
        Severity.WARNING,
        "A field the OpenAPI specification requires is missing.");
    add(
        "oas-invalid-value",
        Severity.WARNING,
        "A value the OpenAPI specification does not allow (duplicates, empty enum...).");
    add(
        "apigw-oas-version",
        Severity.ERROR,
        "API Gateway REST import accepts OpenAPI 2.0 and 3.0 only, not 3.1.");
    add(
        "apigw-integration-missing",
        Severity.ERROR,
        "An operation has no x-amazon-apigateway-integration.");
    add(
        "apigw-integration-type",
        Severity.ERROR,
        "Integration type must be http, http_proxy, aws, aws_proxy or mock.");
    add(
        "apigw-integration-http-method",
        Severity.ERROR,
        "Integration httpMethod is required (except for mock) and must be an HTTP verb.");
    add(
        "apigw-integration-uri",
        Severity.ERROR,
        "Integration uri is required and must fit the integration type.");
    add(
        "apigw-integration-connection",
        Severity.ERROR,
        "connectionType must be INTERNET or VPC_LINK; VPC_LINK needs a connectionId.");
    add(
        "apigw-integration-passthrough",
        Severity.ERROR,
        "passthroughBehavior must be when_no_match, when_no_templates or never.");
    add(
        "apigw-integration-path-unmapped",
        Severity.ERROR,
        "A path parameter in the integration uri is not mapped by requestParameters.");
    add(
        "apigw-integration-request-parameters",
        Severity.ERROR,
        "requestParameters must use mapping-expression syntax and name declared parameters.");
    add(
        "apigw-integration-responses",
        Severity.ERROR,
        "Integration responses: keys are selection patterns, statusCode a 3-digit string.");
    add(
        "apigw-integration-timeout",
        Severity.ERROR,
        "timeoutInMillis must be at least 50; above 29000 needs a raised quota.");
    add(
        "apigw-integration-content-handling",
        Severity.ERROR,
        "contentHandling must be CONVERT_TO_TEXT or CONVERT_TO_BINARY.");
    add(
        "apigw-integration-unknown-field",
        Severity.WARNING,
        "x-amazon-apigateway-integration has a field API Gateway does not know (a typo?).");
    add(
        "apigw-authorizer",
        Severity.ERROR,
        "x-amazon-apigateway-authorizer must have a valid type and the fields it needs.");
    add(
        "apigw-cognito-provider-arn",
        Severity.ERROR,
        "A cognito_user_pools authorizer needs providerARNs of Cognito user pools.");
    add(
        "apigw-security-undefined",
        Severity.WARNING,
        "An operation's security names a scheme that is not defined.");
    add(
        "apigw-security-none",
        Severity.WARNING,
        "An operation has no authorization and is not marked public.");
    add(
        "apigw-claims-without-authorizer",
        Severity.WARNING,
        "A mapping template reads Cognito claims on a method without a Cognito authorizer.");
    add(
        "apigw-unsupported-schema",
        Severity.WARNING,
        "A schema uses a keyword API Gateway models ignore or reject.");
    add(
        "apigw-cookie-parameter",
        Severity.WARNING,
        "API Gateway REST import does not support cookie parameters.");
    add(
        "apigw-server-variables",
        Severity.WARNING,
        "API Gateway uses only the basePath server variable; others are ignored.");
    add("apigw-document-size", Severity.ERROR, "PutRestApi accepts documents up to 6 MB.");
    add(
        "apigw-resource-quota",
        Severity.WARNING,
        "The API needs more resources than the default quota of 300 per API.");
    add(
        "apigw-path-segment",
        Severity.ERROR,
        "A path segment has characters API Gateway rejects, or a parameter not on its own.");
    add(
        "apigw-greedy-path",
        Severity.ERROR,
        "A greedy path variable ({name+}) must be the last path segment.");
    add(
        "apigw-security-scheme-type",
        Severity.WARNING,
        "A security scheme type API Gateway ignores (only apiKey schemes are imported).");
    add(
        "apigw-api-key-source",
        Severity.ERROR,
        "x-amazon-apigateway-api-key-source must be HEADER or AUTHORIZER.");
    add(
        "apigw-request-validator",
        Severity.ERROR,
        "A request validator is named but not defined, or a validator is malformed.");
    add(
        "apigw-gateway-responses",
        Severity.ERROR,
        "x-amazon-apigateway-gateway-responses: keys are response types, with valid fields.");
    add(
        "apigw-binary-media-types",
        Severity.ERROR,
        "x-amazon-apigateway-binary-media-types must be a list of media types.");
    add(
        "apigw-minimum-compression-size",
        Severity.ERROR,
        "x-amazon-apigateway-minimum-compression-size must be an integer 0..10485760.");
    add(
        "apigw-endpoint-configuration",
        Severity.ERROR,
        "x-amazon-apigateway-endpoint-configuration has the wrong shape or place.");
    add(
        "apigw-policy",
        Severity.ERROR,
        "x-amazon-apigateway-policy must be a valid IAM resource policy document.");
    add(
        "apigw-model-name",
        Severity.ERROR,
        "API Gateway model (schema component) names must be alphanumeric.");
  }

  private RuleCatalog() {}

  private static void add(String id, Severity severity, String summary) {
    RULES.put(id, new Rule(id, severity, summary));
  }

  /** The OpenAPI linter's rule set, in catalog order. */
  public static RuleSet ruleSet() {
    return SET;
  }

  private static final RuleSet SET = RuleSet.of("openapi", List.copyOf(RULES.values()));

  public static Rule get(String id) {
    Rule rule = RULES.get(id);
    if (rule == null) {
      throw new IllegalArgumentException("unknown rule " + id);
    }
    return rule;
  }
}
