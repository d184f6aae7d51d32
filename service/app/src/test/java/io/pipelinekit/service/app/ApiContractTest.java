package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.apispec.OpenApiMerger;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Holds the app and its API document (service/api/openapi.yaml merged with the API Gateway overlay
 * gateway.yaml by the project's {@link OpenApiMerger}, as {@code pipeline build} publishes it) to
 * each other: every operation in the document is served, every route is documented, the claims
 * schema is the {@link UserClaims} record, and what the app answers (to the document's own examples
 * and to bad input) matches the documented schemas.
 */
class ApiContractTest {

  private static final Path OPENAPI = RepoFiles.path("service/api/openapi.yaml");
  private static final Path GATEWAY = RepoFiles.path("service/api/gateway.yaml");
  private static final String DOC_ID = "https://pipelinekit.invalid/service/openapi.json";
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode doc;
  private static SchemaRegistry schemas;
  private static ServiceApp app;
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void load() throws IOException {
    MergeResult merged = OpenApiMerger.merge(OPENAPI, GATEWAY).orThrow();
    doc = JSON.readTree(merged.json());
    String docJson = JSON.writeValueAsString(doc);
    schemas =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi30(), b -> b.schemas(Map.of(DOC_ID, docJson)));
    app =
        ServiceApp.start(
            AppConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .shutdownGrace(Duration.ofSeconds(1))
                .build());
  }

  @AfterAll
  static void stop() {
    app.shutdown(Duration.ofSeconds(1));
  }

  private static List<Route> documentedOperations() {
    List<Route> ops = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> path = paths.next();
      for (String method : METHODS) {
        if (path.getValue().has(method)) {
          ops.add(new Route(method.toUpperCase(java.util.Locale.ROOT), path.getKey()));
        }
      }
    }
    return ops;
  }

  @Test
  void everyDocumentedOperation_isServedAndEveryRouteIsDocumented() {
    assertThat(documentedOperations())
        .as("operations in %s vs ServiceApp.routes()", OPENAPI)
        .containsExactlyInAnyOrderElementsOf(ServiceApp.routes());
  }

  @Test
  void everyOperation_hasAnApiGatewayIntegrationToTheNlbThroughTheVpcLink() {
    for (Route route : ServiceApp.routes()) {
      JsonNode integration =
          doc.at(
              "/paths/"
                  + escape(route.path())
                  + "/"
                  + route.method().toLowerCase(java.util.Locale.ROOT)
                  + "/x-amazon-apigateway-integration");
      assertThat(integration.path("type").asText()).as(route.toString()).isEqualTo("http");
      assertThat(integration.path("connectionType").asText()).isEqualTo("VPC_LINK");
      assertThat(integration.path("connectionId").asText())
          .isEqualTo("${stageVariables.vpcLinkId}");
      assertThat(integration.path("httpMethod").asText()).isEqualTo(route.method());
      assertThat(integration.path("uri").asText())
          .isEqualTo("https://${stageVariables.nlbDomain}" + route.path());
      integration
          .path("responses")
          .forEach(
              r ->
                  assertThat(
                          doc.at(operationPointer(route) + "/responses")
                              .has(r.path("statusCode").asText()))
                      .as("%s maps to a status the operation documents", route)
                      .isTrue());
    }
  }

  @Test
  void onlyPostTest_needsTheCognitoAuthorizer() {
    assertThat(doc.at("/paths/~1test/post/security/0").has("cognitoUserPool")).isTrue();
    assertThat(doc.at("/paths/~1/get/security").isArray()).isTrue();
    assertThat(doc.at("/paths/~1/get/security").size()).isZero();
    assertThat(doc.at("/paths/~1healthz/get/security").size()).isZero();
    JsonNode scheme = doc.at("/components/securitySchemes/cognitoUserPool");
    assertThat(scheme.path("x-amazon-apigateway-authtype").asText())
        .isEqualTo("cognito_user_pools");
    assertThat(scheme.path("name").asText()).isEqualTo("Authorization");
    assertThat(scheme.at("/x-amazon-apigateway-authorizer/type").asText())
        .isEqualTo("cognito_user_pools");
  }

  @Test
  void mergedDocument_lintsCleanForApiGateway(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws IOException {
    Path merged = tmp.resolve("openapi.yaml");
    java.nio.file.Files.writeString(merged, OpenApiMerger.merge(OPENAPI, GATEWAY).orThrow().yaml());
    assertThat(OpenApiLinter.lint(merged).findings()).isEmpty();
  }

  private static String operationPointer(Route route) {
    return "/paths/"
        + escape(route.path())
        + "/"
        + route.method().toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void claimsSchema_isTheUserClaimsRecord() {
    JsonNode claims = doc.at("/components/schemas/Claims");
    List<String> properties = new ArrayList<>();
    claims.path("properties").fieldNames().forEachRemaining(properties::add);
    assertThat(properties)
        .as("%s #/components/schemas/Claims/properties vs UserClaims", OPENAPI)
        .containsExactlyElementsOf(UserClaims.fieldNames());
    Set<String> required = new LinkedHashSet<>();
    claims.path("required").forEach(n -> required.add(n.asText()));
    assertThat(required).isEqualTo(UserClaims.REQUIRED);
    claims
        .path("properties")
        .forEach(
            p -> {
              assertThat(p.path("type").asText()).isEqualTo("string");
              assertThat(p.path("maxLength").asInt()).isEqualTo(UserClaims.MAX_LENGTH);
            });
  }

  @Test
  void documentExamples_matchTheirSchemas() {
    List<String> checked = new ArrayList<>();
    walkMediaTypes(
        (pointer, media) -> {
          String schema = pointer + "/schema";
          if (media.has("example")) {
            assertValid(schema, media.get("example"), pointer + "/example");
            checked.add(pointer + "/example");
          }
          media
              .path("examples")
              .fields()
              .forEachRemaining(
                  e -> {
                    assertValid(
                        schema, e.getValue().path("value"), pointer + "/examples/" + e.getKey());
                    checked.add(e.getKey());
                  });
        });
    assertThat(checked).hasSizeGreaterThanOrEqualTo(6);
  }

  @Test
  void getOperations_answerWhatTheDocumentSays() throws Exception {
    for (Route route : ServiceApp.routes()) {
      if (route.method().equals("GET")) {
        HttpResponse<String> response = send(route.method(), route.path(), null, null);
        assertConforms(route, response);
      }
    }
  }

  @Test
  void postTest_answersEveryRequestExampleWithADocumentedResponse() throws Exception {
    JsonNode examples = doc.at("/paths/~1test/post/requestBody/content/application~1json/examples");
    assertThat(examples.size()).isPositive();
    for (JsonNode example : examples) {
      String body = JSON.writeValueAsString(example.path("value"));
      HttpResponse<String> response = send("POST", "/test", "application/json", body);
      assertThat(response.statusCode()).isEqualTo(200);
      assertConforms(new Route("POST", "/test"), response);
      assertThat(JSON.readTree(response.body())).isEqualTo(example.path("value"));
    }
  }

  @Test
  void postTest_badInput_answersWithDocumentedErrors() throws Exception {
    Route test = new Route("POST", "/test");
    List<HttpResponse<String>> responses =
        List.of(
            send("POST", "/test", "application/json", "{\"sub\":"),
            send("POST", "/test", "application/json", "[]"),
            send("POST", "/test", "application/json", "{\"sub\":1,\"username\":\"u\"}"),
            send("POST", "/test", "text/plain", "hello"),
            send(
                "POST",
                "/test",
                "application/json",
                "{\"pad\":\"" + "x".repeat(AppConfig.DEFAULT_MAX_BODY_BYTES) + "\"}"));
    assertThat(responses)
        .extracting(HttpResponse::statusCode)
        .containsExactly(400, 400, 400, 400, 413);
    for (HttpResponse<String> response : responses) {
      assertConforms(test, response);
    }
  }

  private void assertConforms(Route route, HttpResponse<String> response) throws IOException {
    String operation =
        "/paths/" + escape(route.path()) + "/" + route.method().toLowerCase(java.util.Locale.ROOT);
    String status = String.valueOf(response.statusCode());
    JsonNode responses = doc.at(operation + "/responses");
    assertThat(responses.has(status))
        .as(
            "%s %s answered %s, which %s does not document",
            route.method(), route.path(), status, OPENAPI)
        .isTrue();
    String responsePointer = operation + "/responses/" + status;
    JsonNode documented = doc.at(responsePointer);
    if (documented.has("$ref")) {
      responsePointer = documented.get("$ref").asText().substring(1);
      documented = doc.at(responsePointer);
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    String mediaType = contentType.split(";")[0].trim();
    assertThat(documented.path("content").has(mediaType))
        .as(
            "%s %s answered %s as %s, not documented",
            route.method(), route.path(), status, contentType)
        .isTrue();
    JsonNode instance =
        mediaType.equals("application/json")
            ? JSON.readTree(response.body())
            : TextNode.valueOf(response.body());
    assertValid(
        responsePointer + "/content/" + escape(mediaType) + "/schema",
        instance,
        route.method() + " " + route.path() + " -> " + status);
  }

  private static void assertValid(String schemaPointer, JsonNode instance, String what) {
    Schema schema = schemas.getSchema(SchemaLocation.of(DOC_ID + "#" + schemaPointer));
    List<Error> errors = schema.validate(instance);
    assertThat(errors).as("%s against %s#%s: %s", what, OPENAPI, schemaPointer, instance).isEmpty();
  }

  private interface MediaVisitor {
    void visit(String pointer, JsonNode media);
  }

  private static void walkMediaTypes(MediaVisitor visitor) {
    doc.path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              for (String method : METHODS) {
                JsonNode op = path.getValue().path(method);
                String opPointer = "/paths/" + escape(path.getKey()) + "/" + method;
                op.path("requestBody")
                    .path("content")
                    .fields()
                    .forEachRemaining(
                        m ->
                            visitor.visit(
                                opPointer + "/requestBody/content/" + escape(m.getKey()),
                                m.getValue()));
                op.path("responses")
                    .fields()
                    .forEachRemaining(
                        r ->
                            r.getValue()
                                .path("content")
                                .fields()
                                .forEachRemaining(
                                    m ->
                                        visitor.visit(
                                            opPointer
                                                + "/responses/"
                                                + r.getKey()
                                                + "/content/"
                                                + escape(m.getKey()),
                                            m.getValue())));
              }
            });
    doc.path("components")
        .path("responses")
        .fields()
        .forEachRemaining(
            r ->
                r.getValue()
                    .path("content")
                    .fields()
                    .forEachRemaining(
                        m ->
                            visitor.visit(
                                "/components/responses/"
                                    + r.getKey()
                                    + "/content/"
                                    + escape(m.getKey()),
                                m.getValue())));
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static HttpResponse<String> send(
      String method, String path, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
