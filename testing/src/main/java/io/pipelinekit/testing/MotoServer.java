package io.pipelinekit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} process on a free loopback port. Found in {@code $PIPELINEKIT_VENV/bin} or
 * in the repository's {@code .venv/bin}; when it is missing, {@link #start()} fails with the
 * instruction to run {@code bin/test}.
 */
public final class MotoServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts moto and waits until it answers. */
  public static MotoServer start() {
    Path executable = locate();
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.add("-H");
    command.add("127.0.0.1");
    command.add("-p");
    command.add(Integer.toString(port));
    Process process;
    try {
      Path log = Files.createTempFile("moto-server-", ".log");
      log.toFile().deleteOnExit();
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start "
              + executable
              + ": "
              + e.getMessage()
              + "; run bin/test (installs moto into .venv/)",
          e);
    }
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    MotoServer server = new MotoServer(process, endpoint);
    server.awaitReady();
    return server;
  }

  /** The base URL to pass as the SDK's endpoint override. */
  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every resource moto holds (all services, all regions). */
  public void reset() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      c.getResponseCode();
      c.disconnect();
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto_server exited at start (code "
                + process.exitValue()
                + "); run bin/test (installs moto into .venv/)");
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        int code = c.getResponseCode();
        try (InputStream in = code < 400 ? c.getInputStream() : c.getErrorStream()) {
          if (in != null) {
            in.readAllBytes();
          }
        }
        c.disconnect();
        if (code < 500) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto", e);
      }
    }
    close();
    throw new IllegalStateException("moto_server did not answer within " + STARTUP);
  }

  /** Where moto_server is: $PIPELINEKIT_VENV, else the repository's .venv. */
  static Path locate() {
    List<Path> candidates = new ArrayList<>();
    String venv = System.getenv("PIPELINEKIT_VENV");
    if (venv != null && !venv.isBlank()) {
      candidates.add(Path.of(venv, "bin", "moto_server"));
    }
    candidates.add(RepoRoot.find().resolve(".venv").resolve("bin").resolve("moto_server"));
    for (Path candidate : candidates) {
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "moto_server not found (looked at "
            + candidates
            + "): run bin/test (installs moto into .venv/)");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port: " + e.getMessage(), e);
    }
  }
}
