package io.pipelinekit.service.app.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pipelinekit.service.app.Route;
import io.pipelinekit.service.app.UserClaims;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The app's one HTTP handler: routes by exact path and method, turns every refusal into a JSON
 * error, sets {@code X-Request-Id} on every response and writes one access-log line per request.
 */
public final class AppHandler implements HttpHandler {

  private static final byte[] HELLO = "Hello World!".getBytes(StandardCharsets.UTF_8);
  private static final String JSON = "application/json";

  /** Every operation the app serves, in the order the API document lists them. */
  public static final List<Route> ROUTES =
      List.of(new Route("GET", "/"), new Route("GET", "/healthz"), new Route("POST", "/test"));

  private interface Endpoint {
    Reply handle(HttpExchange exchange) throws IOException;
  }

  private record Reply(int status, String contentType, byte[] body) {}

  private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();
  private final int maxBodyBytes;
  private final Consumer<String> accessLog;
  private final PrintStream errors;
  private final AtomicInteger inFlight;
  private final BooleanSupplier draining;

  public AppHandler(
      int maxBodyBytes,
      Consumer<String> accessLog,
      PrintStream errors,
      AtomicInteger inFlight,
      BooleanSupplier draining) {
    this.maxBodyBytes = maxBodyBytes;
    this.accessLog = accessLog;
    this.errors = errors;
    this.inFlight = inFlight;
    this.draining = draining;
    route("GET", "/", ex -> new Reply(200, "text/plain; charset=utf-8", HELLO));
    route("GET", "/healthz", ex -> json(200, health()));
    route("POST", "/test", this::echoClaims);
    List<Route> served = new ArrayList<>();
    routes.forEach(
        (path, methods) -> methods.keySet().forEach(m -> served.add(new Route(m, path))));
    if (!served.equals(ROUTES)) {
      throw new IllegalStateException(
          "ROUTES " + ROUTES + " differs from what is served: " + served);
    }
  }

  /**
   * Jackson's databind takes a few hundred milliseconds to initialise: it is loaded on first use
   * (or by {@link #warmUp()} right after the listener is up), not before the app can answer.
   */
  private static final class Json {
    static final ClaimsReader READER = new ClaimsReader();
  }

  /** Initialises the JSON machinery ahead of the first request that needs it. */
  public static void warmUp() {
    Json.READER.write(
        Json.READER.read("{\"sub\":\"s\",\"username\":\"u\"}".getBytes(StandardCharsets.UTF_8)));
  }

  private void route(String method, String path, Endpoint endpoint) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, endpoint);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    inFlight.incrementAndGet();
    Headers request = exchange.getRequestHeaders();
    String requestId = RequestIds.of(request.getFirst("X-Request-Id"));
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    int status = 500;
    long bytesOut = 0;
    try {
      Reply reply;
      try {
        reply = dispatch(exchange, method, path);
      } catch (HttpProblem p) {
        reply = problem(p.status(), p.code(), p.getMessage(), requestId);
      } catch (RuntimeException e) {
        logFailure(requestId, method, path, e);
        reply = problem(500, "internal_error", "the request failed inside the app", requestId);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          // The SlowRequestGuard cut a client too slow with its body; its connection is closed.
          status = 408;
        }
        throw e;
      }
      status = reply.status();
      Headers response = exchange.getResponseHeaders();
      response.set("X-Request-Id", requestId);
      response.set("X-Content-Type-Options", "nosniff");
      response.set("Cache-Control", "no-store");
      if (reply.contentType() != null) {
        response.set("Content-Type", reply.contentType());
      }
      if (status == 413 || draining.getAsBoolean()) {
        // The rest of an oversized body is not read; a stopping app takes no further requests.
        response.set("Connection", "close");
      }
      byte[] body = reply.body();
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        exchange.getResponseBody().write(body);
      }
      bytesOut = body.length;
    } finally {
      exchange.close();
      inFlight.decrementAndGet();
      String contentLength = request.getFirst("Content-Length");
      accessLog.accept(
          AccessLog.format(
              new AccessLog.Entry(
                  Instant.now(),
                  method,
                  path,
                  status,
                  System.nanoTime() - start,
                  parseLength(contentLength),
                  bytesOut,
                  requestId,
                  exchange.getRemoteAddress().getAddress().getHostAddress(),
                  request.getFirst("X-Forwarded-For"),
                  request.getFirst("User-Agent"))));
    }
  }

  private Reply dispatch(HttpExchange exchange, String method, String path) throws IOException {
    Map<String, Endpoint> methods = routes.get(path);
    if (methods == null) {
      throw new HttpProblem(404, "not_found", "no resource at " + path + "; see the API document");
    }
    Endpoint endpoint = methods.get(method);
    if (endpoint == null) {
      exchange.getResponseHeaders().set("Allow", String.join(", ", methods.keySet()));
      throw new HttpProblem(
          405,
          "method_not_allowed",
          method
              + " is not allowed on "
              + path
              + "; allowed: "
              + String.join(", ", methods.keySet()));
    }
    return endpoint.handle(exchange);
  }

  private Reply echoClaims(HttpExchange exchange) throws IOException {
    requireJson(exchange.getRequestHeaders().getFirst("Content-Type"));
    byte[] body = readBody(exchange);
    UserClaims read = Json.READER.read(body);
    return new Reply(200, JSON, Json.READER.write(read));
  }

  private static void requireJson(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      throw HttpProblem.badRequest(
          "unsupported_media_type", "Content-Type must be application/json, the request had none");
    }
    String[] parts = contentType.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    if (!type.equals(JSON)) {
      throw HttpProblem.badRequest(
          "unsupported_media_type",
          "Content-Type must be application/json, was '" + shorten(contentType) + "'");
    }
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      if (kv[0].trim().equalsIgnoreCase("charset")) {
        String charset = kv.length > 1 ? kv[1].trim().replace("\"", "") : "";
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          throw HttpProblem.badRequest(
              "unsupported_media_type",
              "JSON bodies must be UTF-8, the Content-Type says charset=" + shorten(charset));
        }
      }
    }
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null && parseLength(declared) > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    }
  }

  private HttpProblem tooLarge() {
    return new HttpProblem(
        413, "payload_too_large", "the request body is larger than " + maxBodyBytes + " bytes");
  }

  private ObjectNode health() {
    return Json.READER.mapper().createObjectNode().put("status", "ok");
  }

  private Reply json(int status, Object value) {
    try {
      return new Reply(status, JSON, Json.READER.mapper().writeValueAsBytes(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Reply problem(int status, String code, String message, String requestId) {
    ObjectNode body =
        Json.READER
            .mapper()
            .createObjectNode()
            .put("error", code)
            .put("message", message)
            .put("requestId", requestId);
    return json(status, body);
  }

  private static long parseLength(String value) {
    if (value == null) {
      return 0;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String shorten(String s) {
    return s.length() > 100 ? s.substring(0, 100) + "..." : s;
  }

  private void logFailure(String requestId, String method, String path, RuntimeException e) {
    java.io.StringWriter trace = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(trace));
    ObjectNode line =
        Json.READER
            .mapper()
            .createObjectNode()
            .put("time", Instant.now().toString())
            .put("type", "error")
            .put("method", method)
            .put("path", shorten(path))
            .put("requestId", requestId)
            .put("error", e.toString())
            .put("stack", trace.toString());
    errors.println(line.toString());
  }
}
