package io.pipelinekit.service.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Raw connections to an app on 127.0.0.1 that send their requests a byte a second. */
final class SlowClients implements AutoCloseable {

  /** A request line and headers that never end. */
  static final String SLOW_HEADERS = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ";

  /** Complete headers of a POST /test whose 1000-byte body never ends. */
  static final String SLOW_BODY =
      "POST /test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"sub\":\"";

  private final int port;
  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();

  SlowClients(int port) {
    this.port = port;
  }

  /** Opens a connection that sends {@code start} at once, then one more byte every second. */
  Socket open(String start) throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    sockets.add(s);
    OutputStream out = s.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    drip.scheduleAtFixedRate(
        () -> {
          try {
            out.write('a');
            out.flush();
          } catch (IOException closedByTheApp) {
            // the app cut it off: what its timeouts are for
          }
        },
        1,
        1,
        TimeUnit.SECONDS);
    return s;
  }

  List<Socket> open(int count, String start) throws IOException {
    List<Socket> opened = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      opened.add(open(start));
    }
    return opened;
  }

  /** The status line of GET /healthz on a fresh connection, and how long it took. */
  record Answer(String statusLine, Duration took) {}

  Answer healthz(Duration patience) throws IOException {
    long t0 = System.nanoTime();
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) patience.toMillis());
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String status;
      try {
        status = firstLine(s.getInputStream());
      } catch (SocketTimeoutException e) {
        status = "(no answer within " + patience.toMillis() + " ms)";
      }
      return new Answer(status, Duration.ofNanos(System.nanoTime() - t0));
    }
  }

  private static String firstLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  /**
   * How long after {@code since} (a {@link System#nanoTime()}) the app closed {@code s}, reading
   * and discarding what it sends; empty when it was still open {@code patience} after that.
   */
  static Optional<Duration> closedAfter(Socket s, long since, Duration patience)
      throws IOException {
    long deadline = since + patience.toNanos();
    byte[] buffer = new byte[1024];
    InputStream in = s.getInputStream();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      s.setSoTimeout((int) Math.max(1, left / 1_000_000));
      try {
        if (in.read(buffer) == -1) {
          break;
        }
      } catch (SocketTimeoutException stillOpen) {
        return Optional.empty();
      } catch (IOException reset) {
        // closed with bytes of ours still unread: the peer resets
        break;
      }
    }
    return Optional.of(Duration.ofNanos(System.nanoTime() - since));
  }

  /** Gives the app a moment to hand every connection opened so far to a thread. */
  static void settle() throws InterruptedException {
    Thread.sleep(300);
  }

  @Override
  public void close() throws IOException {
    drip.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
