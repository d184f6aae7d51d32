package io.pipelinekit.service.app;

import com.sun.net.httpserver.HttpServer;
import io.pipelinekit.service.app.internal.AppHandler;
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

  private final AppConfig config;
  private final HttpServer server;
  private final ExecutorService workers;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile boolean draining;
  private volatile boolean drained = true;

  private ServiceApp(AppConfig config, PrintStream errors) throws IOException {
    this.config = config;
    this.server =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 1024);
    this.workers = Executors.newFixedThreadPool(config.workerThreads(), workerThreads());
    server.setExecutor(workers);
    server.createContext(
        "/",
        new AppHandler(
            config.maxBodyBytes(), config.accessLog(), errors, inFlight, () -> draining));
  }

  /**
   * Starts the app and returns once it accepts connections.
   *
   * @throws IOException when the address cannot be bound (e.g. the port is taken)
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
              + " PORT, BIND_ADDRESS, MAX_BODY_BYTES, WORKER_THREADS, SHUTDOWN_GRACE_SECONDS");
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
    } catch (IOException e) {
      System.err.println(
          "service-app: cannot listen on "
              + config.bindAddress()
              + ":"
              + config.port()
              + ": "
              + e.getMessage()
              + " (set PORT to a free port)");
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
