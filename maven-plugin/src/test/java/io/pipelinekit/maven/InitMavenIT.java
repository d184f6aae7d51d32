package io.pipelinekit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 10's acceptance, as a user runs it: {@code pipeline init --api} (the CLI's runnable jar) in
 * an empty folder, then a real {@code mvn -B verify} there, against the local repository that
 * invoker:install filled with this build's plugin, definition library and CLI jar. Everything else
 * comes from the outer build's local repository (settings mirror), so nothing is downloaded.
 */
class InitMavenIT {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private static final List<String> FILES =
      List.of(
          "buildspec.yaml",
          "cloudformation/bootstrap.template.json",
          "cloudformation/pipeline.template.json",
          "codebuild-project.json",
          "iam/codebuild-role-policy.json",
          "iam/pipeline-role-policy.json",
          "openapi.yaml",
          "pipeline.json",
          "pipeline.mmd");

  @TempDir Path temp;

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value).as("system property %s (set by maven-plugin/pom.xml)", name).isNotBlank();
    return value;
  }

  private record Run(int exit, String output, long millis) {}

  private static Run run(Path dir, List<String> command) throws Exception {
    long start = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command);
    // as the invoker runs its projects: quicker start-up of a short-lived Maven
    builder.environment().put("MAVEN_OPTS", "-Xshare:auto -XX:TieredStopAtLevel=1");
    Process process =
        builder
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("..").resolve("run.log").normalize().toFile())
            .start();
    if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out after " + TIMEOUT + ": " + command);
    }
    String output =
        Files.readString(dir.resolve("..").resolve("run.log").normalize(), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), output, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void initThenVerify_buildsTestsPinsAndLints_andBothAgainChangeNothingAndStayGreen()
      throws Exception {
    String version = property("pipelinekit.version");
    Path localRepo = Path.of(property("invoker.localRepository"));
    Path cliJar =
        localRepo.resolve(
            "io/pipelinekit/pipeline-cli/" + version + "/pipeline-cli-" + version + "-all.jar");
    assertThat(cliJar).as("invoker:install put the CLI jar there").isRegularFile();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String mvn = Path.of(property("maven.home"), "bin", "mvn").toString();

    Path settings = temp.resolve("settings.xml");
    Files.writeString(
        settings,
        "<settings><mirrors><mirror><id>outer-local-repository</id><mirrorOf>*</mirrorOf><url>"
            + Path.of(property("outer.localRepository")).toUri()
            + "</url></mirror></mirrors></settings>\n");
    Path project = temp.resolve("work").resolve("shop-api");
    Files.createDirectories(project);
    List<String> init = List.of(java, "-jar", cliJar.toString(), "init", "--api", ".");
    List<String> verify =
        List.of(
            mvn,
            "-B",
            "-ntp",
            "-s",
            settings.toString(),
            "-Dmaven.repo.local=" + localRepo,
            "verify");

    Run first = run(project, init);
    assertThat(first.exit()).as(first.output()).isZero();
    assertThat(first.output()).contains("created   pom.xml").contains("created   api/openapi.yaml");

    Run build = run(project, verify);
    assertThat(build.exit()).as(build.output()).isZero();
    assertThat(build.output()).contains("BUILD SUCCESS");

    // the scaffolded test ran and passed
    List<Path> reports;
    try (Stream<Path> s = Files.list(project.resolve("target/surefire-reports"))) {
      reports = s.filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml")).toList();
    }
    assertThat(reports).hasSize(1);
    Map<String, Integer> counts = counts(Files.readString(reports.get(0)));
    assertThat(counts.get("tests")).as("tests run").isPositive();
    assertThat(counts.get("failures") + counts.get("errors") + counts.get("skipped")).isZero();

    // target/pipeline/ has every file, and only those
    Path out = project.resolve("target/pipeline");
    for (String file : FILES) {
      assertThat(out.resolve(file)).as(file).isRegularFile();
    }
    assertThat(
            Files.readAllLines(out.resolve(".pipelinekit-output")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .sorted()
                .toList())
        .containsExactlyElementsOf(FILES);
    assertThat(out.resolve("openapi.yaml")).content().contains("/healthz:");

    // the buildspec's install phase fetches exactly that jar and checks its SHA-256
    String sha256 =
        HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(cliJar)));
    String install = installCommands(out.resolve("buildspec.yaml"));
    assertThat(install)
        .contains(
            "io/pipelinekit/pipeline-cli/" + version + "/pipeline-cli-" + version + "-all.jar")
        .contains(sha256);
    assertThat(build.output())
        .contains("tool: io.pipelinekit:pipeline-cli:" + version + ":jar:all sha256 " + sha256);

    // pipeline:lint ran on the API document (Maven 3.9 names the goal by its prefix, 3.8 by the
    // artifactId)
    assertThat(project.resolve("pom.xml"))
        .content()
        .contains("<lintFile>api/openapi.yaml</lintFile>");
    assertThat(build.output())
        .containsPattern("--- pipeline(-maven-plugin)?:" + Pattern.quote(version) + ":lint ")
        .containsPattern("lint: 0 error\\(s\\), \\d+ warning\\(s\\), \\d+ info in 1 file\\(s\\)");

    Run again = run(project, init);
    assertThat(again.exit()).as(again.output()).isZero();
    assertThat(again.output())
        .contains("nothing to do: every file is already there")
        .doesNotContain("created ");

    Run rebuild = run(project, verify);
    assertThat(rebuild.exit()).as(rebuild.output()).isZero();
    assertThat(rebuild.output()).contains("BUILD SUCCESS");

    System.out.printf(
        "InitMavenIT: init %d ms, verify %d ms, init again %d ms, verify again %d ms%n",
        first.millis(), build.millis(), again.millis(), rebuild.millis());
  }

  /** The install phase's commands, one per line. */
  @SuppressWarnings("unchecked")
  private static String installCommands(Path buildspec) throws IOException {
    Map<String, Object> yaml = new Yaml().load(Files.readString(buildspec));
    Map<String, Object> phases = (Map<String, Object>) yaml.get("phases");
    Map<String, Object> install = (Map<String, Object>) phases.get("install");
    assertThat(install).as("buildspec.yaml has an install phase").isNotNull();
    return String.join("\n", (List<String>) install.get("commands"));
  }

  private static Map<String, Integer> counts(String report) {
    Matcher suite = Pattern.compile("<testsuite [^>]*>").matcher(report);
    assertThat(suite.find()).as(report).isTrue();
    List<String> names = new ArrayList<>(List.of("tests", "failures", "errors", "skipped"));
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (String name : names) {
      Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(suite.group());
      assertThat(m.find()).as(name + " in " + suite.group()).isTrue();
      counts.put(name, Integer.parseInt(m.group(1)));
    }
    return counts;
  }
}
