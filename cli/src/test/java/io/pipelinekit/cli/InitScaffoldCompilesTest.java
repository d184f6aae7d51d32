package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.Synthesis;
import io.pipelinekit.pipeline.ToolArtifact;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code pipeline init} writes works at once: its sources compile against the definition
 * library, ServiceLoader finds the definition through the registration it wrote, the pipeline
 * builds without a problem and synthesizes, and the scaffolded unit test passes when run in the
 * scaffolded folder (as Maven runs it). The full {@code mvn -B verify} with the Maven plugin is the
 * plugin module's integration test.
 */
class InitScaffoldCompilesTest {
  /** Any checksum: {@code pipeline build} and the plugin pass the real one of the tool's jar. */
  private static final String SHA256 = "ab".repeat(32);

  @TempDir Path tmp;

  @Test
  void scaffold_compilesRegistersAndSynthesizesWithoutProblems() throws Exception {
    Path shop = tmp.resolve("shop");
    assertThat(Run.of("init", shop.toString()).exitCode()).isZero();
    Path classes = compile(shop);

    try (URLClassLoader loader = loader(shop, classes)) {
      List<PipelineDefinition> found = new ArrayList<>();
      ServiceLoader.load(PipelineDefinition.class, loader).forEach(found::add);
      assertThat(found).hasSize(1);
      assertThat(found.get(0).getClass().getName()).isEqualTo("com.example.shop.ShopPipeline");

      Parameters parameters = Parameters.none();
      Pipeline pipeline = found.get(0).define(parameters);
      parameters.checkAllUsed();
      Synthesis synthesis =
          Synthesis.of(pipeline, shop, ToolArtifact.of(VersionProvider.version(), SHA256));

      assertThat(pipeline.stages())
          .extracting(Stage::name)
          .containsExactly("Source", "Build", "Deploy");
      // Besides, a -SNAPSHOT of the tool (this build's) pinned to Maven Central is warned about.
      assertThat(synthesis.warnings())
          .as("the Dockerfile init wrote is found")
          .allMatch(w -> w.contains("never holds snapshot versions"))
          .hasSize(VersionProvider.version().endsWith("-SNAPSHOT") ? 1 : 0);
      assertThat(synthesis.files())
          .containsKeys("buildspec.yaml", "pipeline.json", "codebuild-project.json");
      assertThat(synthesis.files().get("buildspec.yaml"))
          .contains("docker build --file Dockerfile")
          .contains(ToolArtifact.of(VersionProvider.version(), SHA256).repositoryPath())
          .contains(SHA256)
          .doesNotContainPattern("(^|[\\s\"'])bin/pipeline"); // the repository's launcher
      assertThat(parameters.asked())
          .containsKeys("account", "region", "repository", "branch", "ecrRepository");

      // The README's next command, through the command line: the definition found by its
      // registration (no --definition), files written for another account.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      Run build;
      try {
        build =
            Run.of(
                "build",
                "-P",
                "account=444455556666",
                "--source-root",
                shop.toString(),
                "--out",
                shop.resolve("build/pipeline").toString(),
                "--tool-version",
                VersionProvider.version(),
                "--tool-sha256",
                SHA256);
      } finally {
        thread.setContextClassLoader(previous);
      }
      assertThat(build.exitCode()).as(build.err()).isZero();
      // Only this build's -SNAPSHOT version pinned to Maven Central is warned about.
      assertThat(build.err().lines().filter(l -> !l.contains("never holds snapshot versions")))
          .noneMatch(l -> l.contains("warning"));
      assertThat(build.out()).contains("pipeline shop (V2, eu-west-1): 3 stages, 3 actions");
      assertThat(Files.readString(shop.resolve("build/pipeline/pipeline.json")))
          .contains("arn:aws:iam::444455556666:role/shop-pipeline");
    }

    assertThat(runScaffoldedTest(shop, classes, "com.example.shop.ShopPipelineTest"))
        .contains("4 passed, 0 failed");
  }

  @Test
  void scaffoldWithApi_publishesTheMergedDocumentAndItsTestPasses() throws Exception {
    Path repo = tmp.resolve("orders");
    Run init =
        Run.of(
            "init", repo.toString(), "--api", "--group-id", "org.acme", "--package", "org.acme.ci");
    assertThat(init.exitCode()).as(init.err()).isZero();
    Path classes = compile(repo);

    try (URLClassLoader loader = loader(repo, classes)) {
      PipelineDefinition definition =
          ServiceLoader.load(PipelineDefinition.class, loader).findFirst().orElseThrow();
      assertThat(definition.getClass().getName()).isEqualTo("org.acme.ci.OrdersPipeline");
      Synthesis synthesis =
          Synthesis.of(
              definition.define(Parameters.none()),
              repo,
              ToolArtifact.of(VersionProvider.version(), SHA256));

      assertThat(synthesis.openApi())
          .hasValueSatisfying(api -> assertThat(api).contains("/healthz:"));
      assertThat(synthesis.files().get("buildspec.yaml")).contains("pipeline deploy-api");
    }

    assertThat(runScaffoldedTest(repo, classes, "org.acme.ci.OrdersPipelineTest"))
        .contains("4 passed, 0 failed");
  }

  /** Compiles the scaffolded main and test sources against this test's classpath. */
  private Path compile(Path project) throws IOException {
    List<String> sources;
    try (Stream<Path> all = Files.walk(project.resolve("src"))) {
      sources = all.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    assertThat(sources).hasSize(2);
    Path classes = Files.createDirectories(tmp.resolve("classes-" + project.getFileName()));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror"));
    args.addAll(List.of("-cp", System.getProperty("java.class.path"), "-d", classes.toString()));
    args.addAll(sources);
    int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  private static URLClassLoader loader(Path project, Path classes) throws IOException {
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL(), project.resolve("src/main/resources").toUri().toURL()},
        InitScaffoldCompilesTest.class.getClassLoader());
  }

  /**
   * Runs the scaffolded test class in a JVM whose working folder is the scaffolded project (where
   * Maven's Surefire runs it), through {@link ScaffoldedTestRunner}; returns its output.
   */
  private static String runScaffoldedTest(Path project, Path classes, String testClass)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    String classpath = classes + File.pathSeparator + System.getProperty("java.class.path");
    Process process =
        new ProcessBuilder(
                java.toString(), "-cp", classpath, ScaffoldedTestRunner.class.getName(), testClass)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  /** Runs each {@code @Test} method of a JUnit 5 test class; exit 1 when one fails. */
  public static final class ScaffoldedTestRunner {
    private ScaffoldedTestRunner() {}

    public static void main(String[] args) throws Exception {
      Class<?> type = Class.forName(args[0]);
      int passed = 0;
      int failed = 0;
      for (Method method : type.getDeclaredMethods()) {
        if (!method.isAnnotationPresent(org.junit.jupiter.api.Test.class)) {
          continue;
        }
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object instance = constructor.newInstance();
        method.setAccessible(true);
        try {
          method.invoke(instance);
          passed++;
          System.out.println("passed " + method.getName());
        } catch (InvocationTargetException e) {
          failed++;
          System.out.println("FAILED " + method.getName() + ": " + e.getCause());
        }
      }
      System.out.println(passed + " passed, " + failed + " failed");
      System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }
  }
}
