package io.pipelinekit.service.app.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Formats the one JSON line written per request. */
public final class AccessLog {
  private static final int MAX_FIELD = 512;
  private static final JsonFactory JSON = new JsonFactory();

  private AccessLog() {}

  /** One request, as logged. */
  public record Entry(
      Instant time,
      String method,
      String path,
      int status,
      long durationNanos,
      long bytesIn,
      long bytesOut,
      String requestId,
      String remote,
      String forwardedFor,
      String userAgent) {}

  public static String format(Entry e) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", e.time().toString());
      g.writeStringField("type", "access");
      g.writeStringField("method", cap(e.method()));
      g.writeStringField("path", cap(e.path()));
      g.writeNumberField("status", e.status());
      g.writeNumberField("durationMs", Math.round(e.durationNanos() / 1_000.0) / 1_000.0);
      g.writeNumberField("bytesIn", e.bytesIn());
      g.writeNumberField("bytesOut", e.bytesOut());
      g.writeStringField("requestId", e.requestId());
      g.writeStringField("remote", e.remote());
      if (e.forwardedFor() != null) {
        g.writeStringField("forwardedFor", cap(e.forwardedFor()));
      }
      if (e.userAgent() != null) {
        g.writeStringField("userAgent", cap(e.userAgent()));
      }
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return out.toString();
  }

  private static String cap(String s) {
    return s != null && s.length() > MAX_FIELD ? s.substring(0, MAX_FIELD) + "..." : s;
  }
}
