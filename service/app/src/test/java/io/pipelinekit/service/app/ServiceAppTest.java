package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServiceAppTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL_CLAIMS =
      "{\"sub\":\"7d8ca528-4931-4254-9273-ea5ee853f271\",\"username\":\"jdoe\","
          + "\"birthdate\":\"1990-04-01\",\"gender\":\"female\",\"name\":\"Jane O'Doe\","
          + "\"locale\":\"en-US\",\"email\":\"jane@example.com\","
          + "\"picture\":\"https://example.com/jane.png\"}";

  private final List<String> accessLog = new CopyOnWriteArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private ServiceApp app;

  @BeforeEach
  void start() throws IOException {
    app =
        ServiceApp.start(
            AppConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .maxBodyBytes(1024)
                .shutdownGrace(Duration.ofSeconds(5))
                .accessLog(accessLog::add)
                .build());
  }

  @AfterEach
  void stop() {
    app.shutdown(Duration.ofSeconds(1));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + app.port() + path);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri("/test")).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postJson(String body) throws Exception {
    return post("application/json", body);
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    return JSON.readTree(response.body());
  }

  private static void assertError(
      HttpResponse<String> response, int status, String code, String fragment) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = json(response);
    assertThat(body.path("error").asText()).isEqualTo(code);
    assertThat(body.path("message").asText()).contains(fragment);
    assertThat(body.path("requestId").asText())
        .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
  }

  @Test
  void getRoot_returnsHelloWorldAsPlainText() throws Exception {
    HttpResponse<String> response = get("/");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello World!");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");
  }

  @Test
  void getRoot_ignoresQueryString() throws Exception {
    assertThat(get("/?a=b").body()).isEqualTo("Hello World!");
  }

  @Test
  void getHealthz_returnsOkJson() throws Exception {
    HttpResponse<String> response = get("/healthz");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void postTest_withEveryClaim_echoesThemAsJson() throws Exception {
    HttpResponse<String> response = postJson(ALL_CLAIMS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(JSON.readTree(ALL_CLAIMS));
  }

  @Test
  void postTest_ignoresUnknownFieldsAndOmitsAbsentClaims() throws Exception {
    HttpResponse<String> response =
        postJson(
            "{\"sub\":\"s-1\",\"username\":\"u\",\"iss\":\"https://cognito\",\"extra\":{\"a\":[1,2]}}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"sub\":\"s-1\",\"username\":\"u\"}");
  }

  @Test
  void postTest_acceptsEmptyStringsAsApiGatewaySendsForAbsentClaims() throws Exception {
    HttpResponse<String> response =
        postJson("{\"sub\":\"s\",\"username\":\"u\",\"picture\":\"\",\"gender\":\"\"}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("picture").asText()).isEmpty();
  }

  @Test
  void postTest_withCharsetUtf8_isAccepted() throws Exception {
    assertThat(post("application/json; charset=UTF-8", ALL_CLAIMS).statusCode()).isEqualTo(200);
  }

  @Test
  void postTest_malformedJson_returns400NamingLineAndColumn() throws Exception {
    HttpResponse<String> response = postJson("{\"sub\": \"a\",\n \"username\": }");
    assertError(response, 400, "malformed_json", "at line 2, column 14: Unexpected character");
    assertThat(response.body()).doesNotContain("Source").doesNotContain("Exception");
  }

  @Test
  void postTest_truncatedJson_returns400() throws Exception {
    assertError(postJson("{\"sub\":\"a\""), 400, "malformed_json", "malformed JSON at line 1");
  }

  @Test
  void postTest_emptyBody_returns400() throws Exception {
    assertError(postJson(""), 400, "malformed_json", "the request body is empty");
  }

  @Test
  void postTest_jsonArray_returns400() throws Exception {
    assertError(
        postJson("[1,2]"), 400, "invalid_claims", "must be a JSON object of claims, was array");
  }

  @Test
  void postTest_duplicateKey_returns400() throws Exception {
    assertError(
        postJson("{\"sub\":\"a\",\"sub\":\"b\",\"username\":\"u\"}"),
        400,
        "malformed_json",
        "Duplicate field 'sub'");
  }

  @Test
  void postTest_trailingContent_returns400() throws Exception {
    assertError(postJson("{\"sub\":\"a\",\"username\":\"u\"} {}"), 400, "malformed_json", "line 1");
  }

  @Test
  void postTest_deeplyNestedUnknownField_returns400() throws Exception {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertError(
        postJson("{\"sub\":\"a\",\"username\":\"u\",\"x\":" + deep + "}"),
        400,
        "malformed_json",
        "nesting depth");
  }

  @Test
  void postTest_invalidUtf8_returns400() throws Exception {
    byte[] body = {'{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/test"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(response, 400, "malformed_json", "UTF-8");
  }

  @Test
  void postTest_claimNotAString_returns400NamingThePointer() throws Exception {
    assertError(
        postJson("{\"sub\":\"a\",\"username\":\"u\",\"email\":42,\"name\":null}"),
        400,
        "invalid_claims",
        "/name must be a string, was null; /email must be a string, was number");
  }

  @Test
  void postTest_missingRequiredClaims_returns400ListingEach() throws Exception {
    assertError(
        postJson("{\"email\":\"a@b.c\"}"),
        400,
        "invalid_claims",
        "/sub is required; /username is required");
  }

  @Test
  void postTest_claimTooLong_returns400() throws Exception {
    app.shutdown(Duration.ofSeconds(1));
    app =
        ServiceApp.start(
            AppConfig.builder().bindAddress("127.0.0.1").port(0).accessLog(accessLog::add).build());
    String longName = "x".repeat(UserClaims.MAX_LENGTH + 1);
    assertError(
        postJson("{\"sub\":\"a\",\"username\":\"u\",\"name\":\"" + longName + "\"}"),
        400,
        "invalid_claims",
        "/name must be at most 2048 characters, was 2049");
  }

  @Test
  void postTest_wrongContentType_returns400() throws Exception {
    assertError(
        post("text/plain", ALL_CLAIMS),
        400,
        "unsupported_media_type",
        "Content-Type must be application/json, was 'text/plain'");
  }

  @Test
  void postTest_noContentType_returns400() throws Exception {
    assertError(post(null, ALL_CLAIMS), 400, "unsupported_media_type", "the request had none");
  }

  @Test
  void postTest_nonUtf8Charset_returns400() throws Exception {
    assertError(
        post("application/json; charset=ISO-8859-1", ALL_CLAIMS),
        400,
        "unsupported_media_type",
        "charset=ISO-8859-1");
  }

  @Test
  void postTest_bodyOverLimitWithContentLength_returns413() throws Exception {
    String big = "{\"sub\":\"a\",\"username\":\"u\",\"pad\":\"" + "x".repeat(2000) + "\"}";
    HttpResponse<String> response = postJson(big);
    assertError(response, 413, "payload_too_large", "larger than 1024 bytes");
  }

  @Test
  void postTest_chunkedBodyOverLimit_returns413() throws Exception {
    byte[] big = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/test"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(response, 413, "payload_too_large", "larger than 1024 bytes");
  }

  @Test
  void unknownPath_returns404Json() throws Exception {
    assertError(get("/nope"), 404, "not_found", "no resource at /nope");
  }

  @Test
  void wrongMethod_returns405WithAllowHeader() throws Exception {
    HttpResponse<String> response = get("/test");
    assertError(response, 405, "method_not_allowed", "GET is not allowed on /test");
    assertThat(response.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void requestId_fromHeader_isEchoedAndLogged() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/")).header("X-Request-Id", "abc-123").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("X-Request-Id")).hasValue("abc-123");
    assertThat(JSON.readTree(lastLogLine()).path("requestId").asText()).isEqualTo("abc-123");
  }

  @Test
  void requestId_unsafeHeader_isReplacedByAGeneratedOne() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/"))
                .header("X-Request-Id", "a\"b{}" + "z".repeat(300))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("X-Request-Id").orElseThrow())
        .matches("[0-9a-f-]{36}");
  }

  @Test
  void accessLog_writesOneJsonLinePerRequest() throws Exception {
    client.send(
        HttpRequest.newBuilder(uri("/test"))
            .header("Content-Type", "application/json")
            .header("X-Request-Id", "req-1")
            .header("X-Forwarded-For", "203.0.113.7")
            .POST(HttpRequest.BodyPublishers.ofString("{"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    get("/");
    assertThat(awaitLog(2)).hasSize(2);
    JsonNode first = JSON.readTree(accessLog.get(0));
    assertThat(first.path("type").asText()).isEqualTo("access");
    assertThat(first.path("method").asText()).isEqualTo("POST");
    assertThat(first.path("path").asText()).isEqualTo("/test");
    assertThat(first.path("status").asInt()).isEqualTo(400);
    assertThat(first.path("durationMs").isNumber()).isTrue();
    assertThat(first.path("requestId").asText()).isEqualTo("req-1");
    assertThat(first.path("forwardedFor").asText()).isEqualTo("203.0.113.7");
    assertThat(first.path("time").asText()).endsWith("Z");
    assertThat(accessLog.get(0)).doesNotContain("\n");
  }

  /** The line is written once the response is out, so a client can be a moment ahead of it. */
  private List<String> awaitLog(int lines) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (accessLog.size() < lines && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return accessLog;
  }

  private String lastLogLine() throws InterruptedException {
    awaitLog(1);
    return accessLog.get(accessLog.size() - 1);
  }

  @Test
  void shutdown_letsAnInFlightRequestFinishAndRefusesNewConnections() throws Exception {
    String body = "{\"sub\":\"s\",\"username\":\"slow\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", app.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                  + bytes.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes, 0, 10);
      out.flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (app.inFlight() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(app.inFlight()).isEqualTo(1);

      int port = app.port();
      Thread stopper = new Thread(() -> app.shutdown(Duration.ofSeconds(5)));
      stopper.start();
      Thread.sleep(300);
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .isInstanceOf(ConnectException.class);

      out.write(bytes, 10, bytes.length - 10);
      out.flush();
      String response = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith(body);
      stopper.join(5_000);
      assertThat(stopper.isAlive()).isFalse();
    }
  }

  @Test
  void shutdown_whenIdle_returnsPromptly() {
    long t0 = System.nanoTime();
    assertThat(app.shutdown(Duration.ofSeconds(10))).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  @Test
  void healthCheck_isHealthyWhenTheAppAnswersAndNotWhenNothingListens() throws Exception {
    assertThat(HealthCheck.check("http://127.0.0.1:" + app.port() + "/healthz")).isTrue();
    assertThat(HealthCheck.check("http://127.0.0.1:" + app.port() + "/nope")).isFalse();
    int closed;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    assertThat(HealthCheck.check("http://127.0.0.1:" + closed + "/healthz")).isFalse();
  }

  @Test
  void training_getsTheExpectedAnswerToEveryRequest() throws Exception {
    assertThat(io.pipelinekit.service.app.internal.Training.run(app.port())).isEmpty();
    int expected = io.pipelinekit.service.app.internal.Training.exchanges().size();
    assertThat(awaitLog(expected)).hasSize(expected);
    assertThat(ServiceApp.train()).isZero();
  }

  @Test
  void training_reportsAWrongAnswer() throws Exception {
    app.shutdown(Duration.ofSeconds(1));
    app =
        ServiceApp.start(
            AppConfig.builder().bindAddress("127.0.0.1").port(0).maxBodyBytes(10).build());
    assertThat(io.pipelinekit.service.app.internal.Training.run(app.port()))
        .contains("POST /test HTTP/1.1 answered 413, expected 200");
  }

  @Test
  void routes_listEveryOperation() {
    assertThat(ServiceApp.routes())
        .containsExactly(
            new Route("GET", "/"), new Route("GET", "/healthz"), new Route("POST", "/test"));
  }

  @Test
  void config_fromEnvironment_readsPortAndLimits() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of("PORT", "8081", "MAX_BODY_BYTES", "100", "BIND_ADDRESS", "127.0.0.1"));
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.maxBodyBytes()).isEqualTo(100);
    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(AppConfig.fromEnvironment(Map.of()).port()).isEqualTo(9000);
  }

  @Test
  void config_fromEnvironment_badNumber_namesTheVariable() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable PORT='http' is not a whole number");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "70000")))
        .hasMessageContaining("port must be 0..65535");
  }
}
