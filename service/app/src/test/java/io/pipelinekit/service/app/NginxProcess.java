package io.pipelinekit.service.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's nginx run with the shipped configuration: service/release/nginx/nginx.conf with its
 * paths moved into a temp folder, and templates/default.conf.template rendered the way the nginx
 * image's entrypoint does (envsubst of the named variables only), on a free loopback port.
 */
final class NginxProcess implements AutoCloseable {

  static final Path NGINX = Path.of("/usr/sbin/nginx");
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}");

  final int port;
  final Process process;
  final Path prefix;

  private NginxProcess(int port, Process process, Path prefix) {
    this.port = port;
    this.process = process;
    this.prefix = prefix;
  }

  /** Renders like envsubst restricted to {@code vars}: other ${...} and nginx's $vars stay. */
  static String render(String template, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = vars.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  static NginxProcess start(Path dir, int appPort) throws IOException, InterruptedException {
    Path prefix = Files.createDirectories(dir.resolve("nginx-" + System.nanoTime()));
    Path confD = Files.createDirectories(prefix.resolve("conf.d"));
    int port = AppProcess.freePort();
    Path release = RepoFiles.path("service/release/nginx");
    String server =
        render(
            Files.readString(release.resolve("templates/default.conf.template")),
            Map.of(
                "NGINX_LISTEN", "127.0.0.1:" + port,
                "NGINX_LISTEN_IPV6",
                    hasIpv6Loopback() ? "[::1]:" + port : "127.0.0.1:" + AppProcess.freePort(),
                "APP_UPSTREAM", "127.0.0.1:" + appPort));
    if (server.contains("${")) {
      throw new IllegalStateException("the template has a variable the image does not set");
    }
    Files.writeString(confD.resolve("default.conf"), server);
    String main =
        Files.readString(release.resolve("nginx.conf"))
            .replace("/tmp/", prefix + "/")
            .replace("/etc/nginx/conf.d/", confD + "/");
    // In the image nginx runs unprivileged; here, as root (CI), workers would default to nobody.
    String head = "daemon off;\n" + (isRoot() ? "user root;\n" : "");
    Files.writeString(prefix.resolve("nginx.conf"), head + main);
    ProcessBuilder pb =
        new ProcessBuilder(
                NGINX.toString(),
                "-e",
                "stderr",
                "-p",
                prefix.toString(),
                "-c",
                prefix.resolve("nginx.conf").toString())
            .redirectOutput(prefix.resolve("stdout.log").toFile())
            .redirectError(prefix.resolve("stderr.log").toFile());
    Process p = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException(
            "nginx exited with "
                + p.exitValue()
                + ": "
                + Files.readString(prefix.resolve("stderr.log")));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return new NginxProcess(port, p, prefix);
      } catch (IOException notYet) {
        Thread.sleep(10);
      }
    }
    stop(p);
    throw new IllegalStateException(
        "nginx did not listen on "
            + port
            + " within 10 s: "
            + Files.readString(prefix.resolve("stderr.log")));
  }

  /** Whether ::1 exists here (a machine may run with IPv6 off). */
  static boolean hasIpv6Loopback() {
    try {
      return Files.readString(Path.of("/proc/net/if_inet6"))
          .lines()
          .anyMatch(l -> l.endsWith(" lo"));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Integer.valueOf(0).equals(uid);
    } catch (IOException | UnsupportedOperationException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  String accessLog() throws IOException {
    return Files.readString(prefix.resolve("stdout.log"), StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    stop(process);
  }

  /**
   * SIGTERM: nginx's fast shutdown, in which the master takes its workers down with it (a SIGKILL
   * of the master would leave the workers running).
   */
  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
