package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar configured through its environment as the container runs it: the idle timeout (one
 * setting for the JVM, so it needs a process of its own) and the header timeout.
 */
class SlowClientsIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void timeoutsFromTheEnvironment_closeIdleSilentAndSlowConnections() throws Exception {
    try (AppProcess app =
            AppProcess.start(
                dir, Map.of("IDLE_TIMEOUT_SECONDS", "1", "HEADER_TIMEOUT_SECONDS", "1"));
        SlowClients clients = new SlowClients(app.port);
        Socket keptAlive = new Socket("127.0.0.1", app.port);
        Socket silent = new Socket("127.0.0.1", app.port)) {
      keptAlive
          .getOutputStream()
          .write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(readResponse(keptAlive.getInputStream())).startsWith("HTTP/1.1 200");
      long idleSince = System.nanoTime();
      Optional<Duration> idleClosed =
          SlowClients.closedAfter(keptAlive, idleSince, Duration.ofSeconds(4));
      Optional<Duration> silentClosed =
          SlowClients.closedAfter(silent, idleSince, Duration.ofSeconds(4));
      long slowSince = System.nanoTime();
      Socket slow = clients.open(SlowClients.SLOW_HEADERS);
      Optional<Duration> slowClosed =
          SlowClients.closedAfter(slow, slowSince, Duration.ofSeconds(4));
      System.out.println(
          "closed by the app: slow headers after "
              + slowClosed
              + ", idle kept-alive after "
              + idleClosed
              + ", silent after "
              + silentClosed);

      // The JDK server looks for idle connections once a second (the app sets its clock tick);
      // with its defaults it would keep them 30 to 40 s.
      assertThat(idleClosed).as("idle kept-alive connection closed").isPresent();
      assertThat(idleClosed.get()).isLessThan(Duration.ofMillis(3500));
      assertThat(silentClosed).as("connection that never sent a byte closed").isPresent();
      assertThat(slowClosed).as("slow headers cut").isPresent();
      assertThat(slowClosed.get()).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
      assertThat(clients.healthz(Duration.ofSeconds(2)).statusLine()).isEqualTo("HTTP/1.1 200 OK");
      assertThat(app.logLines())
          .anySatisfy(
              line -> {
                JsonNode node = JSON.readTree(line);
                assertThat(node.path("type").asText()).isEqualTo("slow_client");
                assertThat(node.path("reason").asText()).isEqualTo("header_timeout");
              });
    }
  }

  /** Reads one response with a Content-Length body, leaving the connection open. */
  private static String readResponse(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c == -1) {
        break;
      }
      head.append((char) c);
    }
    int length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
    return head.toString();
  }
}
