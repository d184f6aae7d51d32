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
    add("oas-schema", Severity.ERROR, "The document breaks the OpenAPI specification.");
    add(
        "apigw-oas-version",
        Severity.WARNING,
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
        Severity.ERROR,
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
