package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile inputs of the acceptance list, each through {@code PipelineCli.execute}: exit 2 (or a
 * finding) within 5 s, naming the file and place, and no stack trace.
 */
class LintBadInputTest {
  @TempDir Path dir;

  record Run(int code, String out, String err, Duration took) {}

  static Run lint(Path file, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] args = new String[more.length + 2];
    args[0] = "lint";
    System.arraycopy(more, 0, args, 1, more.length);
    args[args.length - 1] = file.toString();
    long start = System.nanoTime();
    int code = PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(
        code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
  }

  static void assertRejected(Run r, String place) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.took()).isLessThan(Duration.ofSeconds(5));
    assertThat(r.err()).contains(place);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void billionLaughs_exits2_namingTheAlias() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            "openapi: 3.0.3\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      yaml.append("]\n");
    }
    Path file = dir.resolve("bomb.yaml");
    Files.writeString(file, yaml.toString());
    Run r = lint(file);
    assertRejected(r, file + ":");
    assertThat(r.err()).contains("alias bomb");
  }

  @Test
  void nesting100000Deep_exits2_atTheLimit() throws IOException {
    Path file = dir.resolve("deep.yaml");
    Files.writeString(
        file, "openapi: 3.0.3\nx: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
    Run r = lint(file);
    assertRejected(r, file + ":2:259: nesting deeper than 256 levels");
  }

  @Test
  void duplicateKeys_exits2_namingBothLines() throws IOException {
    Path file = dir.resolve("dup.yaml");
    Files.writeString(
        file, "openapi: 3.0.3\ninfo:\n  title: a\n  version: '1'\n  title: b\npaths: {}\n");
    Run r = lint(file);
    assertRejected(r, file + ":5:3: duplicate key 'title' at /info (first at line 3)");
  }

  @Test
  void remoteRefToLoopbackListener_exits2_andTheListenerReceivesNothing() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(500);
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/pet.yaml";
      Path file = dir.resolve("remote.yaml");
      Files.writeString(
          file,
          "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
              + "    Pet:\n      $ref: '"
              + url
              + "'\n");
      Run r = lint(file);
      assertRejected(r, file + ":7:7: remote $ref '" + url + "' is not fetched");
      Socket connected = null;
      try {
        connected = listener.accept();
      } catch (SocketTimeoutException expected) {
        // nothing connected
      }
      assertThat(connected).as("a connection reached the listener").isNull();
    }
  }

  @Test
  void remoteRefToAnAllowedHost_isAccepted_butStillNotFetched() throws IOException {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      listener.setSoTimeout(500);
      String url = "http://127.0.0.1:" + listener.getLocalPort() + "/pet.yaml";
      Path file = dir.resolve("remote.yaml");
      Files.writeString(
          file,
          "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
              + "    Pet:\n      $ref: '"
              + url
              + "'\n");
      Run r = lint(file, "--allow-remote-refs", "127.0.0.1");
      assertThat(r.code()).as(r.err()).isEqualTo(0);
      Socket connected = null;
      try {
        connected = listener.accept();
      } catch (SocketTimeoutException expected) {
        // nothing connected
      }
      assertThat(connected).as("a connection reached the listener").isNull();
    }
  }

  @Test
  void etcPasswdRef_exits2_namingTheRef() throws IOException {
    Path file = dir.resolve("escape.yaml");
    Files.writeString(
        file,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
            + "    Pet:\n      $ref: '../../etc/passwd'\n");
    Run r = lint(file);
    assertRejected(r, file + ":7:7: $ref '../../etc/passwd' points outside");
  }

  @Test
  void fiftyMegabyteFile_exits2_beforeReadingIt() throws IOException {
    Path file = dir.resolve("huge.yaml");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write("openapi: 3.0.3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      raf.setLength(50L * 1024 * 1024);
    }
    Run r = lint(file);
    assertRejected(r, file + ":1:1: the file is 52428800 bytes, larger than the limit");
    assertThat(r.err()).contains("--max-bytes");
  }

  @Test
  void verbose_showsTheStackTrace() throws IOException {
    Path file = dir.resolve("dup.yaml");
    Files.writeString(file, "openapi: 3.0.3\nopenapi: 3.0.3\n");
    Run r = lint(file, "--verbose");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ApiSpecException").contains("\tat ");
  }
}
