package io.pipelinekit.service.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged app jar run as its own process, as the container runs it. */
final class AppProcess implements AutoCloseable {

  final int port;
  final Process process;
  final Path stdout;
  final Path stderr;

  /** From process start to the first 200 on GET /. */
  final Duration startToFirst200;

  private AppProcess(int port, Process process, Path stdout, Path stderr, Duration startup) {
    this.port = port;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.startToFirst200 = startup;
  }

  static Path jar() {
    String jar = System.getProperty("service.app.jar");
    Path path = jar != null ? Path.of(jar) : RepoFiles.path("service/app/target/service-app.jar");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException(path + " is missing: run mvn package for service/app first");
    }
    return path;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static AppProcess start(Path dir, Map<String, String> env)
      throws IOException, InterruptedException {
    return start(dir, env, List.of());
  }

  static AppProcess start(Path dir, Map<String, String> env, List<String> jvmArgs)
      throws IOException, InterruptedException {
    int port = freePort();
    Path out = dir.resolve("app-" + port + ".out");
    Path err = dir.resolve("app-" + port + ".err");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-jar");
    cmd.add(jar().toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("PORT", String.valueOf(port));
    pb.environment().put("BIND_ADDRESS", "127.0.0.1");
    pb.environment().put("SHUTDOWN_GRACE_SECONDS", "5");
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
    long deadline = t0 + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "the app exited with "
                + p.exitValue()
                + ": "
                + Files.readString(err, StandardCharsets.UTF_8));
      }
      try {
        HttpResponse<Void> r =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == 200) {
          return new AppProcess(port, p, out, err, Duration.ofNanos(System.nanoTime() - t0));
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(5);
    }
    p.destroyForcibly();
    throw new IllegalStateException(
        "the app did not answer GET / on port " + port + " within 20 s");
  }

  /** Sends SIGTERM and waits for the process to end. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("the app did not stop within 15 s of SIGTERM");
    }
    return process.exitValue();
  }

  List<String> logLines() throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
