package io.pipelinekit.service.app.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps slow clients from holding the app's threads.
 *
 * <p>The JDK HTTP server reads a request's line and headers on the thread that then runs the
 * handler, and the handler reads the body on it too, with blocking reads: without a limit, a client
 * that sends a byte a second holds a thread for as long as it likes, and a few such clients hold
 * them all. (The server's own {@code sun.net.httpserver.maxReqTime} does not help: it starts
 * counting when a request is queued for a thread, so it closes the requests waiting behind the slow
 * ones too; it is one deadline for headers and body, in whole seconds, for the whole JVM.)
 *
 * <p>This executor runs each exchange on the given pool and watches it. Its headers must have been
 * read {@code headerTimeout} after it started, and the rest of it (the body, then the handler and
 * the response) must be done {@code bodyTimeout} after that; {@link #headersRead()} is the filter
 * that marks the boundary. A request still running {@link #SLOW_AFTER} after it started is slow:
 * when more than {@code maxSlowRequests} are slow at once, the oldest of them are cut, so the
 * pool's other threads stay free for requests that arrive whole. (The oldest: a client holding a
 * connection open on purpose is the one that has been slow the longest; a request slowed by a busy
 * machine, say, has not.) Cutting interrupts the thread: its blocking read on the connection's
 * channel ends with {@code ClosedByInterruptException}, which closes the connection (there is
 * nothing sensible to answer a client that is not listening). Every cut is one {@code slow_client}
 * line in the log.
 */
public final class SlowRequestGuard implements Executor, AutoCloseable {

  /** A request still being read or answered this long after its first byte is slow. */
  public static final Duration SLOW_AFTER = Duration.ofSeconds(1);

  private static final long TICK_MILLIS = 100;
  private static final JsonFactory JSON = new JsonFactory();

  private enum Phase {
    HEADERS,
    BODY,
    DONE
  }

  /** One exchange on one thread. */
  private static final class Tracked {
    final Thread thread = Thread.currentThread();
    final long started = System.nanoTime();
    // guarded by this
    Phase phase = Phase.HEADERS;
    long phaseStarted = started;

    /**
     * Unless the exchange has left {@code expected}: runs {@code report}, then interrupts the
     * exchange's thread (so whoever sees the connection closed can see the report too).
     */
    synchronized void cut(Phase expected, Runnable report) {
      if (expected != Phase.DONE && phase == expected) {
        phase = Phase.DONE;
        try {
          report.run();
        } finally {
          thread.interrupt();
        }
      }
    }
  }

  private final Executor pool;
  private final long headerTimeoutNanos;
  private final long bodyTimeoutNanos;
  private final int maxSlowRequests;
  private final Consumer<String> log;
  private final PrintStream errors;
  private final Set<Tracked> running = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Tracked> current = new ThreadLocal<>();
  private final ScheduledExecutorService watchdog;

  public SlowRequestGuard(
      Executor pool,
      Duration headerTimeout,
      Duration bodyTimeout,
      int maxSlowRequests,
      Consumer<String> log,
      PrintStream errors) {
    this.pool = pool;
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.bodyTimeoutNanos = bodyTimeout.toNanos();
    this.maxSlowRequests = maxSlowRequests;
    this.log = log;
    this.errors = errors;
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "slow-request-guard");
              t.setDaemon(true);
              return t;
            });
    watchdog.scheduleWithFixedDelay(this::check, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable exchange) {
    pool.execute(() -> run(exchange));
  }

  private void run(Runnable exchange) {
    Tracked t = new Tracked();
    current.set(t);
    running.add(t);
    try {
      exchange.run();
    } finally {
      synchronized (t) {
        t.phase = Phase.DONE;
      }
      running.remove(t);
      current.remove();
      // A cut that came after the last read it was meant for must not reach the next exchange.
      Thread.interrupted();
    }
  }

  /** The filter that tells the guard the request's headers are in (the body deadline starts). */
  public Filter headersRead() {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Tracked t = current.get();
        if (t != null) {
          synchronized (t) {
            if (t.phase == Phase.HEADERS) {
              t.phase = Phase.BODY;
              t.phaseStarted = System.nanoTime();
            }
          }
        }
        chain.doFilter(exchange);
      }

      @Override
      public String description() {
        return "marks the end of a request's headers for the slow-request guard";
      }
    };
  }

  private void check() {
    try {
      long now = System.nanoTime();
      List<Tracked> slow = new ArrayList<>();
      for (Tracked t : running) {
        Phase phase;
        long phaseStarted;
        synchronized (t) {
          phase = t.phase;
          phaseStarted = t.phaseStarted;
        }
        if (phase == Phase.HEADERS && now - phaseStarted >= headerTimeoutNanos) {
          cut(t, phase, "header_timeout", now);
        } else if (phase == Phase.BODY && now - phaseStarted >= bodyTimeoutNanos) {
          cut(t, phase, "body_timeout", now);
        } else if (phase != Phase.DONE && now - t.started >= SLOW_AFTER.toNanos()) {
          slow.add(t);
        }
      }
      if (slow.size() > maxSlowRequests) {
        slow.sort(Comparator.comparingLong((Tracked t) -> t.started));
        for (Tracked t : slow.subList(0, slow.size() - maxSlowRequests)) {
          Phase phase;
          synchronized (t) {
            phase = t.phase;
          }
          cut(t, phase, "too_many_slow_requests", now);
        }
      }
    } catch (RuntimeException e) {
      // A bug here must not end the watchdog (a scheduled task that throws is never run again).
      errors.println(json("error", g -> g.writeStringField("error", e.toString())));
    }
  }

  private void cut(Tracked t, Phase phase, String reason, long now) {
    t.cut(
        phase,
        () ->
            log.accept(
                json(
                    "slow_client",
                    g -> {
                      g.writeStringField("phase", phase == Phase.HEADERS ? "headers" : "body");
                      g.writeStringField("reason", reason);
                      g.writeNumberField("durationMs", (now - t.started) / 1_000_000);
                    })));
  }

  private interface Fields {
    void write(JsonGenerator g) throws IOException;
  }

  private static String json(String type, Fields fields) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("time", Instant.now().toString());
      g.writeStringField("type", type);
      fields.write(g);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Stops the watchdog (the pool is its owner's to stop). */
  @Override
  public void close() {
    watchdog.shutdownNow();
  }
}
