package io.pipelinekit.apispec.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.OperationKeys;
import io.pipelinekit.apispec.internal.load.NodePath;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import io.pipelinekit.core.internal.DidYouMean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The API Gateway REST import rules, run on the raw tree (before any {@code $ref} is resolved) so
 * every finding points at the line the user wrote. Sources: AWS's "OpenAPI extensions to API
 * Gateway" pages and "Amazon API Gateway important notes for REST APIs".
 */
public final class ApiGatewayRules {
  static final String INTEGRATION = "x-amazon-apigateway-integration";
  static final String ANY_METHOD = OperationKeys.ANY_METHOD;
  static final String AUTHORIZER = "x-amazon-apigateway-authorizer";
  static final String PUBLIC_MARK = "x-pipelinekit-public";
  static final List<String> METHODS = OperationKeys.HTTP_METHODS;

  static final Set<String> TYPES = Set.of("http", "http_proxy", "aws", "aws_proxy", "mock");
  static final Set<String> VERBS =
      Set.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "ANY");
  static final Set<String> PASSTHROUGH = Set.of("when_no_match", "when_no_templates", "never");
  static final Set<String> CONTENT_HANDLING = Set.of("CONVERT_TO_TEXT", "CONVERT_TO_BINARY");
  static final Set<String> AUTHORIZER_TYPES = Set.of("cognito_user_pools", "token", "request");

  static final Pattern HTTP_URI =
      Pattern.compile(
          "^(https?://[^\\s/?#]+([/?#]\\S*)?|\\$\\{stageVariables\\.[A-Za-z0-9_]+}\\S*)$");
  static final Pattern AWS_URI =
      Pattern.compile(
          "^arn:aws[a-z-]*:apigateway:[^:\\s]+:[A-Za-z0-9.${}:_-]+:(path|action)/\\S+$");
  static final Pattern CONNECTION_ID =
      Pattern.compile("^([A-Za-z0-9]+|\\$\\{stageVariables\\.[A-Za-z0-9_]+})$");
  static final Pattern URI_PARAM = Pattern.compile("(?<!\\$)\\{([^{}]+)}");
  static final Pattern TARGET =
      Pattern.compile(
          "^integration\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.([^\\s.][^\\s]*)$");
  static final Pattern SOURCE_METHOD =
      Pattern.compile(
          "^method\\.request\\.(path|querystring|header|multivaluequerystring|multivalueheader)\\.([^\\s]+)$");
  static final Pattern SOURCE_OTHER =
      Pattern.compile(
          "^('[^']*'|context\\.[A-Za-z0-9_.\\[\\]'-]+|stageVariables\\.[A-Za-z0-9_]+|method\\.request\\.body(\\.\\S+)?)$");
  static final Pattern STATUS = Pattern.compile("^[1-5][0-9][0-9]$");
  static final Pattern COGNITO_ARN =
      Pattern.compile(
          "^arn:aws[a-z-]*:cognito-idp:([a-z]{2}(-[a-z]+)+-\\d|\\$\\{[^}]+})"
              + ":(\\d{12}|\\$\\{[^}]+}):userpool/([\\w-]+_[0-9a-zA-Z]+|\\$\\{[^}]+})$");
  static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9._,:-]+$");
  static final Pattern PARAM_SEGMENT = Pattern.compile("^\\{[A-Za-z0-9._-]+\\+?}$");
  static final long MAX_BODY_BYTES = 6L * 1024 * 1024;

  /**
   * API Gateway resolves ${AWS::AccountId}, ${AWS::Partition} and ${AWS::Region} when the document
   * is imported ("AWS variables for OpenAPI import",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/import-api-aws-variables.html): a
   * value is checked as it will be after import, with sample values in their place.
   */
  static String resolvedAwsVariables(String value) {
    if (value.indexOf("${AWS::") < 0) {
      return value;
    }
    return value
        .replace("${AWS::AccountId}", "123456789012")
        .replace("${AWS::Partition}", "aws")
        .replace("${AWS::Region}", "us-east-1");
  }

  /**
   * Whether {@code value} is a CloudFormation intrinsic function ({@code {"Fn::Sub": ...}}, {@code
   * {"Fn::GetAtt": ...}}, {@code {"Ref": ...}}...): a document included into a template with {@code
   * AWS::Include} (SAM or CloudFormation {@code DefinitionBody}) has them, and CloudFormation
   * replaces them before API Gateway sees the document
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/create-reusable-transform-function-snippets-and-add-to-your-template-with-aws-include-transform.html).
   */
  static boolean isCloudFormationIntrinsic(JsonNode value) {
    if (value == null || !value.isObject() || value.size() != 1) {
      return false;
    }
    String key = value.fieldNames().next();
    return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
  }

  private static String describe(JsonNode value) {
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.isTextual() ? "empty" : "'" + value.asText() + "'";
  }

  static final int RESOURCE_QUOTA = 300;

  private ApiGatewayRules() {}

  /** Runs every API Gateway rule (except those disabled) over the document. */
  public static List<Finding> check(LoadedDocument doc, Set<String> disabledRules) {
    return check(doc, disabledRules, io.pipelinekit.apispec.LoadOptions.defaults());
  }

  /**
   * As {@link #check(LoadedDocument, Set)}; files that {@code $ref}s name are read with these
   * limits.
   */
  public static List<Finding> check(
      LoadedDocument doc, Set<String> disabledRules, io.pipelinekit.apispec.LoadOptions options) {
    RuleContext ctx = new RuleContext(doc, disabledRules, options);
    if (VersionCheck.is31(doc)) {
      ctx.report("apigw-oas-version", "/openapi", VersionCheck.NOTE_31);
    }
    if (doc.sizeBytes() > MAX_BODY_BYTES) {
      ctx.report(
          "apigw-document-size",
          "",
          "the document is "
              + doc.sizeBytes()
              + " bytes; PutRestApi accepts at most "
              + MAX_BODY_BYTES
              + " (6 MB): split the API or drop documentation (import with ignore=documentation)");
    }
    Map<String, JsonNode> schemes = securitySchemes(ctx);
    checkAuthorizers(ctx, schemes);
    ApiLevelRules.check(ctx, schemes);
    checkServers(ctx);
    checkPaths(ctx, schemes);
    checkSchemas(ctx);
    return ctx.findings();
  }

  // ---------------------------------------------------------------- paths and operations

  private static void checkPaths(RuleContext ctx, Map<String, JsonNode> schemes) {
    JsonNode paths = ctx.root.path("paths");
    if (!paths.isObject()) {
      return;
    }
    Set<String> resources = new LinkedHashSet<>();
    resources.add("/");
    for (Map.Entry<String, JsonNode> entry : paths.properties()) {
      String path = entry.getKey();
      if (path.startsWith("x-")) {
        continue;
      }
      String pathPointer = RuleContext.child("/paths", path);
      checkPathSegments(ctx, path, pathPointer, resources);
      RuleContext.Resolved resolvedItem =
          ctx.resolve(entry.getValue(), ctx.start(entry.getValue()));
      if (resolvedItem == null || !resolvedItem.node().isObject()) {
        continue;
      }
      JsonNode item = resolvedItem.node();
      boolean anyMethod = item.has(ANY_METHOD);
      List<JsonNode> pathParams = parameterList(ctx, item.get("parameters"), resolvedItem);
      for (Map.Entry<String, JsonNode> op : item.properties()) {
        String method = op.getKey();
        if (!OperationKeys.isOperation(method)) {
          continue;
        }
        if (!op.getValue().isObject()) {
          continue;
        }
        String opPointer = RuleContext.child(pathPointer, method);
        String label = OperationKeys.label(method) + " " + path;
        Operation operation =
            new Operation(
                label,
                opPointer,
                path,
                op.getValue(),
                parameters(ctx, pathParams, op.getValue(), resolvedItem));
        checkOperation(ctx, operation, anyMethod && !method.equals(ANY_METHOD), schemes);
      }
    }
    if (resources.size() > RESOURCE_QUOTA) {
      ctx.report(
          "apigw-resource-quota",
          "/paths",
          "the paths need "
              + resources.size()
              + " API Gateway resources (one per distinct path prefix); the default quota is "
              + RESOURCE_QUOTA
              + " per API: request a quota increase or split the API");
    }
  }

  private static void checkPathSegments(
      RuleContext ctx, String path, String pointer, Set<String> resources) {
    if (path.equals("/")) {
      return;
    }
    if (!path.startsWith("/")) {
      ctx.report("apigw-path-segment", pointer, "path '" + path + "' must start with '/'");
      return;
    }
    String[] segments = path.substring(1).split("/", -1);
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      prefix.append('/').append(s);
      resources.add(prefix.toString());
      if (s.isEmpty()) {
        ctx.report(
            "apigw-path-segment",
            pointer,
            "path '" + path + "' has an empty segment ('//' or a trailing '/'); remove it");
        continue;
      }
      boolean param = s.contains("{") || s.contains("}");
      if (param) {
        if (!PARAM_SEGMENT.matcher(s).matches()) {
          ctx.report(
              "apigw-path-segment",
              pointer,
              "path segment '"
                  + s
                  + "' of '"
                  + path
                  + "': a path parameter must be a whole segment ('/{id}', not '/item{id}') named"
                  + " with letters, digits, '.', '_' or '-'");
        } else if (s.endsWith("+}") && i != segments.length - 1) {
          ctx.report(
              "apigw-greedy-path",
              pointer,
              "greedy path variable '"
                  + s
                  + "' in '"
                  + path
                  + "' must be the last segment; move it to the end of the path");
        }
      } else if (!SEGMENT.matcher(s).matches()) {
        ctx.report(
            "apigw-path-segment",
            pointer,
            "path segment '"
                + s
                + "' of '"
                + path
                + "' has characters API Gateway rejects; use letters, digits, '-', '.', '_', ','"
                + " and ':' only");
      }
    }
  }

  /** One operation, its effective parameters (path-level merged, refs followed). */
  private record Operation(
      String label, String pointer, String path, JsonNode node, List<JsonNode> parameters) {}

  private static List<JsonNode> parameterList(
      RuleContext ctx, JsonNode list, RuleContext.Resolved from) {
    List<JsonNode> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (JsonNode p : list) {
        RuleContext.Resolved resolved = ctx.resolve(p, from);
        if (resolved != null && resolved.node().isObject()) {
          out.add(resolved.node());
        }
      }
    }
    return out;
  }

  private static List<JsonNode> parameters(
      RuleContext ctx, List<JsonNode> pathLevel, JsonNode op, RuleContext.Resolved from) {
    List<JsonNode> merged = new ArrayList<>(parameterList(ctx, op.get("parameters"), from));
    for (JsonNode p : pathLevel) {
      boolean overridden =
          merged.stream()
              .anyMatch(
                  q ->
                      q.path("name").asText().equals(p.path("name").asText())
                          && q.path("in").asText().equals(p.path("in").asText()));
      if (!overridden) {
        merged.add(p);
      }
    }
    return merged;
  }

  private static void checkOperation(
      RuleContext ctx, Operation op, boolean coveredByAny, Map<String, JsonNode> schemes) {
    for (int i = 0; i < op.parameters().size(); i++) {
      JsonNode p = op.parameters().get(i);
      if ("cookie".equals(p.path("in").asText())) {
        ctx.report(
            "apigw-cookie-parameter",
            op.pointer(),
            op.label()
                + ": cookie parameter '"
                + p.path("name").asText()
                + "' is not imported by API Gateway; read the Cookie header instead");
      }
    }
    checkSecurity(ctx, op, schemes);
    JsonNode integration = op.node().get(INTEGRATION);
    if (integration == null) {
      if (!coveredByAny) {
        ctx.report(
            "apigw-integration-missing",
            op.pointer(),
            op.label()
                + " has no "
                + INTEGRATION
                + "; API Gateway imports it as a method that cannot be called: add an integration"
                + " (e.g. type http_proxy with uri and httpMethod)");
      }
      return;
    }
    String ip = RuleContext.child(op.pointer(), INTEGRATION);
    if (!integration.isObject()) {
      ctx.report("apigw-integration-type", ip, op.label() + ": the integration must be a mapping");
      return;
    }
    checkIntegration(ctx, op, integration, ip, schemes);
  }

  static final List<String> INTEGRATION_FIELDS =
      List.of(
          "type",
          "httpMethod",
          "uri",
          "connectionType",
          "connectionId",
          "credentials",
          "requestParameters",
          "requestTemplates",
          "passthroughBehavior",
          "cacheNamespace",
          "cacheKeyParameters",
          "contentHandling",
          "timeoutInMillis",
          "tlsConfig",
          "responses",
          "responseTransferMode",
          "integrationSubtype",
          "payloadFormatVersion");

  private static void checkUnknownFields(RuleContext ctx, Operation op, JsonNode in, String ip) {
    for (Map.Entry<String, JsonNode> e : in.properties()) {
      String key = e.getKey();
      if (INTEGRATION_FIELDS.contains(key) || key.startsWith("x-")) {
        continue;
      }
      String guess = DidYouMean.suggest(key, INTEGRATION_FIELDS, 3).orElse(null);
      ctx.report(
          "apigw-integration-unknown-field",
          RuleContext.child(ip, key),
          op.label()
              + ": integration field '"
              + key
              + "' is not one API Gateway knows"
              + (guess == null ? "" : "; did you mean '" + guess + "'?"));
    }
  }

  private static void checkIntegration(
      RuleContext ctx, Operation op, JsonNode in, String ip, Map<String, JsonNode> schemes) {
    checkUnknownFields(ctx, op, in, ip);
    String type = in.path("type").asText("").toLowerCase(Locale.ROOT);
    if (!in.has("type")) {
      ctx.report(
          "apigw-integration-type",
          ip,
          op.label() + ": integration has no 'type'; use http, http_proxy, aws, aws_proxy or mock");
    } else if (!TYPES.contains(type)) {
      ctx.report(
          "apigw-integration-type",
          ip + "/type",
          op.label()
              + ": integration type '"
              + in.get("type").asText()
              + "' is not one of http, http_proxy, aws, aws_proxy, mock");
    }
    boolean mock = type.equals("mock");
    // httpMethod
    JsonNode httpMethod = in.get("httpMethod");
    if (httpMethod == null) {
      if (!mock && TYPES.contains(type)) {
        ctx.report(
            "apigw-integration-http-method",
            ip,
            op.label()
                + ": a "
                + type
                + " integration needs 'httpMethod' (the verb sent to the backend; POST for"
                + " Lambda)");
      }
    } else {
      String verb = httpMethod.asText("").toUpperCase(Locale.ROOT);
      if (!VERBS.contains(verb)) {
        ctx.report(
            "apigw-integration-http-method",
            ip + "/httpMethod",
            op.label() + ": httpMethod '" + httpMethod.asText() + "' is not an HTTP verb");
      } else if (type.equals("aws_proxy") && !verb.equals("POST")) {
        ctx.report(
            "apigw-integration-http-method",
            ip + "/httpMethod",
            op.label()
                + ": an aws_proxy (Lambda) integration must use httpMethod POST, not "
                + verb);
      }
    }
    // uri
    JsonNode uri = in.get("uri");
    if (uri != null && isCloudFormationIntrinsic(uri)) {
      // An AWS::Include body (SAM/CloudFormation DefinitionBody): CloudFormation resolves the
      // function before API Gateway imports the document, so the value is not known here.
    } else if (uri == null || uri.asText("").isBlank()) {
      if (!mock && TYPES.contains(type)) {
        ctx.report(
            "apigw-integration-uri",
            ip,
            op.label()
                + ": a "
                + type
                + " integration needs 'uri'"
                + (uri == null ? "" : ", a string (this one is " + describe(uri) + ")"));
      }
    } else if (resolvedAwsVariables(uri.asText()).contains("${AWS::")) {
      ctx.report(
          "apigw-integration-uri",
          ip + "/uri",
          op.label()
              + ": uri '"
              + uri.asText()
              + "' uses an AWS variable API Gateway does not resolve; the import variables are"
              + " ${AWS::AccountId}, ${AWS::Partition} and ${AWS::Region}");
    } else if (type.startsWith("http")
        && !HTTP_URI.matcher(resolvedAwsVariables(uri.asText())).matches()) {
      ctx.report(
          "apigw-integration-uri",
          ip + "/uri",
          op.label()
              + ": uri '"
              + uri.asText()
              + "' of a "
              + type
              + " integration must be an absolute http(s) URL, e.g. http://internal-nlb.example:80/items");
    } else if (type.startsWith("aws")
        && !AWS_URI.matcher(resolvedAwsVariables(uri.asText())).matches()) {
      ctx.report(
          "apigw-integration-uri",
          ip + "/uri",
          op.label()
              + ": uri '"
              + uri.asText()
              + "' of an "
              + type
              + " integration must be an API Gateway service ARN,"
              + " arn:aws:apigateway:REGION:SERVICE:path|action/...");
    }
    // connection
    JsonNode connectionType = in.get("connectionType");
    if (connectionType != null) {
      String ct = connectionType.asText("");
      if (!ct.equals("INTERNET") && !ct.equals("VPC_LINK")) {
        ctx.report(
            "apigw-integration-connection",
            ip + "/connectionType",
            op.label() + ": connectionType '" + ct + "' must be INTERNET or VPC_LINK");
      } else if (ct.equals("VPC_LINK")) {
        JsonNode id = in.get("connectionId");
        if (id == null || id.asText("").isBlank()) {
          ctx.report(
              "apigw-integration-connection",
              ip + "/connectionType",
              op.label()
                  + ": connectionType VPC_LINK needs 'connectionId' (the VPC link id, or"
                  + " ${stageVariables.vpcLinkId})");
        } else if (!CONNECTION_ID.matcher(id.asText()).matches()) {
          ctx.report(
              "apigw-integration-connection",
              ip + "/connectionId",
              op.label()
                  + ": connectionId '"
                  + id.asText()
                  + "' must be a VPC link id (letters and digits) or ${stageVariables.NAME}");
        }
      }
    }
    // The extension page spells the values in lower case, the Integration resource in capitals
    // (https://docs.aws.amazon.com/apigateway/latest/api/API_Integration.html: "WHEN_NO_MATCH,
    // WHEN_NO_TEMPLATES, and NEVER"); the import takes either (aws-samples/serverless-patterns
    // apigw-kinesis-lambda-ddb deploys passthroughBehavior: NEVER; groundtruth/SOURCES.md).
    JsonNode passthrough = in.get("passthroughBehavior");
    if (passthrough != null
        && !PASSTHROUGH.contains(passthrough.asText("").toLowerCase(Locale.ROOT))) {
      ctx.report(
          "apigw-integration-passthrough",
          ip + "/passthroughBehavior",
          op.label()
              + ": passthroughBehavior '"
              + passthrough.asText()
              + "' must be when_no_match, when_no_templates or never");
    }
    checkOneOf(
        ctx,
        op,
        in,
        ip,
        "contentHandling",
        CONTENT_HANDLING,
        "apigw-integration-content-handling",
        "CONVERT_TO_TEXT or CONVERT_TO_BINARY");
    // timeout
    JsonNode timeout = in.get("timeoutInMillis");
    if (timeout != null) {
      if (!timeout.canConvertToLong() || !(timeout.isNumber() || timeout.isTextual())) {
        ctx.report(
            "apigw-integration-timeout",
            ip + "/timeoutInMillis",
            op.label() + ": timeoutInMillis must be a whole number of milliseconds");
      } else {
        long ms = timeout.asLong();
        if (ms < 50) {
          ctx.report(
              "apigw-integration-timeout",
              ip + "/timeoutInMillis",
              op.label() + ": timeoutInMillis " + ms + " is below API Gateway's minimum of 50");
        } else if (ms > 29_000) {
          ctx.report(
              "apigw-integration-timeout",
              Severity.WARNING,
              ip + "/timeoutInMillis",
              op.label()
                  + ": timeoutInMillis "
                  + ms
                  + " is above the default maximum of 29000; it works only where the integration"
                  + " timeout quota was raised for the account and Region");
        }
      }
    }
    checkRequestParameters(ctx, op, in, ip, type);
    checkResponses(ctx, op, in, ip);
    checkClaims(ctx, op, in, ip, schemes);
  }

  /**
   * Reports {@code object.field} under {@code ruleId} when it is present and not one of {@code
   * allowed}: {@code OP: field 'value' must be EXPECTED}.
   */
  private static void checkOneOf(
      RuleContext ctx,
      Operation op,
      JsonNode object,
      String pointer,
      String field,
      Set<String> allowed,
      String ruleId,
      String expected) {
    JsonNode value = object.get(field);
    if (value != null && !allowed.contains(value.asText(""))) {
      ctx.report(
          ruleId,
          pointer + "/" + field,
          op.label() + ": " + field + " '" + value.asText() + "' must be " + expected);
    }
  }

  private static void checkRequestParameters(
      RuleContext ctx, Operation op, JsonNode in, String ip, String type) {
    JsonNode rp = in.get("requestParameters");
    Set<String> mappedPath = new HashSet<>();
    if (rp != null && rp.isObject()) {
      String rpPointer = ip + "/requestParameters";
      for (Map.Entry<String, JsonNode> e : rp.properties()) {
        String key = e.getKey();
        String at = RuleContext.child(rpPointer, key);
        Matcher target = TARGET.matcher(key);
        if (!target.matches()) {
          ctx.report(
              "apigw-integration-request-parameters",
              at,
              op.label()
                  + ": requestParameters key '"
                  + key
                  + "' must be integration.request.{path|querystring|header|multivaluequerystring"
                  + "|multivalueheader}.NAME");
        } else if (target.group(1).equals("path")) {
          mappedPath.add(target.group(2));
        }
        String value = e.getValue().asText("");
        Matcher source = SOURCE_METHOD.matcher(value);
        if (source.matches()) {
          String where = source.group(1);
          String name = source.group(2);
          String in2 =
              switch (where) {
                case "path" -> "path";
                case "querystring", "multivaluequerystring" -> "query";
                default -> "header";
              };
          if (!declares(op, in2, name)) {
            ctx.report(
                "apigw-integration-request-parameters",
                at,
                op.label()
                    + ": '"
                    + value
                    + "' names a "
                    + in2
                    + " parameter '"
                    + name
                    + "' the method does not declare; add it to the operation's parameters"
                    + " (in: "
                    + in2
                    + ")");
          }
        } else if (!SOURCE_OTHER.matcher(value).matches()) {
          ctx.report(
              "apigw-integration-request-parameters",
              at,
              op.label()
                  + ": requestParameters value '"
                  + value
                  + "' must be method.request.{path|querystring|header|multivaluequerystring"
                  + "|multivalueheader}.NAME, method.request.body[.JSONPATH], a 'quoted literal',"
                  + " context.NAME or stageVariables.NAME");
        }
      }
    }
    if (type.startsWith("http")) {
      JsonNode uri = in.get("uri");
      if (uri != null && uri.isTextual()) {
        Matcher m = URI_PARAM.matcher(uri.asText());
        while (m.find()) {
          String name = m.group(1);
          if (!mappedPath.contains(name)) {
            ctx.report(
                "apigw-integration-path-unmapped",
                ip + "/uri",
                op.label()
                    + ": uri parameter {"
                    + name
                    + "} is not mapped; add requestParameters 'integration.request.path."
                    + name
                    + "': 'method.request.path."
                    + name
                    + "' (else the import fails with \"Invalid mapping expression specified\")");
          }
        }
      }
    }
  }

  private static boolean declares(Operation op, String in, String name) {
    if (in.equals("path")) {
      // API Gateway names a greedy {proxy+} parameter 'proxy'.
      if (op.path().contains("{" + name + "}") || op.path().contains("{" + name + "+}")) {
        for (JsonNode p : op.parameters()) {
          if (p.path("in").asText().equals("path") && p.path("name").asText().equals(name)) {
            return true;
          }
        }
      }
      return false;
    }
    for (JsonNode p : op.parameters()) {
      if (p.path("in").asText().equals(in) && p.path("name").asText().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static void checkResponses(RuleContext ctx, Operation op, JsonNode in, String ip) {
    JsonNode responses = in.get("responses");
    if (responses == null) {
      return;
    }
    String rp = ip + "/responses";
    if (!responses.isObject()) {
      ctx.report(
          "apigw-integration-responses",
          rp,
          op.label()
              + ": integration responses must be a mapping of selection pattern to response");
      return;
    }
    for (Map.Entry<String, JsonNode> e : responses.properties()) {
      String at = RuleContext.child(rp, e.getKey());
      if (!e.getKey().equals("default")) {
        try {
          Pattern.compile(e.getKey());
        } catch (PatternSyntaxException ex) {
          ctx.report(
              "apigw-integration-responses",
              at,
              op.label()
                  + ": response key '"
                  + e.getKey()
                  + "' is not a valid selection pattern (a regular expression, or 'default')");
        }
      }
      JsonNode status = e.getValue().get("statusCode");
      if (status == null) {
        ctx.report(
            "apigw-integration-responses",
            at,
            op.label() + ": integration response '" + e.getKey() + "' needs a 'statusCode'");
      } else if (!STATUS.matcher(status.asText()).matches()) {
        ctx.report(
            "apigw-integration-responses",
            at + "/statusCode",
            op.label()
                + ": statusCode '"
                + status.asText()
                + "' must be a 3-digit HTTP status code such as \"200\"");
      }
      checkOneOf(
          ctx,
          op,
          e.getValue(),
          at,
          "contentHandling",
          CONTENT_HANDLING,
          "apigw-integration-content-handling",
          "CONVERT_TO_TEXT or CONVERT_TO_BINARY");
    }
  }

  // ---------------------------------------------------------------- security

  private static Map<String, JsonNode> securitySchemes(RuleContext ctx) {
    JsonNode node =
        ctx.swagger2
            ? ctx.root.path("securityDefinitions")
            : ctx.root.path("components").path("securitySchemes");
    Map<String, JsonNode> out = new HashMap<>();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode resolved = ctx.deref(e.getValue());
        out.put(e.getKey(), resolved == null ? e.getValue() : resolved);
      }
    }
    return out;
  }

  private static String schemesPointer(RuleContext ctx) {
    return ctx.swagger2 ? "/securityDefinitions" : "/components/securitySchemes";
  }

  private static void checkAuthorizers(RuleContext ctx, Map<String, JsonNode> schemes) {
    for (Map.Entry<String, JsonNode> e : schemes.entrySet()) {
      JsonNode scheme = e.getValue();
      JsonNode authorizer = scheme.get(AUTHORIZER);
      if (authorizer == null) {
        continue;
      }
      String sp = RuleContext.child(schemesPointer(ctx), e.getKey());
      String ap = sp + "/" + AUTHORIZER;
      String name = "security scheme '" + e.getKey() + "'";
      String type = authorizer.path("type").asText("").toLowerCase(Locale.ROOT);
      checkAuthorizerScheme(ctx, scheme, sp, name, type);
      if (!AUTHORIZER_TYPES.contains(type)) {
        ctx.report(
            "apigw-authorizer",
            authorizer.has("type") ? ap + "/type" : ap,
            name
                + ": authorizer type '"
                + authorizer.path("type").asText("")
                + "' must be cognito_user_pools, token or request");
        continue;
      }
      checkAuthorizerTtl(ctx, authorizer, ap, name);
      if (type.equals("cognito_user_pools")) {
        JsonNode arns = authorizer.get("providerARNs");
        if (arns == null || !arns.isArray() || arns.isEmpty()) {
          ctx.report(
              "apigw-cognito-provider-arn",
              ap,
              name
                  + ": a cognito_user_pools authorizer needs providerARNs, a list of"
                  + " arn:aws:cognito-idp:REGION:ACCOUNT:userpool/POOL_ID");
        } else {
          for (int i = 0; i < arns.size(); i++) {
            if (!COGNITO_ARN.matcher(resolvedAwsVariables(arns.get(i).asText(""))).matches()) {
              ctx.report(
                  "apigw-cognito-provider-arn",
                  ap + "/providerARNs/" + i,
                  name
                      + ": '"
                      + arns.get(i).asText()
                      + "' is not a Cognito user pool ARN"
                      + " (arn:aws:cognito-idp:REGION:ACCOUNT:userpool/REGION_ID)");
            }
          }
        }
      } else {
        JsonNode uri = authorizer.get("authorizerUri");
        if (uri == null || !AWS_URI.matcher(resolvedAwsVariables(uri.asText(""))).matches()) {
          ctx.report(
              "apigw-authorizer",
              uri == null ? ap : ap + "/authorizerUri",
              name
                  + ": a "
                  + type
                  + " (Lambda) authorizer needs authorizerUri"
                  + " arn:aws:apigateway:REGION:lambda:path/2015-03-31/functions/FUNCTION_ARN/invocations");
        }
        checkIdentitySource(ctx, authorizer, ap, name, type);
      }
    }
  }

  /**
   * {@code authorizerResultTtlInSeconds}: "If it equals 0, authorization caching is disabled. [...]
   * The maximum value is 3600, or 1 hour."
   * (https://docs.aws.amazon.com/apigateway/latest/api/API_Authorizer.html); the import rejects a
   * larger, negative or non-integer value when it creates the authorizer.
   */
  private static void checkAuthorizerTtl(
      RuleContext ctx, JsonNode authorizer, String ap, String name) {
    JsonNode ttl = authorizer.get("authorizerResultTtlInSeconds");
    if (ttl == null) {
      return;
    }
    boolean whole =
        (ttl.isIntegralNumber() || (ttl.isTextual() && ttl.asText().matches("-?\\d{1,10}")));
    long seconds = whole ? ttl.asLong() : -1;
    if (!whole || seconds < 0 || seconds > 3600) {
      ctx.report(
          "apigw-authorizer",
          ap + "/authorizerResultTtlInSeconds",
          name
              + ": authorizerResultTtlInSeconds '"
              + ttl.asText()
              + "' must be a whole number of seconds from 0 (no caching) to 3600 (one hour)");
    }
  }

  /**
   * The scheme that carries an authorizer: always {@code type: apiKey}
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authtype.html:
   * "This extension applies to the apiKey type security scheme"). A token or Cognito authorizer
   * reads its token from the header the scheme names, so {@code in: header}; a request authorizer
   * is given request parameters ("Specify request for an authorizer with the caller identity
   * contained in request parameters",
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-authorizer.html),
   * so its scheme may say {@code in: header} or {@code in: query}.
   */
  private static void checkAuthorizerScheme(
      RuleContext ctx, JsonNode scheme, String sp, String name, String type) {
    String schemeType = scheme.path("type").asText("");
    String in = scheme.path("in").asText("");
    if (!schemeType.equals("apiKey")) {
      ctx.report(
          "apigw-authorizer",
          scheme.has("type") ? sp + "/type" : sp,
          name
              + ": a scheme with x-amazon-apigateway-authorizer must be type: apiKey (found type: '"
              + schemeType
              + "'); API Gateway reads authorizers only from apiKey schemes");
    } else if (type.equals("request")) {
      if (!in.equals("header") && !in.equals("query")) {
        ctx.report(
            "apigw-authorizer",
            scheme.has("in") ? sp + "/in" : sp,
            name
                + ": a request authorizer's scheme needs in: header or in: query (found in: '"
                + in
                + "'); the identity sources themselves are listed in identitySource");
      }
    } else if (!in.equals("header")) {
      ctx.report(
          "apigw-authorizer",
          scheme.has("in") ? sp + "/in" : sp,
          name
              + ": a "
              + (type.isEmpty() ? "token" : type)
              + " authorizer reads the token from the header named by 'name', so the scheme needs"
              + " in: header (found in: '"
              + in
              + "'); to authorize on query strings, use a request authorizer");
    }
  }

  static final Pattern IDENTITY_SOURCE =
      Pattern.compile(
          "^(method\\.request\\.(header|querystring|multivalueheader|multivaluequerystring)\\.[^\\s,]+"
              + "|stageVariables\\.[A-Za-z0-9_]+|context\\.[A-Za-z0-9_.]+)$");

  /**
   * identitySource: for a request authorizer a comma-separated list of headers, query strings,
   * stage variables and context variables; for a token authorizer one header (the authorizer page
   * above). Optional for request authorizers when caching is off.
   */
  private static void checkIdentitySource(
      RuleContext ctx, JsonNode authorizer, String ap, String name, String type) {
    JsonNode source = authorizer.get("identitySource");
    if (source == null) {
      return;
    }
    String at = ap + "/identitySource";
    if (!source.isTextual() || source.asText().isBlank()) {
      ctx.report(
          "apigw-authorizer",
          at,
          name + ": identitySource must be a string of comma-separated mapping expressions");
      return;
    }
    for (String part : source.asText().split(",", -1)) {
      String expr = part.strip();
      boolean ok =
          type.equals("token")
              ? expr.startsWith("method.request.header.") && IDENTITY_SOURCE.matcher(expr).matches()
              : IDENTITY_SOURCE.matcher(expr).matches();
      if (!ok) {
        ctx.report(
            "apigw-authorizer",
            at,
            name
                + ": identitySource '"
                + expr
                + "' is not "
                + (type.equals("token")
                    ? "method.request.header.NAME (a token authorizer reads one header)"
                    : "method.request.header.NAME, method.request.querystring.NAME,"
                        + " stageVariables.NAME or context.NAME"));
      }
    }
  }

  private static void checkSecurity(RuleContext ctx, Operation op, Map<String, JsonNode> schemes) {
    JsonNode own = op.node().get("security");
    JsonNode effective = own != null ? own : ctx.root.get("security");
    String sp = own != null ? op.pointer() + "/security" : "/security";
    if (effective != null && effective.isArray()) {
      for (int i = 0; i < effective.size(); i++) {
        JsonNode requirement = effective.get(i);
        for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
          String name = names.next();
          if (!schemes.containsKey(name)) {
            ctx.report(
                "apigw-security-undefined",
                sp + "/" + i,
                op.label()
                    + ": security names '"
                    + name
                    + "', which is not defined in "
                    + (ctx.swagger2 ? "securityDefinitions" : "components.securitySchemes"));
          }
        }
      }
    }
    boolean explicitPublic =
        (own != null && own.isArray() && own.isEmpty())
            || op.node().path(PUBLIC_MARK).asBoolean(false);
    boolean iam = op.node().has("x-amazon-apigateway-auth");
    boolean secured = effective != null && effective.isArray() && hasNonEmpty(effective);
    if (!secured && !explicitPublic && !iam && !"options".equals(methodOf(op))) {
      ctx.report(
          "apigw-security-none",
          op.pointer(),
          op.label()
              + " has no authorization; add security (e.g. a Cognito authorizer), or mark it public"
              + " with 'security: []' or '"
              + PUBLIC_MARK
              + ": true'");
    }
  }

  private static String methodOf(Operation op) {
    return op.label().substring(0, op.label().indexOf(' ')).toLowerCase(Locale.ROOT);
  }

  private static boolean hasNonEmpty(JsonNode requirements) {
    for (JsonNode r : requirements) {
      if (r.isObject() && r.size() > 0) {
        return true;
      }
    }
    return false;
  }

  private static void checkClaims(
      RuleContext ctx, Operation op, JsonNode in, String ip, Map<String, JsonNode> schemes) {
    JsonNode templates = in.path("requestTemplates");
    JsonNode parameters = in.path("requestParameters");
    if (!templates.isObject() && !parameters.isObject()) {
      return;
    }
    JsonNode own = op.node().get("security");
    JsonNode effective = own != null ? own : ctx.root.get("security");
    if (effective != null && effective.isArray()) {
      for (JsonNode requirement : effective) {
        for (Iterator<String> names = requirement.fieldNames(); names.hasNext(); ) {
          JsonNode scheme = schemes.get(names.next());
          if (scheme != null
              && "cognito_user_pools"
                  .equalsIgnoreCase(scheme.path(AUTHORIZER).path("type").asText())) {
            return;
          }
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : templates.properties()) {
      if (e.getValue().asText("").contains("$context.authorizer.claims")) {
        ctx.report(
            "apigw-claims-without-authorizer",
            RuleContext.child(ip + "/requestTemplates", e.getKey()),
            op.label()
                + ": the '"
                + e.getKey()
                + "' template reads $context.authorizer.claims, but the method has no Cognito"
                + " authorizer, so the claims are always empty; add the authorizer to its security");
      }
    }
    for (Map.Entry<String, JsonNode> e : parameters.properties()) {
      if (e.getValue().asText("").startsWith("context.authorizer.claims")) {
        ctx.report(
            "apigw-claims-without-authorizer",
            RuleContext.child(ip + "/requestParameters", e.getKey()),
            op.label()
                + ": '"
                + e.getKey()
                + "' maps "
                + e.getValue().asText()
                + ", but the method has no Cognito authorizer, so the value is always empty; add"
                + " the authorizer to its security");
      }
    }
  }

  // ---------------------------------------------------------------- servers and schemas

  private static void checkServers(RuleContext ctx) {
    JsonNode servers = ctx.root.get("servers");
    if (servers == null || !servers.isArray()) {
      return;
    }
    for (int i = 0; i < servers.size(); i++) {
      JsonNode vars = servers.get(i).get("variables");
      if (vars == null || !vars.isObject()) {
        continue;
      }
      for (Iterator<String> it = vars.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (!name.equals("basePath")) {
          ctx.report(
              "apigw-server-variables",
              "/servers/" + i + "/variables/" + LoadedDocument.escape(name),
              "server variable '"
                  + name
                  + "' is ignored by API Gateway's import, which reads only 'basePath'; write the"
                  + " value into the url");
        }
      }
    }
  }

  /**
   * Keywords API Gateway's models (JSON Schema draft 4) do not support or the import drops: "Amazon
   * API Gateway important notes for REST APIs"
   * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html)
   * and "Data models for REST APIs" (models-mappings-models.html: "models are defined using the
   * JSON schema draft 4"). nullable is OpenAPI's, not draft 4's: the model loses it, and request
   * validation then rejects null.
   */
  private static final Set<String> UNSUPPORTED_SCHEMA =
      Set.of(
          "discriminator",
          "oneOf",
          "anyOf",
          "not",
          "xml",
          "nullable",
          "readOnly",
          "writeOnly",
          "const",
          "if",
          "then",
          "else");

  private static void checkSchemas(RuleContext ctx) {
    // Walk the whole tree except example data; a keyword counts where its value has the shape the
    // keyword needs (so a property that happens to be named 'not' does not).
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {ctx.root, NodePath.ROOT});
    while (!stack.isEmpty()) {
      Object[] item = stack.pop();
      JsonNode node = (JsonNode) item[0];
      NodePath path = (NodePath) item[1];
      if (node.isObject()) {
        boolean propertiesMap = "properties".equals(path.lastKey());
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          String key = e.getKey();
          JsonNode value = e.getValue();
          Boolean unsupported = propertiesMap ? null : SCHEMA_KEYWORDS.get(key);
          if (unsupported == Boolean.FALSE) {
            continue; // SKIPPED
          }
          if (unsupported == Boolean.TRUE && shaped(key, value)) {
            ctx.report(
                "apigw-unsupported-schema",
                path.key(key).pointer(),
                "schema keyword '"
                    + key
                    + "' "
                    + switch (key) {
                      case "discriminator" ->
                          "is not supported by API Gateway models; drop it or"
                              + " describe the variants with plain properties";
                      case "xml" -> "is not supported by API Gateway models; drop it";
                      case "nullable" ->
                          "is OpenAPI's, not JSON Schema draft 4's: API Gateway's model drops"
                              + " it, so request validation rejects null values";
                      case "readOnly", "writeOnly" ->
                          "is dropped by API Gateway's model import: request validation does not"
                              + " enforce it";
                      case "const", "if", "then", "else" ->
                          "is not JSON Schema draft 4, which API Gateway models use: request"
                              + " validation ignores it";
                      default ->
                          "is mangled by API Gateway's model import (JSON Schema draft 4"
                              + " subset); request validation may reject valid bodies: prefer a plain"
                              + " schema";
                    });
          }
          if (value.isContainerNode() && !key.startsWith("x-")) {
            stack.push(new Object[] {value, path.key(key)});
          }
        }
      } else if (node.isArray()) {
        for (int i = node.size() - 1; i >= 0; i--) {
          if (node.get(i).isContainerNode()) {
            stack.push(new Object[] {node.get(i), path.index(i)});
          }
        }
      }
    }
  }

  private static final Set<String> SKIPPED = Set.of("example", "examples", "default", "enum");

  /**
   * {@link #SKIPPED} (false) and {@link #UNSUPPORTED_SCHEMA} (true) in one map, sparse enough that
   * most members' look-up ends at an empty bucket: one look-up per member of every object of the
   * document instead of two probing ones.
   */
  private static final Map<String, Boolean> SCHEMA_KEYWORDS = schemaKeywords();

  private static Map<String, Boolean> schemaKeywords() {
    Map<String, Boolean> keywords = new HashMap<>(64);
    SKIPPED.forEach(k -> keywords.put(k, Boolean.FALSE));
    UNSUPPORTED_SCHEMA.forEach(k -> keywords.put(k, Boolean.TRUE));
    return keywords;
  }

  private static boolean shaped(String key, JsonNode value) {
    return switch (key) {
      case "oneOf", "anyOf" -> value.isArray();
      case "nullable", "readOnly", "writeOnly" -> value.isBoolean() && value.asBoolean();
      case "const" -> true;
      default -> value.isObject();
    };
  }
}
