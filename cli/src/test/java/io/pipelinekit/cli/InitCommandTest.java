package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline init}: what it writes, that it never replaces anything, and what it refuses. */
class InitCommandTest {
  private static final String SERVICES =
      "src/main/resources/META-INF/services/io.pipelinekit.pipeline.PipelineDefinition";

  private static final List<String> FILES =
      List.of(
          ".gitignore",
          "Dockerfile",
          "README.md",
          "pom.xml",
          "src/main/java/com/example/shop/ShopPipeline.java",
          SERVICES,
          "src/test/java/com/example/shop/ShopPipelineTest.java");

  @TempDir Path tmp;

  @Test
  void init_inAnEmptyFolder_writesEveryFileAndNamesTheNextCommands() throws IOException {
    Path shop = tmp.resolve("shop");

    Run run = Run.of("init", shop.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(files(shop).keySet()).containsExactlyElementsOf(FILES);
    for (String file : FILES) {
      assertThat(run.out()).contains("  created   " + file + "\n");
    }
    assertThat(run.out())
        .contains("com.example:shop, pipeline shop, com.example.shop.ShopPipeline")
        .contains("next:\n  cd " + shop + " && mvn -B verify")
        .contains("PIPELINE_CLASSPATH=target/classes pipeline build -P account=");
    assertThat(read(shop, SERVICES)).endsWith("\ncom.example.shop.ShopPipeline\n");
    assertThat(read(shop, ".gitignore")).isEqualTo("target/\nbuild/pipeline/\n");
    assertThat(read(shop, "pom.xml"))
        .contains("<groupId>com.example</groupId>\n  <artifactId>shop</artifactId>")
        .contains("<pipelinekit.version>" + VersionProvider.version() + "</pipelinekit.version>")
        .contains("<maven.compiler.release>17</maven.compiler.release>")
        .contains(
            "<artifactId>pipeline</artifactId>\n      <version>${pipelinekit.version}</version>")
        .contains("<artifactId>pipeline-maven-plugin</artifactId>")
        .contains("<goal>build</goal>")
        .contains("<goal>lint</goal>")
        .contains("<artifactId>junit-jupiter</artifactId>")
        .contains("<artifactId>assertj-core</artifactId>")
        .doesNotContain("{{")
        .doesNotContain("lintFile");
    assertThat(VersionProvider.version()).isNotEqualTo("unknown");
    // no hidden temporary file left beside any of them
    try (Stream<Path> all = Files.walk(shop)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void init_sameOptions_giveTheSameBytes() throws IOException {
    Run.of("init", tmp.resolve("a/shop").toString(), "--api");
    Run.of("init", tmp.resolve("b/shop").toString(), "--api");

    assertThat(files(tmp.resolve("a/shop"))).isEqualTo(files(tmp.resolve("b/shop")));
  }

  @Test
  void init_secondRun_changesNothingAndSaysSo() throws IOException {
    Path shop = tmp.resolve("shop");
    assertThat(Run.of("init", shop.toString()).exitCode()).isZero();
    Map<String, String> before = files(shop);
    Map<String, FileTime> times = modified(shop);

    Run again = Run.of("init", shop.toString());

    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(files(shop)).isEqualTo(before);
    assertThat(modified(shop)).isEqualTo(times);
    for (String file : FILES) {
      assertThat(again.out()).contains("  unchanged " + file + "\n");
    }
    assertThat(again.out()).contains("nothing to do: every file is already there");
  }

  @Test
  void init_keepsAnExistingDockerfileAndReadmeByteForByte() throws IOException {
    Path shop = Files.createDirectories(tmp.resolve("shop"));
    byte[] dockerfile = "FROM scratch\r\nCOPY app /app\n".getBytes(StandardCharsets.UTF_8);
    byte[] readme = "# Shop\n\nOur own words.".getBytes(StandardCharsets.UTF_8);
    Files.write(shop.resolve("Dockerfile"), dockerfile);
    Files.write(shop.resolve("README.md"), readme);

    Run run = Run.of("init", shop.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readAllBytes(shop.resolve("Dockerfile"))).isEqualTo(dockerfile);
    assertThat(Files.readAllBytes(shop.resolve("README.md"))).isEqualTo(readme);
    assertThat(run.out())
        .contains("  kept      Dockerfile (exists with other content; not overwritten)")
        .contains("  kept      README.md (exists with other content; not overwritten)")
        .contains("  created   pom.xml");
  }

  @Test
  void init_inAFolderWithConflictingFiles_keepsThemAddsOnlyMissingIgnoreLines() throws IOException {
    Path repo = Files.createDirectories(tmp.resolve("orders"));
    String pom = "<project><!-- the service's own build --></project>\n";
    Files.writeString(repo.resolve("pom.xml"), pom);
    Files.writeString(repo.resolve(".gitignore"), "*.log\n/target"); // no final newline
    Path services = Files.createDirectories(repo.resolve(SERVICES).getParent());
    Files.writeString(services.resolve("io.pipelinekit.pipeline.PipelineDefinition"), "x.Other\n");

    Run run = Run.of("init", repo.toString(), "--group-id", "com.acme");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(read(repo, "pom.xml")).isEqualTo(pom);
    assertThat(read(repo, SERVICES)).isEqualTo("x.Other\n");
    assertThat(read(repo, ".gitignore")).isEqualTo("*.log\n/target\nbuild/pipeline/\n");
    assertThat(run.out())
        .contains("  kept      pom.xml (exists with other content; not overwritten)")
        .contains("  kept      " + SERVICES)
        .contains("  updated   .gitignore (added build/pipeline/)")
        .contains("  created   src/main/java/com/acme/orders/OrdersPipeline.java")
        .contains("note: your pom.xml was kept; it needs the dependency io.pipelinekit:pipeline:");
  }

  @Test
  void init_refusesASymbolicLinkWhereAFileGoes_andWritesNothing() throws IOException {
    Path shop = Files.createDirectories(tmp.resolve("shop"));
    Path elsewhere = Files.writeString(tmp.resolve("elsewhere.txt"), "not yours\n");
    Files.createSymbolicLink(shop.resolve("Dockerfile"), elsewhere);
    Files.createSymbolicLink(shop.resolve("README.md"), tmp.resolve("missing.md")); // dangling

    Run run = Run.of("init", shop.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("pipeline: init: nothing written: ")
        .contains(shop.resolve("Dockerfile") + ": is a symbolic link, not a regular file")
        .contains(shop.resolve("README.md") + ": is a symbolic link")
        .contains("never follows a link")
        .doesNotContain("Exception");
    assertThat(Files.readString(elsewhere)).isEqualTo("not yours\n");
    assertThat(Files.exists(tmp.resolve("missing.md"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    try (Stream<Path> left = Files.list(shop)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("Dockerfile", "README.md");
    }
  }

  @Test
  void init_refusesALinkedFolderOnTheWay() throws IOException {
    Path shop = Files.createDirectories(tmp.resolve("shop"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.createSymbolicLink(shop.resolve("src"), outside);

    Run run = Run.of("init", shop.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(shop.resolve("src") + ": is a symbolic link, not a folder");
    try (Stream<Path> inside = Files.list(outside)) {
      assertThat(inside).isEmpty();
    }
    try (Stream<Path> left = Files.list(shop)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("src");
    }
  }

  @Test
  void init_refusesAFifoWhereAFileGoes() throws Exception {
    Path shop = Files.createDirectories(tmp.resolve("shop"));
    Fifo.make(shop.resolve(".gitignore"));

    Run run = Run.of("init", shop.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(".gitignore: is a FIFO (named pipe), not a regular file");
    assertThat(Files.exists(shop.resolve("pom.xml"))).isFalse();
  }

  @Test
  void init_onAFile_isRefused() throws IOException {
    Path file = Files.writeString(tmp.resolve("shop"), "x");

    Run run = Run.of("init", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains(file + ": is a regular file, not a folder");
  }

  @Test
  void init_namesComeFromTheFolder_whenNotGiven() throws IOException {
    Path repo = tmp.resolve("My Orders.v2");

    Run run = Run.of("init", repo.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "com.example:my-orders-v2, pipeline my-orders-v2,"
                + " com.example.myordersv2.MyOrdersV2Pipeline");
    assertThat(read(repo, "src/main/java/com/example/myordersv2/MyOrdersV2Pipeline.java"))
        .contains("package com.example.myordersv2;")
        .contains(".name(\"my-orders-v2\")");
    assertThat(run.out()).contains("  cd '" + repo + "' && mvn -B verify");
  }

  @Test
  void init_withApi_addsTheDocumentItsPublicationAndItsLint() throws IOException {
    Path shop = tmp.resolve("shop");

    Run run = Run.of("init", shop.toString(), "--api");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("  created   api/openapi.yaml");
    assertThat(read(shop, "pom.xml")).contains("<lintFile>api/openapi.yaml</lintFile>");
    assertThat(read(shop, "src/main/java/com/example/shop/ShopPipeline.java"))
        .contains("ApiPublication.of(")
        .contains("\"api/openapi.yaml\"");
    Run lint = Run.of("lint", shop.resolve("api/openapi.yaml").toString());
    assertThat(lint.exitCode()).as(lint.out() + lint.err()).isZero();
    assertThat(lint.out() + lint.err()).contains("0 error(s), 0 warning(s), 0 info");
  }

  @Test
  void dockerfileStub_pinsItsBaseAndRunsAsANonRootUser() throws IOException {
    Path shop = tmp.resolve("shop");
    Run.of("init", shop.toString());

    List<String> lines = Files.readAllLines(shop.resolve("Dockerfile"));

    List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(from).hasSize(1);
    assertThat(from.get(0))
        .matches("FROM [a-z0-9./-]+:\\d[A-Za-z0-9._-]*")
        .doesNotContain("latest");
    List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users).isNotEmpty();
    assertThat(users.get(users.size() - 1)).isEqualTo("USER 10001:10001");
    assertThat(lines).noneMatch(l -> l.startsWith("ADD ")).noneMatch(l -> l.contains("sudo"));
  }

  @Test
  void init_badOptions_areUsageErrors() {
    Run badPackage = Run.of("init", tmp.resolve("a").toString(), "--package", "com.example.class");
    assertThat(badPackage.exitCode()).isEqualTo(2);
    assertThat(badPackage.err())
        .contains("--package 'com.example.class' is not a Java package name")
        .contains("Run 'pipeline init --help' for usage.");

    Run badName = Run.of("init", tmp.resolve("b").toString(), "--name", "Shop_Service");
    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(badName.err()).contains("--name 'Shop_Service' is not a pipeline name");

    Run longName = Run.of("init", tmp.resolve("x".repeat(41)).toString());
    assertThat(longName.exitCode()).isEqualTo(2);
    assertThat(longName.err()).contains("makes no pipeline name").contains("pass --name");

    Run badGroup = Run.of("init", tmp.resolve("c").toString(), "--group-id", "com/example");
    assertThat(badGroup.exitCode()).isEqualTo(2);
    assertThat(badGroup.err()).contains("--group-id 'com/example' is not a Maven id");

    assertThat(Files.exists(tmp.resolve("a"))).isFalse();
    assertThat(Files.exists(tmp.resolve("b"))).isFalse();
  }

  @Test
  void readme_quickStartShowsTheDefinitionInitWrites() throws IOException {
    Path shop = tmp.resolve("shop");
    Run.of("init", shop.toString());
    String written = read(shop, "src/main/java/com/example/shop/ShopPipeline.java");
    // the README leaves out the class's Javadoc
    String shown =
        written.substring(0, written.indexOf("/**")).stripTrailing()
            + "\n\n"
            + written.substring(written.indexOf("public final class"));
    String readme = Files.readString(RepoRoot.find().resolve("README.md"));

    assertThat(readme).contains("```java\n" + shown + "```\n");
  }

  /** Every regular file under {@code root}, by relative path, with its text; sorted. */
  static Map<String, String> files(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
      }
    }
    return files;
  }

  private static Map<String, FileTime> modified(Path root) throws IOException {
    Map<String, FileTime> times = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.toList()) {
        times.put(root.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return times;
  }

  private static String read(Path root, String file) throws IOException {
    return Files.readString(root.resolve(file));
  }
}
