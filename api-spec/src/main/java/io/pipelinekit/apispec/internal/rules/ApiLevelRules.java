package io.pipelinekit.apispec.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.apispec.internal.OperationKeys;
import io.pipelinekit.core.Severity;
import io.pipelinekit.core.internal.DidYouMean;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The API-level API Gateway extensions (key source, validators, gateway responses, binary media
 * types, compression, endpoint configuration, resource policy), model names and security scheme
 * types. Each rule's page in docs/rules/ cites the AWS page its values come from; the enumerations
 * are those of API Gateway's own service model (botocore's apigateway 2015-07-09).
 */
final class ApiLevelRules {
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-api-key-source.html
  static final Set<String> KEY_SOURCES = Set.of("HEADER", "AUTHORIZER");

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
  static final List<String> RESPONSE_TYPES =
      List.of(
          "ACCESS_DENIED",
          "API_CONFIGURATION_ERROR",
          "AUTHORIZER_CONFIGURATION_ERROR",
          "AUTHORIZER_FAILURE",
          "BAD_REQUEST_PARAMETERS",
          "BAD_REQUEST_BODY",
          "DEFAULT_4XX",
          "DEFAULT_5XX",
          "EXPIRED_TOKEN",
          "INTEGRATION_FAILURE",
          "INTEGRATION_TIMEOUT",
          "INVALID_API_KEY",
          "INVALID_SIGNATURE",
          "MISSING_AUTHENTICATION_TOKEN",
          "QUOTA_EXCEEDED",
          "REQUEST_TOO_LARGE",
          "RESOURCE_NOT_FOUND",
          "THROTTLED",
          "UNAUTHORIZED",
          "UNSUPPORTED_MEDIA_TYPE",
          "WAF_FILTERED");

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-gateway-responses.gatewayResponse.html
  static final List<String> GATEWAY_RESPONSE_FIELDS =
      List.of("statusCode", "responseParameters", "responseTemplates");
  static final Pattern GATEWAY_RESPONSE_PARAMETER =
      Pattern.compile("^gatewayresponse\\.(header|querystring|path)\\.[^\\s.][^\\s]*$");

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-request-validators.requestValidator.html
  static final List<String> VALIDATOR_FIELDS =
      List.of("validateRequestBody", "validateRequestParameters");

  // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-endpoint-configuration.html
  static final List<String> ENDPOINT_FIELDS =
      List.of("disableExecuteApiEndpoint", "vpcEndpointIds", "ipAddressType");
  static final Pattern VPC_ENDPOINT = Pattern.compile("^vpce-[0-9a-f]+$");

  static final Pattern MEDIA_TYPE =
      Pattern.compile("^[A-Za-z0-9!#$&^_.+*-]+/[A-Za-z0-9!#$&^_.+*-]+(\\s*;.*)?$");
  static final long MAX_COMPRESSION = 10_485_760L;

  // IAM JSON policy elements:
  // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
  static final Set<String> STATEMENT_FIELDS =
      Set.of(
          "Sid",
          "Effect",
          "Principal",
          "NotPrincipal",
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Condition");

  static final Pattern MODEL_NAME = Pattern.compile("^[A-Za-z0-9]+$");

  private ApiLevelRules() {}

  static void check(RuleContext ctx, Map<String, JsonNode> schemes) {
    JsonNode root = ctx.root;
    checkKeySource(ctx, root.get("x-amazon-apigateway-api-key-source"));
    checkValidators(ctx);
    checkGatewayResponses(ctx, root.get("x-amazon-apigateway-gateway-responses"));
    checkBinaryMediaTypes(ctx, root.get("x-amazon-apigateway-binary-media-types"));
    checkCompression(ctx, root.get("x-amazon-apigateway-minimum-compression-size"));
    checkEndpointConfigurations(ctx);
    checkPolicy(ctx, root.get("x-amazon-apigateway-policy"));
    checkModelNames(ctx);
    checkSchemeTypes(ctx, schemes);
  }

  private static void checkKeySource(RuleContext ctx, JsonNode value) {
    if (value != null && !(value.isTextual() && KEY_SOURCES.contains(value.asText()))) {
      ctx.report(
          "apigw-api-key-source",
          "/x-amazon-apigateway-api-key-source",
          "x-amazon-apigateway-api-key-source '"
              + value.asText()
              + "' must be HEADER (the X-API-Key header) or AUTHORIZER (the usageIdentifierKey a"
              + " Lambda authorizer returns), in capitals");
    }
  }

  // ---------------------------------------------------------------- request validators

  private static void checkValidators(RuleContext ctx) {
    String mapKey = "x-amazon-apigateway-request-validators";
    JsonNode validators = ctx.root.get(mapKey);
    if (validators != null && !validators.isObject()) {
      ctx.report(
          "apigw-request-validator",
          "/" + mapKey,
          mapKey
              + " must be a mapping of validator name to {validateRequestBody, validateRequestParameters}");
      validators = null;
    }
    if (validators != null) {
      for (Map.Entry<String, JsonNode> v : validators.properties()) {
        String at = RuleContext.child("/" + mapKey, v.getKey());
        if (!v.getValue().isObject()) {
          ctx.report(
              "apigw-request-validator",
              at,
              "request validator '" + v.getKey() + "' must be a mapping");
          continue;
        }
        for (Map.Entry<String, JsonNode> f : v.getValue().properties()) {
          String fat = RuleContext.child(at, f.getKey());
          if (!VALIDATOR_FIELDS.contains(f.getKey())) {
            if (!f.getKey().startsWith("x-")) {
              ctx.report(
                  "apigw-request-validator",
                  Severity.WARNING,
                  fat,
                  "request validator '"
                      + v.getKey()
                      + "': field '"
                      + f.getKey()
                      + "' is not one API Gateway knows"
                      + suggestion(f.getKey(), VALIDATOR_FIELDS));
            }
          } else if (!f.getValue().isBoolean()) {
            ctx.report(
                "apigw-request-validator",
                fat,
                "request validator '"
                    + v.getKey()
                    + "': "
                    + f.getKey()
                    + " must be true or false (not '"
                    + f.getValue().asText()
                    + "')");
          }
        }
      }
    }
    Set<String> names =
        validators == null
            ? Set.of()
            : new java.util.HashSet<>(
                java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(validators.fieldNames(), 0),
                        false)
                    .toList());
    String key = "x-amazon-apigateway-request-validator";
    checkValidatorName(ctx, ctx.root.get(key), "/" + key, names);
    JsonNode paths = ctx.root.path("paths");
    for (Map.Entry<String, JsonNode> p : paths.properties()) {
      if (!p.getValue().isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> op : p.getValue().properties()) {
        if (OperationKeys.isOperation(op.getKey()) && op.getValue().isObject()) {
          String at =
              RuleContext.child(RuleContext.child("/paths", p.getKey()), op.getKey()) + "/" + key;
          checkValidatorName(ctx, op.getValue().get(key), at, names);
        }
      }
    }
  }

  private static void checkValidatorName(
      RuleContext ctx, JsonNode value, String at, Set<String> names) {
    if (value == null) {
      return;
    }
    if (!value.isTextual() || !names.contains(value.asText())) {
      ctx.report(
          "apigw-request-validator",
          at,
          "request validator '"
              + value.asText()
              + "' is not defined in x-amazon-apigateway-request-validators"
              + (names.isEmpty()
                  ? " (the document defines none)"
                  : suggestion(value.asText(), List.copyOf(names))));
    }
  }

  // ---------------------------------------------------------------- gateway responses

  private static void checkGatewayResponses(RuleContext ctx, JsonNode responses) {
    String base = "/x-amazon-apigateway-gateway-responses";
    if (responses == null) {
      return;
    }
    if (!responses.isObject()) {
      ctx.report(
          "apigw-gateway-responses",
          base,
          "x-amazon-apigateway-gateway-responses must be a mapping of response type (e.g."
              + " DEFAULT_4XX) to {statusCode, responseParameters, responseTemplates}");
      return;
    }
    for (Map.Entry<String, JsonNode> e : responses.properties()) {
      String type = e.getKey();
      String at = RuleContext.child(base, type);
      if (!RESPONSE_TYPES.contains(type)) {
        ctx.report(
            "apigw-gateway-responses",
            at,
            "'"
                + type
                + "' is not an API Gateway gateway response type"
                + suggestion(type, RESPONSE_TYPES)
                + " (DEFAULT_4XX, DEFAULT_5XX, UNAUTHORIZED, ACCESS_DENIED, ...)");
      }
      JsonNode r = e.getValue();
      if (!r.isObject()) {
        ctx.report(
            "apigw-gateway-responses", at, "gateway response '" + type + "' must be a mapping");
        continue;
      }
      for (Map.Entry<String, JsonNode> f : r.properties()) {
        String field = f.getKey();
        String fat = RuleContext.child(at, field);
        JsonNode v = f.getValue();
        switch (field) {
          case "statusCode" -> {
            if (!(v.isTextual() || v.isInt())
                || !ApiGatewayRules.STATUS.matcher(v.asText()).matches()) {
              ctx.report(
                  "apigw-gateway-responses",
                  fat,
                  "gateway response '"
                      + type
                      + "': statusCode '"
                      + v.asText()
                      + "' must be a 3-digit HTTP status code such as \"401\"");
            }
          }
          case "responseParameters" -> {
            if (!v.isObject()) {
              ctx.report(
                  "apigw-gateway-responses",
                  fat,
                  "gateway response '" + type + "': responseParameters must be a mapping");
              continue;
            }
            for (Map.Entry<String, JsonNode> p : v.properties()) {
              if (!GATEWAY_RESPONSE_PARAMETER.matcher(p.getKey()).matches()) {
                ctx.report(
                    "apigw-gateway-responses",
                    RuleContext.child(fat, p.getKey()),
                    "gateway response '"
                        + type
                        + "': parameter '"
                        + p.getKey()
                        + "' must be gatewayresponse.{header|querystring|path}.NAME");
              } else if (!p.getValue().isTextual()) {
                ctx.report(
                    "apigw-gateway-responses",
                    RuleContext.child(fat, p.getKey()),
                    "gateway response '"
                        + type
                        + "': the value of '"
                        + p.getKey()
                        + "' must be a string: a request parameter such as"
                        + " method.request.header.NAME or a 'quoted literal'");
              }
            }
          }
          case "responseTemplates" -> {
            if (!v.isObject()) {
              ctx.report(
                  "apigw-gateway-responses",
                  fat,
                  "gateway response '"
                      + type
                      + "': responseTemplates must be a mapping of content type to template");
              continue;
            }
            for (Map.Entry<String, JsonNode> t : v.properties()) {
              if (!t.getValue().isTextual()) {
                ctx.report(
                    "apigw-gateway-responses",
                    RuleContext.child(fat, t.getKey()),
                    "gateway response '"
                        + type
                        + "': the '"
                        + t.getKey()
                        + "' template must be a string");
              }
            }
          }
          default -> {
            if (!field.startsWith("x-")) {
              ctx.report(
                  "apigw-gateway-responses",
                  Severity.WARNING,
                  fat,
                  "gateway response '"
                      + type
                      + "': field '"
                      + field
                      + "' is not one API Gateway knows (statusCode, responseParameters,"
                      + " responseTemplates)"
                      + suggestion(field, GATEWAY_RESPONSE_FIELDS));
            }
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- binary, compression

  private static void checkBinaryMediaTypes(RuleContext ctx, JsonNode types) {
    String at = "/x-amazon-apigateway-binary-media-types";
    if (types == null) {
      return;
    }
    if (!types.isArray()) {
      ctx.report(
          "apigw-binary-media-types",
          at,
          "x-amazon-apigateway-binary-media-types must be a list of media types, e.g."
              + " [application/octet-stream, image/jpeg]");
      return;
    }
    for (int i = 0; i < types.size(); i++) {
      JsonNode t = types.get(i);
      if (!t.isTextual() || !MEDIA_TYPE.matcher(t.asText()).matches()) {
        ctx.report(
            "apigw-binary-media-types",
            at + "/" + i,
            "binary media type '"
                + t.asText()
                + "' is not a media type (type/subtype, e.g. image/png or */*)");
      }
    }
  }

  private static void checkCompression(RuleContext ctx, JsonNode size) {
    if (size == null) {
      return;
    }
    boolean ok =
        size.isIntegralNumber()
            && size.canConvertToLong()
            && size.asLong() >= 0
            && size.asLong() <= MAX_COMPRESSION;
    if (!ok) {
      ctx.report(
          "apigw-minimum-compression-size",
          "/x-amazon-apigateway-minimum-compression-size",
          "x-amazon-apigateway-minimum-compression-size '"
              + size.asText()
              + "' must be a whole number of bytes from 0 to 10485760 (leave it out to disable"
              + " compression)");
    }
  }

  // ---------------------------------------------------------------- endpoint configuration

  private static void checkEndpointConfigurations(RuleContext ctx) {
    String key = "x-amazon-apigateway-endpoint-configuration";
    JsonNode top = ctx.root.get(key);
    if (top != null) {
      if (ctx.swagger2) {
        checkEndpointConfiguration(ctx, top, "/" + key);
      } else {
        ctx.report(
            "apigw-endpoint-configuration",
            Severity.WARNING,
            "/" + key,
            key
                + " at the top level is read for Swagger 2.0 only; in OpenAPI 3 API Gateway reads"
                + " it from a server object: move it under servers[0]");
      }
    }
    JsonNode servers = ctx.root.get("servers");
    if (!ctx.swagger2 && servers != null && servers.isArray()) {
      for (int i = 0; i < servers.size(); i++) {
        JsonNode c = servers.get(i).get(key);
        if (c != null) {
          checkEndpointConfiguration(ctx, c, "/servers/" + i + "/" + key);
        }
      }
    }
  }

  private static void checkEndpointConfiguration(RuleContext ctx, JsonNode c, String at) {
    if (!c.isObject()) {
      ctx.report(
          "apigw-endpoint-configuration",
          at,
          "x-amazon-apigateway-endpoint-configuration must be a mapping (disableExecuteApiEndpoint,"
              + " vpcEndpointIds)");
      return;
    }
    for (Map.Entry<String, JsonNode> f : c.properties()) {
      String fat = RuleContext.child(at, f.getKey());
      JsonNode v = f.getValue();
      switch (f.getKey()) {
        case "disableExecuteApiEndpoint" -> {
          if (!v.isBoolean()) {
            ctx.report(
                "apigw-endpoint-configuration",
                fat,
                "disableExecuteApiEndpoint must be true or false (not '" + v.asText() + "')");
          }
        }
        case "vpcEndpointIds" -> {
          if (!v.isArray()) {
            ctx.report(
                "apigw-endpoint-configuration",
                fat,
                "vpcEndpointIds must be a list of VPC endpoint ids (vpce-...)");
          } else {
            for (int i = 0; i < v.size(); i++) {
              if (!VPC_ENDPOINT.matcher(v.get(i).asText("")).matches()) {
                ctx.report(
                    "apigw-endpoint-configuration",
                    fat + "/" + i,
                    "'" + v.get(i).asText() + "' is not a VPC endpoint id (vpce- and hex digits)");
              }
            }
          }
        }
        case "ipAddressType" -> {
          if (!Set.of("ipv4", "dualstack").contains(v.asText(""))) {
            ctx.report(
                "apigw-endpoint-configuration",
                fat,
                "ipAddressType '" + v.asText() + "' must be ipv4 or dualstack");
          }
        }
        default -> {
          if (!f.getKey().startsWith("x-")) {
            ctx.report(
                "apigw-endpoint-configuration",
                Severity.WARNING,
                fat,
                "endpoint configuration field '"
                    + f.getKey()
                    + "' is not one API Gateway reads"
                    + suggestion(f.getKey(), ENDPOINT_FIELDS)
                    + (f.getKey().equals("types")
                        ? "; the endpoint type (EDGE, REGIONAL, PRIVATE) is set on the API, not in"
                            + " the document"
                        : ""));
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------- resource policy

  private static void checkPolicy(RuleContext ctx, JsonNode policy) {
    String at = "/x-amazon-apigateway-policy";
    if (policy == null) {
      return;
    }
    JsonNode doc = policy;
    if (policy.isTextual()) {
      try {
        doc = new ObjectMapper().readTree(policy.asText());
      } catch (IOException e) {
        doc = null;
      }
    }
    if (doc == null || !doc.isObject()) {
      ctx.report(
          "apigw-policy",
          at,
          "x-amazon-apigateway-policy must be an IAM policy document: a mapping with Version"
              + " \"2012-10-17\" and Statement");
      return;
    }
    JsonNode version = doc.get("Version");
    if (version != null && !Set.of("2012-10-17", "2008-10-17").contains(version.asText())) {
      ctx.report(
          "apigw-policy",
          at + "/Version",
          "policy Version '" + version.asText() + "' must be \"2012-10-17\" (a date, quoted)");
    }
    for (String k : (Iterable<String>) doc::fieldNames) {
      if (!Set.of("Version", "Id", "Statement").contains(k)) {
        ctx.report(
            "apigw-policy",
            RuleContext.child(at, k),
            "policy element '" + k + "' is not an IAM policy element (Version, Id, Statement)");
      }
    }
    JsonNode statements = doc.get("Statement");
    if (statements == null
        || (!statements.isObject() && !statements.isArray())
        || (statements.isArray() && statements.isEmpty())) {
      ctx.report(
          "apigw-policy",
          statements == null ? at : at + "/Statement",
          "the policy needs Statement: a statement or a non-empty list of them");
      return;
    }
    List<JsonNode> list =
        statements.isArray()
            ? java.util.stream.StreamSupport.stream(statements.spliterator(), false).toList()
            : List.of(statements);
    for (int i = 0; i < list.size(); i++) {
      JsonNode s = list.get(i);
      String sat = statements.isArray() ? at + "/Statement/" + i : at + "/Statement";
      String label = "policy statement " + (statements.isArray() ? "#" + (i + 1) : "");
      if (!s.isObject()) {
        ctx.report("apigw-policy", sat, label.strip() + " must be a mapping");
        continue;
      }
      if (!Set.of("Allow", "Deny").contains(s.path("Effect").asText(""))) {
        ctx.report(
            "apigw-policy",
            s.has("Effect") ? sat + "/Effect" : sat,
            label.strip() + ": Effect must be Allow or Deny");
      }
      requireOneOf(ctx, s, sat, label.strip(), "Principal", "NotPrincipal");
      requireOneOf(ctx, s, sat, label.strip(), "Action", "NotAction");
      requireOneOf(ctx, s, sat, label.strip(), "Resource", "NotResource");
      for (String k : (Iterable<String>) s::fieldNames) {
        if (!STATEMENT_FIELDS.contains(k)) {
          ctx.report(
              "apigw-policy",
              RuleContext.child(sat, k),
              label.strip()
                  + ": '"
                  + k
                  + "' is not an IAM statement element"
                  + suggestion(k, List.copyOf(STATEMENT_FIELDS)));
        }
      }
    }
  }

  private static void requireOneOf(
      RuleContext ctx, JsonNode s, String at, String label, String a, String b) {
    if (s.has(a) == s.has(b)) {
      ctx.report(
          "apigw-policy",
          at,
          label
              + (s.has(a)
                  ? ": has both " + a + " and " + b + "; keep one"
                  : ": needs " + a + " (or " + b + ")")
              + (a.equals("Principal") ? " — a resource policy names who it applies to" : ""));
    }
  }

  // ---------------------------------------------------------------- models, schemes

  /**
   * {@code name.replaceAll("[^A-Za-z0-9]", "")} without compiling the regex once per name (Stripe
   * has a thousand schema names with a dot or an underscore).
   */
  static String alphanumeric(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void checkModelNames(RuleContext ctx) {
    String base = ctx.swagger2 ? "/definitions" : "/components/schemas";
    JsonNode schemas =
        ctx.swagger2 ? ctx.root.path("definitions") : ctx.root.path("components").path("schemas");
    for (String name : (Iterable<String>) schemas::fieldNames) {
      if (!MODEL_NAME.matcher(name).matches()) {
        String fixed = alphanumeric(name);
        ctx.report(
            "apigw-model-name",
            RuleContext.child(base, name),
            "schema '"
                + name
                + "' becomes an API Gateway model, and model names must be alphanumeric: the"
                + " import fails with \"Model name must be alphanumeric\"; rename it"
                + (fixed.isEmpty() ? "" : " (e.g. '" + fixed + "') and update its $refs"));
      }
    }
  }

  private static void checkSchemeTypes(RuleContext ctx, Map<String, JsonNode> schemes) {
    String base = ctx.swagger2 ? "/securityDefinitions" : "/components/securitySchemes";
    JsonNode declared =
        ctx.swagger2
            ? ctx.root.path("securityDefinitions")
            : ctx.root.path("components").path("securitySchemes");
    for (String name : (Iterable<String>) declared::fieldNames) {
      Map.Entry<String, JsonNode> e =
          Map.entry(name, schemes.getOrDefault(name, declared.get(name)));
      JsonNode type = e.getValue().get("type");
      if (type == null || type.asText().equals("apiKey")) {
        continue;
      }
      ctx.report(
          "apigw-security-scheme-type",
          RuleContext.child(base, e.getKey()) + "/type",
          "security scheme '"
              + e.getKey()
              + "' has type "
              + type.asText()
              + ", which API Gateway's REST import does not support: it warns (the import fails"
              + " with failonwarnings=true) and ignores the scheme, so methods secured only by it"
              + " are imported with no authorization; use an apiKey scheme with"
              + " x-amazon-apigateway-authorizer (a Lambda or Cognito authorizer) instead");
    }
  }

  private static String suggestion(String value, List<String> candidates) {
    return DidYouMean.suggest(value, candidates, 3)
        .map(s -> "; did you mean '" + s + "'?")
        .orElse("");
  }
}
