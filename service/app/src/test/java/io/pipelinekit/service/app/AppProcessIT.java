package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as the container runs it: start-up time, SIGTERM, bad configuration. */
class AppProcessIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void jar_startsAndAnswersQuickly() throws Exception {
    try (AppProcess app = AppProcess.start(dir, Map.of())) {
      System.out.println(
          "service-app: start to first 200: " + app.startToFirst200.toMillis() + " ms");
      // The target is < 1 s (bench/service-load.sh measures it on a quiet machine); the bound
      // here leaves room for a CI machine busy with the rest of the build.
      assertThat(app.startToFirst200).isLessThan(Duration.ofSeconds(5));
      JsonNode start = JSON.readTree(app.logLines().get(0));
      assertThat(start.path("type").asText()).isEqualTo("start");
      assertThat(start.path("port").asInt()).isEqualTo(app.port);
    }
  }

  @Test
  void sigterm_finishesTheInFlightRequestThenExits() throws Exception {
    AppProcess app = AppProcess.start(dir, Map.of());
    byte[] body = "{\"sub\":\"s\",\"username\":\"term\"}".getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", app.port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /test HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 5);
      out.flush();
      Thread.sleep(300);
      app.process.destroy(); // SIGTERM
      Thread.sleep(500);
      assertThat(app.process.isAlive()).as("waits for the in-flight request").isTrue();
      try {
        new Socket("127.0.0.1", app.port).close();
        throw new AssertionError("a stopping app must not accept new connections");
      } catch (ConnectException expected) {
        // refused, as it should be
      }
      out.write(body, 5, body.length - 5);
      out.flush();
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200").endsWith("\"username\":\"term\"}");
    }
    assertThat(app.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(app.process.exitValue()).isEqualTo(143);
    List<String> lines = app.logLines();
    JsonNode stop = JSON.readTree(lines.get(lines.size() - 1));
    assertThat(stop.path("type").asText()).isEqualTo("stop");
    assertThat(stop.path("drained").asBoolean()).isTrue();
  }

  /** What the image build and its ENTRYPOINT do: train into an archive, then start from it. */
  @Test
  void trainedClassDataArchive_isUsedAtStart() throws Exception {
    Path archive = dir.resolve("app.jsa");
    Process train =
        new ProcessBuilder(
                java(),
                "-XX:ArchiveClassesAtExit=" + archive,
                "-jar",
                AppProcess.jar().toString(),
                "--train")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("train.log").toFile())
            .start();
    assertThat(train.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(train.exitValue()).as(Files.readString(dir.resolve("train.log"))).isZero();
    assertThat(archive).isRegularFile();

    Path classLoad = dir.resolve("class-load.txt");
    try (AppProcess app =
        AppProcess.start(
            dir,
            Map.of(),
            List.of(
                "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info:file=" + classLoad))) {
      System.out.println(
          "service-app with its class-data archive: start to first 200: "
              + app.startToFirst200.toMillis()
              + " ms");
    }
    assertThat(Files.readAllLines(classLoad))
        .anyMatch(
            l ->
                l.contains("io.pipelinekit.service.app.internal.AppHandler ")
                    && l.contains("shared objects file"));
  }

  @Test
  void unknownArgument_exitsWith2() throws Exception {
    Process p =
        new ProcessBuilder(java(), "-jar", AppProcess.jar().toString(), "--port=1")
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .contains("unknown arguments [--port=1]");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  @Test
  void badPortVariable_exitsWith2NamingIt() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                AppProcess.jar().toString())
            .redirectErrorStream(true);
    pb.environment().put("PORT", "nine-thousand");
    Process p = pb.start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(output.trim())
        .isEqualTo("service-app: environment variable PORT='nine-thousand' is not a whole number");
  }

  @Test
  void portInUse_exitsWith1SayingSo() throws Exception {
    try (AppProcess first = AppProcess.start(dir, Map.of())) {
      ProcessBuilder pb =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  AppProcess.jar().toString())
              .redirectErrorStream(true);
      pb.environment().put("PORT", String.valueOf(first.port));
      pb.environment().put("BIND_ADDRESS", "127.0.0.1");
      Process p = pb.start();
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(output).contains("cannot listen on 127.0.0.1:" + first.port).contains("set PORT");
      assertThat(Files.exists(first.stdout)).isTrue();
    }
  }
}
