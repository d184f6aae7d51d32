package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow clients straight against the app (no nginx in front): connections that send their request
 * line, headers or body a byte a second must neither starve {@code /healthz} nor keep a thread for
 * longer than the configured timeouts.
 */
class SlowClientsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> log = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private ServiceApp app;
  private SlowClients clients;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    if (app != null) {
      app.shutdown(Duration.ofSeconds(1));
    }
  }

  private SlowClients start(AppConfig.Builder config) throws Exception {
    app = ServiceApp.start(config.bindAddress("127.0.0.1").port(0).accessLog(log::add).build());
    clients = new SlowClients(app.port());
    toClose.add(clients);
    // the first request of a fresh app loads the JSON machinery: not what is measured here
    assertThat(clients.healthz(Duration.ofSeconds(10)).statusLine()).isEqualTo("HTTP/1.1 200 OK");
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (log.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5); // its access line follows the response
    }
    log.clear();
    return clients;
  }

  private List<JsonNode> logged(String type) throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : log) {
      JsonNode node = JSON.readTree(line);
      if (node.path("type").asText().equals(type)) {
        lines.add(node);
      }
    }
    return lines;
  }

  @Test
  void sixteenConnectionsSendingHeadersSlowly_doNotDelayHealthz() throws Exception {
    start(AppConfig.builder()).open(16, SlowClients.SLOW_HEADERS);
    SlowClients.settle();
    SlowClients.Answer answer = clients.healthz(Duration.ofSeconds(5));
    System.out.println("healthz with 16 slow-header connections: " + answer);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(answer.took()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void sixteenConnectionsSendingABodySlowly_doNotDelayHealthz() throws Exception {
    start(AppConfig.builder()).open(16, SlowClients.SLOW_BODY);
    SlowClients.settle();
    SlowClients.Answer answer = clients.healthz(Duration.ofSeconds(5));
    System.out.println("healthz with 16 slow-body connections: " + answer);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    assertThat(answer.took()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void headersSlowerThanTheHeaderTimeout_haveTheirConnectionClosed() throws Exception {
    start(AppConfig.builder().headerTimeout(Duration.ofMillis(800)));
    long t0 = System.nanoTime();
    Socket slow = clients.open(SlowClients.SLOW_HEADERS);
    Optional<Duration> closed = SlowClients.closedAfter(slow, t0, Duration.ofSeconds(4));
    assertThat(closed).as("closed by the app").isPresent();
    assertThat(closed.get()).isBetween(Duration.ofMillis(700), Duration.ofMillis(2500));
    assertThat(logged("slow_client"))
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.path("phase").asText()).isEqualTo("headers");
              assertThat(line.path("reason").asText()).isEqualTo("header_timeout");
            });
  }

  @Test
  void aBodySlowerThanTheBodyTimeout_hasItsConnectionClosedAndIsLoggedAs408() throws Exception {
    start(AppConfig.builder().bodyTimeout(Duration.ofMillis(800)));
    long t0 = System.nanoTime();
    Socket slow = clients.open(SlowClients.SLOW_BODY);
    Optional<Duration> closed = SlowClients.closedAfter(slow, t0, Duration.ofSeconds(4));
    assertThat(closed).as("closed by the app").isPresent();
    assertThat(closed.get()).isBetween(Duration.ofMillis(700), Duration.ofMillis(2500));
    Thread.sleep(100); // the access line is written after the connection is closed
    assertThat(logged("access"))
        .singleElement()
        .satisfies(line -> assertThat(line.path("status").asInt()).isEqualTo(408));
    assertThat(logged("slow_client"))
        .singleElement()
        .satisfies(line -> assertThat(line.path("reason").asText()).isEqualTo("body_timeout"));
  }

  @Test
  void moreSlowRequestsThanAllowed_theOldestAreCutSoHealthzIsAnswered() throws Exception {
    // 2 + 2 threads, all taken by slow clients; the timeouts are far away.
    start(
        AppConfig.builder()
            .workerThreads(2)
            .maxSlowRequests(2)
            .headerTimeout(Duration.ofSeconds(30))
            .bodyTimeout(Duration.ofSeconds(30)));
    List<Socket> slow = new ArrayList<>(clients.open(2, SlowClients.SLOW_HEADERS));
    Thread.sleep(200); // so the first two are the older ones
    slow.addAll(clients.open(2, SlowClients.SLOW_BODY));
    SlowClients.settle();

    SlowClients.Answer answer = clients.healthz(Duration.ofSeconds(5));
    System.out.println("healthz with 4 slow connections, 2 allowed: " + answer);
    assertThat(answer.statusLine()).isEqualTo("HTTP/1.1 200 OK");
    // once they are slow (1 s), the two oldest are cut
    assertThat(answer.took()).isLessThan(Duration.ofMillis(2500));

    Duration moment = Duration.ofMillis(300);
    assertThat(SlowClients.closedAfter(slow.get(0), System.nanoTime(), moment)).isPresent();
    assertThat(SlowClients.closedAfter(slow.get(1), System.nanoTime(), moment)).isPresent();
    assertThat(SlowClients.closedAfter(slow.get(2), System.nanoTime(), moment))
        .as("the newer slow requests are kept")
        .isEmpty();
    assertThat(SlowClients.closedAfter(slow.get(3), System.nanoTime(), moment)).isEmpty();
    assertThat(logged("slow_client"))
        .hasSize(2)
        .allSatisfy(
            line -> {
              assertThat(line.path("reason").asText()).isEqualTo("too_many_slow_requests");
              assertThat(line.path("phase").asText()).isEqualTo("headers");
            });
  }

  @Test
  void config_fromEnvironment_readsTheTimeoutsAndTheSlowRequestBound() {
    AppConfig config =
        AppConfig.fromEnvironment(
            Map.of(
                "HEADER_TIMEOUT_SECONDS", "3",
                "BODY_TIMEOUT_SECONDS", "4",
                "IDLE_TIMEOUT_SECONDS", "25",
                "MAX_SLOW_REQUESTS", "5"));
    assertThat(config.headerTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.bodyTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(25));
    assertThat(config.maxSlowRequests()).isEqualTo(5);

    AppConfig defaults = AppConfig.fromEnvironment(Map.of());
    assertThat(defaults.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.bodyTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.maxSlowRequests()).isEqualTo(32);
  }

  @Test
  void config_fromEnvironment_badTimeout_namesTheVariable() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("HEADER_TIMEOUT_SECONDS", "10s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("environment variable HEADER_TIMEOUT_SECONDS='10s' is not a whole number");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("IDLE_TIMEOUT_SECONDS", "0")))
        .hasMessage("environment variable IDLE_TIMEOUT_SECONDS='0' must be at least 1 (seconds)");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("MAX_SLOW_REQUESTS", "-1")))
        .hasMessageContaining("maxSlowRequests must not be negative");
    assertThatThrownBy(() -> AppConfig.builder().idleTimeout(Duration.ofMillis(1500)).build())
        .hasMessageContaining("idleTimeout must be a whole number of seconds");
  }

  @Test
  void idleTimeout_isOneSettingForTheJvm_aSecondAppAskingForAnotherIsRefused() throws Exception {
    start(AppConfig.builder());
    assertThatThrownBy(
            () ->
                ServiceApp.start(
                    AppConfig.builder()
                        .bindAddress("127.0.0.1")
                        .port(0)
                        .idleTimeout(Duration.ofSeconds(7))
                        .build()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("idleTimeout is one setting for the whole JVM")
        .hasMessageContaining("asked for 7 s");
  }

  /**
   * nginx hands the app whole requests (it buffers bodies), so the app's header and body timeouts
   * never cut a proxied request; and nginx drops its idle connections to the app before the app
   * does, so it never sends a request on a connection the app is closing.
   */
  @Test
  void nginxTemplate_buffersRequestsAndDropsIdleUpstreamConnectionsBeforeTheApp() throws Exception {
    String template =
        Files.readString(RepoFiles.path("service/release/nginx/templates/default.conf.template"));
    assertThat(template).containsPattern("(?m)^\\s*proxy_request_buffering on;");
    Matcher upstream =
        Pattern.compile("(?s)upstream app \\{.*?keepalive_timeout (\\d+)s;").matcher(template);
    assertThat(upstream.find()).as("upstream keepalive_timeout").isTrue();
    assertThat(Duration.ofSeconds(Long.parseLong(upstream.group(1))))
        .isLessThan(AppConfig.DEFAULT_IDLE_TIMEOUT);
  }
}
