package io.pipelinekit.service.app;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the app runs: where it listens, its limits, and where its access log goes. {@link
 * #fromEnvironment(Map)} reads the container's environment ({@code PORT}, {@code BIND_ADDRESS},
 * {@code MAX_BODY_BYTES}, {@code WORKER_THREADS}, {@code SHUTDOWN_GRACE_SECONDS}, {@code
 * HEADER_TIMEOUT_SECONDS}, {@code BODY_TIMEOUT_SECONDS}, {@code IDLE_TIMEOUT_SECONDS}, {@code
 * MAX_SLOW_REQUESTS}).
 *
 * <p>The timeouts are for clients that reach the app directly (the container health check, or
 * anything else inside the task's network): nginx buffers each request before it passes it on, so
 * what it sends arrives whole. They match nginx's own {@code client_header_timeout} and {@code
 * client_body_timeout} (10 s), and the idle timeout is longer than nginx's keep-alive to the app
 * (20 s), so nginx never reuses a connection the app is closing.
 */
public final class AppConfig {

  /** The port the app listens on unless {@code PORT} says otherwise. */
  public static final int DEFAULT_PORT = 9000;

  /** Largest accepted request body unless {@code MAX_BODY_BYTES} says otherwise. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

  /** How long a request's line and headers may take to arrive (nginx's client_header_timeout). */
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);

  /** How long the rest of a request may take after its headers (nginx's client_body_timeout). */
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

  /** How long a kept-alive connection may stay idle; longer than nginx's upstream keep-alive. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** How many slow requests may hold a thread at once. */
  public static final int DEFAULT_MAX_SLOW_REQUESTS = 32;

  private final String bindAddress;
  private final int port;
  private final int maxBodyBytes;
  private final int workerThreads;
  private final Duration shutdownGrace;
  private final Duration headerTimeout;
  private final Duration bodyTimeout;
  private final Duration idleTimeout;
  private final int maxSlowRequests;
  private final Consumer<String> accessLog;

  private AppConfig(Builder b) {
    this.bindAddress = Objects.requireNonNull(b.bindAddress, "bindAddress");
    this.port = b.port;
    this.maxBodyBytes = b.maxBodyBytes;
    this.workerThreads = b.workerThreads;
    this.shutdownGrace = Objects.requireNonNull(b.shutdownGrace, "shutdownGrace");
    this.headerTimeout = Objects.requireNonNull(b.headerTimeout, "headerTimeout");
    this.bodyTimeout = Objects.requireNonNull(b.bodyTimeout, "bodyTimeout");
    this.idleTimeout = Objects.requireNonNull(b.idleTimeout, "idleTimeout");
    this.maxSlowRequests = b.maxSlowRequests;
    this.accessLog = Objects.requireNonNull(b.accessLog, "accessLog");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535 (0 = any free port), was " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads must be positive, was " + workerThreads);
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException(
          "shutdownGrace must not be negative, was " + shutdownGrace);
    }
    if (headerTimeout.isNegative() || headerTimeout.isZero()) {
      throw new IllegalArgumentException("headerTimeout must be positive, was " + headerTimeout);
    }
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("bodyTimeout must be positive, was " + bodyTimeout);
    }
    if (idleTimeout.getSeconds() < 1 || idleTimeout.getNano() != 0) {
      // the JDK server takes it in whole seconds (sun.net.httpserver.idleInterval)
      throw new IllegalArgumentException(
          "idleTimeout must be a whole number of seconds, at least 1, was " + idleTimeout);
    }
    if (maxSlowRequests < 0) {
      throw new IllegalArgumentException(
          "maxSlowRequests must not be negative, was " + maxSlowRequests);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Reads the configuration from environment variables; unset ones keep their defaults.
   *
   * @throws IllegalArgumentException naming the variable when a value is not a valid number
   */
  public static AppConfig fromEnvironment(Map<String, String> env) {
    Builder b = builder();
    String bind = env.get("BIND_ADDRESS");
    if (bind != null && !bind.isBlank()) {
      b.bindAddress(bind.trim());
    }
    b.port(intVar(env, "PORT", DEFAULT_PORT));
    b.maxBodyBytes(intVar(env, "MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES));
    b.workerThreads(intVar(env, "WORKER_THREADS", b.workerThreads));
    b.shutdownGrace(Duration.ofSeconds(intVar(env, "SHUTDOWN_GRACE_SECONDS", 20)));
    b.headerTimeout(secondsVar(env, "HEADER_TIMEOUT_SECONDS", DEFAULT_HEADER_TIMEOUT));
    b.bodyTimeout(secondsVar(env, "BODY_TIMEOUT_SECONDS", DEFAULT_BODY_TIMEOUT));
    b.idleTimeout(secondsVar(env, "IDLE_TIMEOUT_SECONDS", DEFAULT_IDLE_TIMEOUT));
    b.maxSlowRequests(intVar(env, "MAX_SLOW_REQUESTS", DEFAULT_MAX_SLOW_REQUESTS));
    return b.build();
  }

  private static Duration secondsVar(Map<String, String> env, String name, Duration fallback) {
    int seconds = intVar(env, name, (int) fallback.toSeconds());
    if (seconds < 1) {
      throw new IllegalArgumentException(
          "environment variable " + name + "='" + env.get(name) + "' must be at least 1 (seconds)");
    }
    return Duration.ofSeconds(seconds);
  }

  private static int intVar(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "environment variable " + name + "='" + value + "' is not a whole number", e);
    }
  }

  /** Address to bind, {@code 0.0.0.0} by default (the task's network namespace is the fence). */
  public String bindAddress() {
    return bindAddress;
  }

  /** Port to listen on; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** Largest request body accepted; larger ones get 413. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Threads for requests that arrive whole; the app has {@link #maxSlowRequests()} more, for slow
   * ones.
   */
  public int workerThreads() {
    return workerThreads;
  }

  /**
   * How long a request's line and headers may take to arrive, from its first byte; a client that is
   * slower has its connection closed.
   */
  public Duration headerTimeout() {
    return headerTimeout;
  }

  /**
   * How long the rest of a request (its body, then its handling and response) may take after its
   * headers; a client that is slower has its connection closed.
   */
  public Duration bodyTimeout() {
    return bodyTimeout;
  }

  /**
   * How long a kept-alive connection (or a new one with nothing sent yet) may stay idle before the
   * app closes it; whole seconds. The JDK server reads it once per JVM: every app started in one
   * JVM must use the same value.
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * How many slow requests (not read and answered within a second of their first byte) may hold a
   * thread at once; when more are slow, the oldest are cut, so {@link #workerThreads()} threads
   * stay free for requests that arrive whole.
   */
  public int maxSlowRequests() {
    return maxSlowRequests;
  }

  /**
   * How long a graceful shutdown waits for in-flight requests (ECS sends SIGKILL 30 s after SIGTERM
   * by default, so keep it below the task's stopTimeout).
   */
  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  /** Receives one JSON line per request. */
  public Consumer<String> accessLog() {
    return accessLog;
  }

  /** Builder for {@link AppConfig}. */
  public static final class Builder {
    private String bindAddress = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int workerThreads = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    private Duration shutdownGrace = Duration.ofSeconds(20);
    private Duration headerTimeout = DEFAULT_HEADER_TIMEOUT;
    private Duration bodyTimeout = DEFAULT_BODY_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private int maxSlowRequests = DEFAULT_MAX_SLOW_REQUESTS;
    private Consumer<String> accessLog = line -> {};

    private Builder() {}

    private Builder(AppConfig c) {
      bindAddress = c.bindAddress;
      port = c.port;
      maxBodyBytes = c.maxBodyBytes;
      workerThreads = c.workerThreads;
      shutdownGrace = c.shutdownGrace;
      headerTimeout = c.headerTimeout;
      bodyTimeout = c.bodyTimeout;
      idleTimeout = c.idleTimeout;
      maxSlowRequests = c.maxSlowRequests;
      accessLog = c.accessLog;
    }

    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder workerThreads(int workerThreads) {
      this.workerThreads = workerThreads;
      return this;
    }

    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    public Builder headerTimeout(Duration headerTimeout) {
      this.headerTimeout = headerTimeout;
      return this;
    }

    public Builder bodyTimeout(Duration bodyTimeout) {
      this.bodyTimeout = bodyTimeout;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    public Builder maxSlowRequests(int maxSlowRequests) {
      this.maxSlowRequests = maxSlowRequests;
      return this;
    }

    public Builder accessLog(Consumer<String> accessLog) {
      this.accessLog = accessLog;
      return this;
    }

    public AppConfig build() {
      return new AppConfig(this);
    }
  }
}
