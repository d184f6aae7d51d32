package io.pipelinekit.service.app;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How the app runs: where it listens, its limits, and where its access log goes. {@link
 * #fromEnvironment(Map)} reads the container's environment ({@code PORT}, {@code BIND_ADDRESS},
 * {@code MAX_BODY_BYTES}, {@code WORKER_THREADS}, {@code SHUTDOWN_GRACE_SECONDS}).
 */
public final class AppConfig {

  /** The port the app listens on unless {@code PORT} says otherwise. */
  public static final int DEFAULT_PORT = 9000;

  /** Largest accepted request body unless {@code MAX_BODY_BYTES} says otherwise. */
  public static final int DEFAULT_MAX_BODY_BYTES = 16 * 1024;

  private final String bindAddress;
  private final int port;
  private final int maxBodyBytes;
  private final int workerThreads;
  private final Duration shutdownGrace;
  private final Consumer<String> accessLog;

  private AppConfig(Builder b) {
    this.bindAddress = Objects.requireNonNull(b.bindAddress, "bindAddress");
    this.port = b.port;
    this.maxBodyBytes = b.maxBodyBytes;
    this.workerThreads = b.workerThreads;
    this.shutdownGrace = Objects.requireNonNull(b.shutdownGrace, "shutdownGrace");
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
    return b.build();
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

  /** Threads that run request handlers. */
  public int workerThreads() {
    return workerThreads;
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
    private Consumer<String> accessLog = line -> {};

    private Builder() {}

    private Builder(AppConfig c) {
      bindAddress = c.bindAddress;
      port = c.port;
      maxBodyBytes = c.maxBodyBytes;
      workerThreads = c.workerThreads;
      shutdownGrace = c.shutdownGrace;
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

    public Builder accessLog(Consumer<String> accessLog) {
      this.accessLog = accessLog;
      return this;
    }

    public AppConfig build() {
      return new AppConfig(this);
    }
  }
}
