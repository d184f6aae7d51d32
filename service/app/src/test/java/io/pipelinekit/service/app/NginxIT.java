package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app jar behind Debian's nginx running the shipped sidecar configuration, on loopback. */
class NginxIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @TempDir static Path dir;
  private static AppProcess app;
  private static NginxProcess nginx;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Files.isExecutable(NginxProcess.NGINX))
        .as("Debian's nginx missing at %s: run bin/test, which installs it", NginxProcess.NGINX)
        .isTrue();
    app = AppProcess.start(dir, Map.of());
    nginx = NginxProcess.start(dir, app.port);
  }

  @AfterAll
  static void stop() throws Exception {
    if (nginx != null) {
      nginx.close();
    }
    if (app != null) {
      app.close();
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(
        request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nginx.port + path));
  }

  private static JsonNode appLogFor(String requestId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : app.logLines()) {
        if (line.contains("\"type\":\"access\"") && line.contains(requestId)) {
          return JSON.readTree(line);
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "no app access-log line with request id " + requestId + " in " + app.stdout);
  }

  @Test
  void getRoot_throughNginx_returnsHelloWorldWithoutServerVersion() throws Exception {
    HttpResponse<String> response = send(request("/"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("Hello World!");
    assertThat(response.headers().firstValue("Server")).hasValue("nginx");
  }

  @Test
  void getRoot_throughIpv6Loopback_isServed() throws Exception {
    assumeThat(NginxProcess.hasIpv6Loopback()).as("an IPv6 loopback (::1)").isTrue();
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(URI.create("http://[::1]:" + nginx.port + "/")));
    assertThat(response.body()).isEqualTo("Hello World!");
  }

  @Test
  void healthz_throughNginx_isPassedToTheApp() throws Exception {
    HttpResponse<String> response = send(request("/healthz"));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void postTest_throughNginx_passesRequestIdAndForwardedForToTheApp() throws Exception {
    HttpResponse<String> response =
        send(
            request("/test")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "it-req-42")
                .header("X-Forwarded-For", "203.0.113.9")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"sub\":\"s-1\",\"username\":\"jdoe\"}")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"sub\":\"s-1\",\"username\":\"jdoe\"}");
    assertThat(response.headers().allValues("X-Request-Id")).containsExactly("it-req-42");
    JsonNode logged = appLogFor("it-req-42");
    assertThat(logged.path("path").asText()).isEqualTo("/test");
    assertThat(logged.path("forwardedFor").asText()).isEqualTo("203.0.113.9, 127.0.0.1");
    assertThat(logged.path("remote").asText()).isEqualTo("127.0.0.1");
  }

  @Test
  void requestWithoutId_getsOneFromNginxThatTheAppLogs() throws Exception {
    HttpResponse<String> response = send(request("/"));
    String id = response.headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(id).matches("[0-9a-f]{32}");
    assertThat(appLogFor(id).path("status").asInt()).isEqualTo(200);
  }

  @Test
  void forgedRequestId_isReplaced() throws Exception {
    HttpResponse<String> response = send(request("/").header("X-Request-Id", "bad id\"}"));
    assertThat(response.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f]{32}");
  }

  @Test
  void malformedPost_throughNginx_returns400JsonErrorNever500() throws Exception {
    HttpResponse<String> response =
        send(
            request("/test")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sub\": ")));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("malformed_json");
  }

  @Test
  void bodyOverTheAppLimit_returns413FromTheApp() throws Exception {
    HttpResponse<String> response =
        send(
            request("/test")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"pad\":\"" + "x".repeat(20_000) + "\"}")));
    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(response.body()).path("message").asText()).contains("16384 bytes");
  }

  @Test
  void bodyOverTheNginxLimit_returns413JsonFromNginx() throws Exception {
    HttpResponse<String> response =
        send(
            request("/test")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "big-1")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"pad\":\"" + "x".repeat(100_000) + "\"}")));
    assertThat(response.statusCode()).isEqualTo(413);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("error").asText()).isEqualTo("payload_too_large");
    assertThat(body.path("requestId").asText()).isEqualTo("big-1");
  }

  @Test
  void nginxAccessLog_isOneJsonLinePerRequest() throws Exception {
    send(request("/").header("X-Request-Id", "ngx-log-1"));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String line = null;
    while (line == null && System.nanoTime() < deadline) {
      line =
          nginx.accessLog().lines().filter(l -> l.contains("ngx-log-1")).findFirst().orElse(null);
      Thread.sleep(20);
    }
    assertThat(line).isNotNull();
    JsonNode entry = JSON.readTree(line);
    assertThat(entry.path("status").asInt()).isEqualTo(200);
    assertThat(entry.path("method").asText()).isEqualTo("GET");
  }

  /** With an app of its own (it stops it): a stopped app must give a quick 502, not a hang. */
  @Test
  void stoppedApp_gives502Quickly() throws Exception {
    try (AppProcess second = AppProcess.start(dir, Map.of());
        NginxProcess proxy = NginxProcess.start(dir, second.port)) {
      assertThat(second.stop()).isEqualTo(143);
      long t0 = System.nanoTime();
      HttpResponse<String> response =
          CLIENT.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port + "/test"))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"a\",\"username\":\"b\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("bad_gateway");
      assertThat(took).isLessThan(Duration.ofSeconds(3));
    }
  }
}
