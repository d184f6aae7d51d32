package io.pipelinekit.service.app;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.pipelinekit.service.app.internal.AppHandler;
import io.pipelinekit.service.app.internal.SlowRequestGuard;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bundled service's HTTP app, on the JDK's own HTTP server ({@code com.sun.net.httpserver}):
 * {@code GET /} greets, {@code POST /test} echoes the caller's {@link UserClaims}, {@code GET
 * /healthz} answers the load balancer and the container health check.
 *
 * <p>{@link #start(AppConfig)} runs it in-process; {@link #main(String[])} is the container's entry
 * point (configuration from the environment, access log on stdout, graceful shutdown on SIGTERM).
 */
public final class ServiceApp implements AutoCloseable {

  static {
    // The JDK server writes a response's headers and body separately; with Nagle's algorithm on
    // (its default), a keep-alive client's delayed ACK then stalls every response by ~40 ms.
    // Read once, when the first server is made, so it is set here, before that.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The idle timeout the JDK server of this JVM runs with, once the first app has started. */
  private static Duration jvmIdleTimeout;

  private final AppConfig config;
  private final HttpServer server;
  private final ExecutorService workers;
  private final SlowRequestGuard guard;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile boolean draining;
  private volatile boolean drained = true;

  private ServiceApp(AppConfig config, PrintStream errors) throws IOException {
    this.config = config;
    useIdleTimeout(config.idleTimeout());
    this.server =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
    // Slow clients may hold up to maxSlowRequests threads; workerThreads stay for the others.
    this.workers =
        Executors.newFixedThreadPool(
            config.workerThreads() + config.maxSlowRequests(), workerThreads());
    this.guard =
        new SlowRequestGuard(
            workers,
            config.headerTimeout(),
            config.bodyTimeout(),
            config.maxSlowRequests(),
            config.accessLog(),
            errors);
    server.setExecutor(guard);
    HttpContext context =
        server.createContext(
            "/",
            new AppHandler(
                config.maxBodyBytes(), config.accessLog(), errors, inFlight, () -> draining));
    context.getFilters().add(guard.headersRead());
  }

  /**
   * The JDK server closes idle connections (kept-alive ones, and new ones that have sent nothing)
   * after {@code sun.net.httpserver.idleInterval} seconds, checked every {@code
   * sun.net.httpserver.clockTick} ms (10 s unless set): both are read once, when the JVM's first
   * server is made, so they are set before that and cannot differ between apps in one JVM.
   */
  private static synchronized void useIdleTimeout(Duration idle) {
    if (jvmIdleTimeout == null) {
      System.setProperty("sun.net.httpserver.idleInterval", String.valueOf(idle.toSeconds()));
      System.setProperty("sun.net.httpserver.clockTick", "1000");
      jvmIdleTimeout = idle;
    } else if (!jvmIdleTimeout.equals(idle)) {
      throw new IllegalStateException(
          "idleTimeout is one setting for the whole JVM (the JDK HTTP server reads it once):"
              + " the first app started here uses "
              + jvmIdleTimeout.toSeconds()
              + " s, this one asked for "
              + idle.toSeconds()
              + " s");
    }
  }

  /**
   * Starts the app and returns once it accepts connections.
   *
   * @throws IOException when the address cannot be bound (e.g. the port is taken)
   * @throws IllegalStateException when an app started earlier in this JVM has another {@link
   *     AppConfig#idleTimeout()} (the JDK server takes one for the whole JVM)
   */
  public static ServiceApp start(AppConfig config) throws IOException {
    return start(config, System.err);
  }

  static ServiceApp start(AppConfig config, PrintStream errors) throws IOException {
    ServiceApp app = new ServiceApp(config, errors);
    app.server.start();
    Thread warmUp = new Thread(AppHandler::warmUp, "json-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    return app;
  }

  /** Every operation the app serves; the contract test holds the API document to this list. */
  public static List<Route> routes() {
    return AppHandler.ROUTES;
  }

  /** The address the app listens on (with the actual port when the config asked for 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port the app listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Requests being handled right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Stops gracefully: closes the listening socket at once (new connections are refused), lets
   * requests already being handled finish for up to {@code grace}, then closes every connection.
   * Calling it again waits for the first call.
   *
   * @return true when every in-flight request finished within the grace period
   */
  public boolean shutdown(Duration grace) {
    if (!stopping.compareAndSet(false, true)) {
      awaitWorkers(grace.plusSeconds(1));
      return drained;
    }
    draining = true;
    long graceSeconds = Math.max(1, (grace.toMillis() + 999) / 1000);
    // HttpServer.stop(delay) closes the listener first, then waits for running exchanges; on JDK
    // 17 it waits the whole delay when none completes (fixed in 21, JDK-8304065), so it runs on
    // its own thread and a stop(0) below ends it once our own count reaches zero.
    Thread stopper = new Thread(() -> server.stop((int) graceSeconds), "http-stop");
    stopper.setDaemon(true);
    stopper.start();
    long deadline = System.nanoTime() + grace.toNanos();
    sleep(20);
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      sleep(10);
    }
    drained = inFlight.get() == 0;
    server.stop(0);
    try {
      stopper.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdown();
    awaitWorkers(Duration.ofSeconds(1));
    workers.shutdownNow();
    guard.close();
    return drained;
  }

  /** {@link #shutdown(Duration)} with the configured grace period. */
  @Override
  public void close() {
    shutdown(config.shutdownGrace());
  }

  static int train() {
    try (ServiceApp app =
        start(
            AppConfig.builder()
                .bindAddress("127.0.0.1")
                .port(0)
                .shutdownGrace(Duration.ofSeconds(1))
                .build())) {
      List<String> problems = io.pipelinekit.service.app.internal.Training.run(app.port());
      problems.forEach(p -> System.err.println("service-app --train: " + p));
      return problems.isEmpty() ? 0 : 1;
    } catch (IOException e) {
      System.err.println("service-app --train: " + e);
      return 1;
    }
  }

  private void awaitWorkers(Duration timeout) {
    try {
      workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "http-worker-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * The container's entry point. Exit codes: 2 for a bad environment variable or argument, 1 when
   * the port cannot be bound; otherwise the app runs until SIGTERM/SIGINT and then shuts down
   * gracefully.
   *
   * <p>{@code --train} instead starts the app on a free loopback port, sends it one request of each
   * kind, stops it and exits (0 when every answer was right, else 1): the image build runs it under
   * {@code -XX:ArchiveClassesAtExit} to write a class-data archive for a faster start.
   */
  public static void main(String[] args) {
    if (args.length == 1 && args[0].equals("--train")) {
      System.exit(train());
      return;
    }
    if (args.length > 0) {
      System.err.println(
          "service-app: unknown arguments "
              + List.of(args)
              + "; configure it with"
              + " PORT, BIND_ADDRESS, MAX_BODY_BYTES, WORKER_THREADS, SHUTDOWN_GRACE_SECONDS,"
              + " HEADER_TIMEOUT_SECONDS, BODY_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS,"
              + " MAX_SLOW_REQUESTS");
      System.exit(2);
      return;
    }
    PrintStream out = System.out;
    AppConfig config;
    try {
      config =
          AppConfig.fromEnvironment(System.getenv()).toBuilder().accessLog(out::println).build();
    } catch (IllegalArgumentException e) {
      System.err.println("service-app: " + e.getMessage());
      System.exit(2);
      return;
    }
    ServiceApp app;
    try {
      app = start(config);
    } catch (IOException | RuntimeException e) {
      // e.g. BindException (port taken) or UnresolvedAddressException (bad BIND_ADDRESS)
      System.err.println(
          "service-app: cannot listen on "
              + config.bindAddress()
              + ":"
              + config.port()
              + ": "
              + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
              + " (set PORT to a free port, BIND_ADDRESS to an address of this host)");
      System.exit(1);
      return;
    }
    Instant started = ProcessHandle.current().info().startInstant().orElse(null);
    long startupMs = started == null ? -1 : Duration.between(started, Instant.now()).toMillis();
    out.println(
        "{\"time\":\""
            + Instant.now()
            + "\",\"type\":\"start\",\"port\":"
            + app.port()
            + ",\"startupMs\":"
            + startupMs
            + "}");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long t0 = System.nanoTime();
                  boolean clean = app.shutdown(config.shutdownGrace());
                  out.println(
                      "{\"time\":\""
                          + Instant.now()
                          + "\",\"type\":\"stop\",\"drained\":"
                          + clean
                          + ",\"durationMs\":"
                          + (System.nanoTime() - t0) / 1_000_000
                          + "}");
                  out.flush();
                },
                "graceful-shutdown"));
  }
}
