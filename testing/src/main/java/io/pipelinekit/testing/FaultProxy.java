package io.pipelinekit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy between the SDK and moto that records every request and injects faults: an
 * HTTP status with an AWS error body (429, 5xx, 409 ...), a connection reset, or a delay before
 * forwarding. Point the SDK's endpoint override at {@link #endpoint()}.
 *
 * <p>One request per connection: every response carries {@code Connection: close}.
 */
public final class FaultProxy implements AutoCloseable {

  /** One request that reached the proxy, and what the proxy did with it. */
  public record Exchange(
      String method, String path, String target, String fault, int status, String body) {
    /**
     * The call: the JSON target's operation (e.g. {@code CreatePipeline}) or {@code METHOD path}.
     */
    public String call() {
      if (target != null && !target.isEmpty()) {
        return target.substring(target.lastIndexOf('.') + 1);
      }
      String action = queryAction(body);
      if (action != null) {
        return action;
      }
      return method + " " + path;
    }

    /**
     * Whether the request writes (anything but GET/HEAD, and JSON targets not
     * Get/List/Describe/BatchGet).
     */
    public boolean isWrite() {
      if ((target != null && !target.isEmpty()) || queryAction(body) != null) {
        String op = call();
        return !(op.startsWith("Get")
            || op.startsWith("List")
            || op.startsWith("Describe")
            || op.startsWith("BatchGet"));
      }
      return !(method.equals("GET") || method.equals("HEAD"));
    }
  }

  /** What to do with one matching request. */
  public static final class Fault {
    private final String kind;
    private final int status;
    private final String errorCode;
    private final Duration delay;
    private String body;
    private java.util.concurrent.CountDownLatch release;

    private Fault(String kind, int status, String errorCode, Duration delay) {
      this.kind = kind;
      this.status = status;
      this.errorCode = errorCode;
      this.delay = delay;
    }

    /** Answer with this status and an AWS error body naming {@code errorCode}. */
    public static Fault status(int status, String errorCode) {
      return new Fault("status", status, errorCode, Duration.ZERO);
    }

    /**
     * Answer with this status and JSON body without forwarding: for an operation moto lacks (a mock
     * only where no real part can play).
     */
    public static Fault respond(int status, String jsonBody) {
      Fault f = new Fault("respond", status, null, Duration.ZERO);
      f.body = jsonBody;
      return f;
    }

    /** Close the client's connection with a TCP reset, without answering. */
    public static Fault reset() {
      return new Fault("reset", 0, null, Duration.ZERO);
    }

    /**
     * Forward to upstream, let it answer, then close the client's connection with a TCP reset
     * instead of passing the answer on: the request was carried out but the client never learns so
     * (a lost response).
     */
    public static Fault resetAfterForwarding() {
      return new Fault("reset-after", 0, null, Duration.ZERO);
    }

    /**
     * Hold the request until {@code release} is counted down (at most a minute), then forward as
     * usual: to interleave two clients deterministically.
     */
    public static Fault holdUntil(java.util.concurrent.CountDownLatch release) {
      Fault f = new Fault("hold", 0, null, Duration.ZERO);
      f.release = java.util.Objects.requireNonNull(release, "release");
      return f;
    }

    /** Wait, then forward as usual. */
    public static Fault delay(Duration delay) {
      return new Fault("delay", 0, null, delay);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case "status" -> status + " " + errorCode;
        case "reset" -> "reset";
        case "respond" -> "respond " + status;
        case "reset-after" -> "reset after forwarding";
        case "hold" -> "held";
        default -> "delay " + delay.toMillis() + "ms";
      };
    }
  }

  private record Rule(Predicate<Request> when, Deque<Fault> faults) {}

  /**
   * A request as the proxy sees it, for matching rules; {@code body} is the request body as text
   * (query-protocol services such as CloudFormation name the operation there: {@code
   * Action=CreateChangeSet&...}).
   */
  public record Request(String method, String path, String target, String body) {}

  private final URI upstream;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(daemon());
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private final List<Rule> rules = new ArrayList<>();
  private final List<Predicate<Request>> unserved = new CopyOnWriteArrayList<>();
  private final List<Rewrite> rewrites = new CopyOnWriteArrayList<>();
  private final List<Rewrite> requestRewrites = new CopyOnWriteArrayList<>();

  private record Rewrite(Predicate<Request> when, UnaryOperator<String> body) {}

  private FaultProxy(URI upstream) throws IOException {
    this.upstream = upstream;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  /** Starts a proxy on a free loopback port in front of {@code upstream} (e.g. moto's endpoint). */
  public static FaultProxy start(URI upstream) {
    try {
      return new FaultProxy(upstream);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fault proxy: " + e.getMessage(), e);
    }
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * The next requests matching {@code when} get these faults, one each, in order; later matching
   * requests pass through.
   */
  public synchronized FaultProxy inject(Predicate<Request> when, Fault... faults) {
    rules.add(new Rule(when, new ArrayDeque<>(List.of(faults))));
    return this;
  }

  /**
   * Every request matching {@code when}, until {@link #close()} (also after {@link #clear()}), is
   * answered 400 {@code UnknownOperationException}, as an AWS endpoint answers an operation it does
   * not serve: for an API moto lacks, which it answers with a 500 page the SDK would retry. Nothing
   * is made up about the API's results.
   */
  public FaultProxy unserved(Predicate<Request> when) {
    unserved.add(when);
    return this;
  }

  /** The next {@code times} matching requests get {@code fault}. */
  public FaultProxy inject(Predicate<Request> when, int times, Fault fault) {
    Fault[] faults = new Fault[times];
    java.util.Arrays.fill(faults, fault);
    return inject(when, faults);
  }

  /** Matches requests with this HTTP method whose path starts with {@code prefix}. */
  public static Predicate<Request> path(String method, String prefix) {
    return r -> r.method().equals(method) && r.path().startsWith(prefix);
  }

  /**
   * Matches query-protocol requests (CloudFormation, IAM, STS: a form body) whose {@code Action} is
   * {@code action}.
   */
  public static Predicate<Request> action(String action) {
    return r -> action.equals(queryAction(r.body()));
  }

  /** The {@code Action} of a query-protocol form body, or null. */
  static String queryAction(String body) {
    if (body == null) {
      return null;
    }
    for (String pair : body.split("&")) {
      if (pair.startsWith("Action=")) {
        return java.net.URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  /** Matches JSON-protocol requests whose X-Amz-Target ends with {@code .operation}. */
  public static Predicate<Request> operation(String operation) {
    return r -> r.target() != null && r.target().endsWith("." + operation);
  }

  /**
   * Rewrites the bodies of upstream responses to matching requests (every time, until {@link
   * #close()}); for moto answers the SDK cannot read.
   */
  public FaultProxy rewriteResponses(Predicate<Request> when, UnaryOperator<String> body) {
    rewrites.add(new Rewrite(when, body));
    return this;
  }

  /**
   * Rewrites the bodies of matching requests before they reach upstream (the recorded exchange
   * keeps the body as the client sent it); for valid requests moto rejects.
   */
  public FaultProxy rewriteRequests(Predicate<Request> when, UnaryOperator<String> body) {
    requestRewrites.add(new Rewrite(when, body));
    return this;
  }

  /**
   * moto's CodeBuild wants {@code source.location} and {@code artifacts.location} even for {@code
   * CODEPIPELINE} projects, where AWS needs none; this adds a placeholder location to both.
   */
  public static UnaryOperator<String> motoCodePipelineProjectLocations() {
    return body ->
        body.replace(
            "\"type\":\"CODEPIPELINE\"", "\"type\":\"CODEPIPELINE\",\"location\":\"pipeline\"");
  }

  /**
   * Takes back out, on BatchGetProjects' answers, the source location {@link
   * #motoCodePipelineProjectLocations()} put in: CodeBuild reports none for a CODEPIPELINE source,
   * so the plan compares what AWS would report.
   */
  public static UnaryOperator<String> motoCodePipelineProjectLocationsHidden() {
    Pattern location =
        Pattern.compile(
            ",\\s*\"location\"\\s*:\\s*\"pipeline\"|\"location\"\\s*:\\s*\"pipeline\"\\s*,");
    return body -> location.matcher(body).replaceAll("");
  }

  /** {@link #motoTimestamps()}, then {@link #motoCodePipelineProjectLocationsHidden()}. */
  public static UnaryOperator<String> motoReads() {
    UnaryOperator<String> timestamps = motoTimestamps();
    UnaryOperator<String> locations = motoCodePipelineProjectLocationsHidden();
    return body -> locations.apply(timestamps.apply(body));
  }

  /**
   * moto answers CodeBuild's BatchGetProjects with ISO-8601 strings for {@code created} and {@code
   * lastModifiedDate}, where CodeBuild sends epoch seconds and the SDK expects them; this turns
   * them back into epoch seconds.
   */
  public static UnaryOperator<String> motoTimestamps() {
    Pattern iso =
        Pattern.compile("\"(created|updated|lastModifiedDate)\"\\s*:\\s*\"(\\d{4}-[^\"]+)\"");
    return body -> {
      Matcher m = iso.matcher(body);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        long epoch = java.time.OffsetDateTime.parse(m.group(2)).toEpochSecond();
        m.appendReplacement(out, "\"" + m.group(1) + "\": " + epoch);
      }
      m.appendTail(out);
      return out.toString();
    };
  }

  /** Every request so far, in arrival order. */
  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** Forgets the recorded exchanges and any faults not yet used. */
  public synchronized void clear() {
    exchanges.clear();
    rules.clear();
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    pool.shutdownNow();
  }

  private synchronized Fault nextFault(Request request) {
    for (Predicate<Request> operation : unserved) {
      if (operation.test(request)) {
        return Fault.status(400, "UnknownOperationException");
      }
    }
    for (Rule rule : rules) {
      if (!rule.faults().isEmpty() && rule.when().test(request)) {
        return rule.faults().poll();
      }
    }
    return null;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        pool.execute(() -> handle(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = readHead(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String method = requestLine[0];
      String path = requestLine[1];
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
      }
      String expect = header(headers, "Expect");
      if (expect != null && expect.equalsIgnoreCase("100-continue")) {
        client
            .getOutputStream()
            .write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        client.getOutputStream().flush();
      }
      byte[] body = readBody(in, headers);
      String target = header(headers, "X-Amz-Target");
      String text = new String(body, StandardCharsets.UTF_8);
      Request request = new Request(method, path, target, text);
      Fault fault = nextFault(request);
      if (fault != null && fault.kind.equals("reset")) {
        exchanges.add(new Exchange(method, path, target, fault.toString(), 0, text));
        client.setSoLinger(true, 0);
        return;
      }
      if (fault != null && fault.kind.equals("status")) {
        exchanges.add(new Exchange(method, path, target, fault.toString(), fault.status, text));
        writeError(client.getOutputStream(), fault, target != null, queryAction(text) != null);
        return;
      }
      if (fault != null && fault.kind.equals("respond")) {
        exchanges.add(new Exchange(method, path, target, fault.toString(), fault.status, text));
        writeResponse(client.getOutputStream(), fault.status, fault.body);
        return;
      }
      if (fault != null && fault.kind.equals("delay")) {
        Thread.sleep(fault.delay.toMillis());
      }
      if (fault != null && fault.kind.equals("hold")) {
        fault.release.await(1, java.util.concurrent.TimeUnit.MINUTES);
      }
      UnaryOperator<String> rewrite = null;
      for (Rewrite r : rewrites) {
        if (r.when().test(request)) {
          rewrite = r.body();
        }
      }
      byte[] upstreamBody = body;
      for (Rewrite r : requestRewrites) {
        if (r.when().test(request)) {
          upstreamBody =
              r.body()
                  .apply(new String(upstreamBody, StandardCharsets.UTF_8))
                  .getBytes(StandardCharsets.UTF_8);
        }
      }
      Upstream answer = forward(method, path, headers, upstreamBody, rewrite);
      // Record before answering: a client that got its answer must find the exchange recorded.
      exchanges.add(
          new Exchange(
              method,
              path,
              target,
              fault == null ? null : fault.toString(),
              answer.status(),
              text));
      if (fault != null && fault.kind.equals("reset-after")) {
        client.setSoLinger(true, 0);
        return;
      }
      client.getOutputStream().write(answer.raw());
      client.getOutputStream().flush();
    } catch (IOException | InterruptedException e) {
      // the client went away (e.g. it timed out first); nothing to do
    }
  }

  private record Upstream(int status, byte[] raw) {}

  private Upstream forward(
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      UnaryOperator<String> rewrite)
      throws IOException {
    try (Socket up = new Socket(upstream.getHost(), upstream.getPort())) {
      StringBuilder req = new StringBuilder();
      req.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
      for (Map.Entry<String, String> h : headers.entrySet()) {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        if (name.equals("connection")
            || name.equals("transfer-encoding")
            || name.equals("content-length")
            || name.equals("expect")) {
          continue;
        }
        req.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
      req.append("Content-Length: ").append(body.length).append("\r\n");
      req.append("Connection: close\r\n\r\n");
      OutputStream upOut = up.getOutputStream();
      upOut.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
      upOut.write(body);
      upOut.flush();
      InputStream upIn = up.getInputStream();
      String head = readHead(upIn);
      if (head == null) {
        throw new SocketException("upstream closed without answering");
      }
      Map<String, String> respHeaders = new LinkedHashMap<>();
      String[] lines = head.split("\r\n");
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          respHeaders.put(
              lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
      }
      byte[] respBody = readBody(upIn, respHeaders);
      if (header(respHeaders, "Content-Length") == null
          && header(respHeaders, "Transfer-Encoding") == null) {
        respBody = upIn.readAllBytes();
      }
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      if (rewrite != null) {
        respBody =
            rewrite
                .apply(new String(respBody, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
      }
      StringBuilder resp = new StringBuilder();
      resp.append("HTTP/1.1 ").append(lines[0].substring(lines[0].indexOf(' ') + 1)).append("\r\n");
      for (Map.Entry<String, String> h : respHeaders.entrySet()) {
        String name = h.getKey().toLowerCase(Locale.ROOT);
        if (name.equals("connection")
            || name.equals("transfer-encoding")
            || name.equals("content-length")) {
          continue;
        }
        resp.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
      }
      resp.append("Content-Length: ").append(respBody.length).append("\r\n");
      resp.append("Connection: close\r\n\r\n");
      ByteArrayOutputStream raw = new ByteArrayOutputStream();
      raw.write(resp.toString().getBytes(StandardCharsets.ISO_8859_1));
      raw.write(respBody);
      return new Upstream(status, raw.toByteArray());
    }
  }

  private static void writeError(
      OutputStream out, Fault fault, boolean jsonProtocol, boolean queryProtocol)
      throws IOException {
    String body =
        jsonProtocol
            ? "{\"__type\":\"" + fault.errorCode + "\",\"message\":\"injected by FaultProxy\"}"
            : queryProtocol
                ? "<ErrorResponse><Error><Type>Receiver</Type><Code>"
                    + fault.errorCode
                    + "</Code><Message>injected by FaultProxy</Message></Error>"
                    + "<RequestId>fault-proxy</RequestId></ErrorResponse>"
                : "{\"message\":\"injected by FaultProxy\"}";
    String reason = fault.status == 429 ? "Too Many Requests" : "Injected";
    String head =
        "HTTP/1.1 "
            + fault.status
            + " "
            + reason
            + "\r\n"
            + (queryProtocol ? "Content-Type: text/xml\r\n" : "Content-Type: application/json\r\n")
            + "x-amzn-ErrorType: "
            + fault.errorCode
            + "\r\n"
            + "x-amzn-RequestId: fault-proxy\r\n"
            + "Content-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(body.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void writeResponse(OutputStream out, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " Canned\r\n"
            + "Content-Type: application/x-amz-json-1.1\r\n"
            + "x-amzn-RequestId: fault-proxy\r\n"
            + "Content-Length: "
            + bytes.length
            + "\r\n"
            + "Connection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
  }

  private static String header(Map<String, String> headers, String name) {
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Reads up to and including the blank line; null at end of stream before any byte. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
      }
      buf.write(b);
      state =
          switch (state) {
            case 0, 2 -> b == '\r' ? state + 1 : 0;
            case 1, 3 -> b == '\n' ? state + 1 : (b == '\r' ? 1 : 0);
            default -> 0;
          };
    }
    String s = buf.toString(StandardCharsets.ISO_8859_1);
    return s.substring(0, s.length() - 4);
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    String length = header(headers, "Content-Length");
    if (length != null) {
      return in.readNBytes(Integer.parseInt(length.trim()));
    }
    String te = header(headers, "Transfer-Encoding");
    if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
          while (!readLine(in).isEmpty()) {
            // trailers
          }
          return out.toByteArray();
        }
        out.write(in.readNBytes(size));
        readLine(in);
      }
    }
    return new byte[0];
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        buf.write(b);
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "fault-proxy");
      t.setDaemon(true);
      return t;
    };
  }
}
