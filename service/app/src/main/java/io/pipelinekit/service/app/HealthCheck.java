package io.pipelinekit.service.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The container health check: {@code GET http://127.0.0.1:$PORT/healthz}, exit 0 on 200, else 1.
 * The runtime image has no curl or wget, so the check is the app's own jar: {@code java -cp
 * /app/service-app.jar io.pipelinekit.service.app.HealthCheck} (JDK classes only, no Jackson).
 */
public final class HealthCheck {
  private HealthCheck() {}

  /** Exits 0 when the app on {@code PORT} (default 9000) answers /healthz with 200. */
  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("PORT", String.valueOf(AppConfig.DEFAULT_PORT));
    System.exit(check("http://127.0.0.1:" + port.trim() + "/healthz") ? 0 : 1);
  }

  static boolean check(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(2_000);
      c.setReadTimeout(3_000);
      try (InputStream in = c.getResponseCode() == 200 ? c.getInputStream() : c.getErrorStream()) {
        if (in != null) {
          in.readAllBytes();
        }
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
