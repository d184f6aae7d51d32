package io.pipelinekit.service.app.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests of a training run ({@code java -XX:ArchiveClassesAtExit=… -jar service-app.jar
 * --train}): one of each kind the app answers, so the class-data archive the image build writes
 * holds every class a real request loads. Plain sockets, so no client classes get archived.
 */
public final class Training {
  private Training() {}

  /** One request of the run and the status it must get. */
  public record Exchange(String request, int expectedStatus) {}

  public static List<Exchange> exchanges() {
    String claims = "{\"sub\":\"s\",\"username\":\"u\",\"email\":\"e@example.com\",\"x\":1}";
    return List.of(
        new Exchange(get("/"), 200),
        new Exchange(get("/healthz"), 200),
        new Exchange(post("application/json", claims), 200),
        new Exchange(post("application/json", "{\"sub\":"), 400),
        new Exchange(post("application/json", "{\"sub\":1}"), 400),
        new Exchange(post("text/plain", "x"), 400),
        new Exchange(get("/nope"), 404));
  }

  /**
   * Sends every training request to the app on {@code port}.
   *
   * @return one line per request that did not get its expected status (empty when all did)
   */
  public static List<String> run(int port) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Exchange e : exchanges()) {
      int status = send(port, e.request());
      if (status != e.expectedStatus()) {
        String first = e.request().substring(0, e.request().indexOf('\r'));
        problems.add(first + " answered " + status + ", expected " + e.expectedStatus());
      }
    }
    return problems;
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  }

  private static String post(String contentType, String body) {
    return "POST /test HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: "
        + contentType
        + "\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private static int send(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      // "HTTP/1.1 200 OK"
      return response.length() >= 12 ? Integer.parseInt(response.substring(9, 12)) : -1;
    }
  }
}
