package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Static checks of the two images (no Docker engine here), and of the checks themselves. */
class DockerfileTest {

  private static final Path APP = RepoFiles.path("service/release/app/Dockerfile");
  private static final Path NGINX = RepoFiles.path("service/release/nginx/Dockerfile");
  private static final Path TEMPLATE =
      RepoFiles.path("service/release/nginx/templates/default.conf.template");

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  @Test
  void appDockerfile_passesTheChecks() throws IOException {
    assertThat(DockerfileLint.check(read(APP), AppConfig.DEFAULT_PORT))
        .as(APP.toString())
        .isEmpty();
  }

  @Test
  void nginxDockerfile_passesTheChecks() throws IOException {
    assertThat(DockerfileLint.check(read(NGINX), 80)).as(NGINX.toString()).isEmpty();
  }

  @Test
  void appDockerfile_runsAsUid10001OnAJreWithOnlyTheJarAndItsLibraries() throws IOException {
    List<DockerfileLint.Instruction> all = DockerfileLint.parse(read(APP));
    int last = 0;
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).keyword().equals("FROM")) {
        last = i;
      }
    }
    List<DockerfileLint.Instruction> runtime = all.subList(last, all.size());
    assertThat(runtime.get(0).args()).isEqualTo("${JRE_IMAGE}");
    assertThat(read(APP)).containsPattern("ARG JRE_IMAGE=eclipse-temurin:17\\.0\\.\\d+_\\d+-jre-");
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("USER"))
        .extracting(DockerfileLint.Instruction::args)
        .containsExactly("10001:10001");
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("COPY"))
        .extracting(DockerfileLint.Instruction::args)
        .allMatch(a -> a.startsWith("--from=build /src/service/app/target/"));
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("RUN"))
        .extracting(DockerfileLint.Instruction::args)
        .noneMatch(a -> a.matches(".*(apt-get|apk|mvn|gradle|curl|wget).*"));
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("ENTRYPOINT"))
        .extracting(DockerfileLint.Instruction::args)
        .singleElement()
        .asString()
        .contains("\"-XX:SharedArchiveFile=/app/app.jsa\"")
        .contains("\"-jar\", \"/app/service-app.jar\"");
    assertThat(runtime)
        .filteredOn(i -> i.keyword().equals("RUN"))
        .extracting(DockerfileLint.Instruction::args)
        .contains("java -XX:ArchiveClassesAtExit=/app/app.jsa -jar /app/service-app.jar --train");
  }

  @Test
  void appDockerfile_copiesEveryModulePomTheReactorReads() throws IOException {
    Set<String> poms = new LinkedHashSet<>();
    collectModulePoms(RepoFiles.root(), "", poms);
    String dockerfile = read(APP);
    for (String pom : poms) {
      String dir = pom.contains("/") ? pom.substring(0, pom.lastIndexOf('/') + 1) : "./";
      assertThat(dockerfile)
          .as("%s must COPY %s (Maven reads every module of the reactor)", APP, pom)
          .contains("COPY " + pom + " " + dir);
    }
  }

  private static void collectModulePoms(Path root, String dir, Set<String> out) throws IOException {
    String pomPath = dir.isEmpty() ? "pom.xml" : dir + "/pom.xml";
    out.add(pomPath);
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(read(root.resolve(pomPath)));
    while (m.find()) {
      collectModulePoms(root, dir.isEmpty() ? m.group(1) : dir + "/" + m.group(1), out);
    }
  }

  @Test
  void nginxDockerfile_setsEveryTemplateVariableAndLetsOnlyThoseThrough() throws IOException {
    Set<String> templateVars = new LinkedHashSet<>();
    Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)}").matcher(read(TEMPLATE));
    while (m.find()) {
      templateVars.add(m.group(1));
    }
    assertThat(templateVars)
        .containsExactlyInAnyOrder("NGINX_LISTEN", "NGINX_LISTEN_IPV6", "APP_UPSTREAM");
    Map<String, String> env = new java.util.LinkedHashMap<>();
    for (DockerfileLint.Instruction in : DockerfileLint.parse(read(NGINX))) {
      if (in.keyword().equals("ENV")) {
        env.putAll(DockerfileLint.assignments(in.args()));
      }
    }
    assertThat(env)
        .containsEntry("NGINX_LISTEN", "80")
        .containsEntry("NGINX_LISTEN_IPV6", "[::]:80")
        .containsEntry("APP_UPSTREAM", "127.0.0.1:9000");
    Pattern filter = Pattern.compile(env.get("NGINX_ENVSUBST_FILTER"));
    for (String var : templateVars) {
      assertThat(filter.matcher(var).find()).as("filter lets %s through", var).isTrue();
    }
    assertThat(filter.matcher("HOSTNAME").find()).isFalse();
    assertThat(read(NGINX)).containsPattern("FROM nginx:1\\.\\d+\\.\\d+-alpine");
  }

  @Test
  void nginxTemplate_keepsTheRequiredProxySettings() throws IOException {
    String t = read(TEMPLATE);
    assertThat(t)
        .contains("listen ${NGINX_LISTEN} default_server;")
        .contains("listen ${NGINX_LISTEN_IPV6} default_server;")
        .contains("server ${APP_UPSTREAM};")
        .contains("server_tokens off;")
        .contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;")
        .contains("proxy_set_header X-Forwarded-Proto")
        .contains("proxy_set_header X-Request-Id $pk_request_id;")
        .contains("client_max_body_size")
        .contains("proxy_connect_timeout")
        .contains("proxy_read_timeout")
        .contains("location = /healthz");
  }

  @Test
  void lint_flagsLatestUntaggedRootSecretsAndWrongPort() {
    String bad =
        String.join(
            "\n",
            "ARG BASE=debian",
            "FROM maven:latest AS build",
            "FROM ${BASE}",
            "ENV DB_PASSWORD=hunter2 \\",
            "    REGION=us-east-1",
            "ARG GITHUB_TOKEN",
            "ENV KEY_ID=AKIAABCDEFGHIJKLMNOP",
            "USER root",
            "EXPOSE 8080");
    List<String> problems = new ArrayList<>(DockerfileLint.check(bad, 9000));
    assertThat(problems)
        .anyMatch(p -> p.startsWith("line 2: FROM maven:latest uses latest"))
        .anyMatch(p -> p.startsWith("line 3: FROM debian has no tag"))
        .anyMatch(p -> p.startsWith("line 4: ENV DB_PASSWORD looks like a secret"))
        .anyMatch(p -> p.startsWith("line 6: ARG GITHUB_TOKEN looks like a secret"))
        .anyMatch(p -> p.startsWith("line 7: ENV KEY_ID holds an AWS access key id"))
        .anyMatch(p -> p.contains("runs as root"))
        .anyMatch(p -> p.contains("should EXPOSE 9000 only, exposes [8080]"))
        .hasSize(7);
  }

  @Test
  void lint_flagsAMissingUserAndAFloatingTag() {
    List<String> problems =
        DockerfileLint.check("FROM eclipse-temurin:17-jre\nEXPOSE 9000\n", 9000);
    assertThat(problems)
        .containsExactly(
            "line 1: FROM eclipse-temurin:17-jre is not pinned to a release (x.y)",
            "the final stage has no USER: it would run as root");
  }
}
