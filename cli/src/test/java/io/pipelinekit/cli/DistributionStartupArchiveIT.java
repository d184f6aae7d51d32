package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.UnpackedDistribution.Result;
import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher's class-data-sharing archive: written after the first run from a training
 * run of every command, so later runs of any command map it; one per Java version; kept with {@code
 * PIPELINE_CLASSPATH}; written again when the JVM refuses it. The archive unpacked outside the
 * repository, run with a clean environment, as {@link DistributionIT} does.
 */
class DistributionStartupArchiveIT {
  private static final String VERSION = UnpackedDistribution.VERSION;
  private static final Path JAVA_HOME = UnpackedDistribution.JAVA_HOME;

  private static final String SMALL_API =
      """
      openapi: 3.0.3
      info: {title: Pets, version: 1.0.0}
      paths:
        /pets:
          get:
            operationId: listPets
            responses:
              '200': {description: The pets}
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: https://nlb.internal.example.com/pets
      """;

  @TempDir static Path tmp;
  static UnpackedDistribution dist;
  static Path launcher;
  static Path work;

  @BeforeAll
  static void install() throws Exception {
    dist = UnpackedDistribution.unpack(tmp);
    launcher = dist.launcher();
    work = Files.createDirectories(tmp.resolve("work"));
    Files.writeString(work.resolve("pets.yaml"), SMALL_API);
  }

  @Test
  void afterAVersionRun_lintAndBuildLoadEveryToolClassFromTheArchive_alsoWithPipelineClasspath()
      throws Exception {
    Map<String, String> env = homeWithItsArchive(tmp.resolve("home-cover"));

    Path lintLog = tmp.resolve("lint-classes.log");
    Result lint =
        run(withOpts(env, "-Xshare:on -Xlog:class+load:file=" + lintLog), "lint", "pets.yaml");
    assertThat(lint.code()).as(lint.err()).isZero();
    assertThat(notFromArchive(lintLog)).isEmpty();

    // The user's definition appended to the classpath: the archive still maps.
    Map<String, String> withDefinitions = new HashMap<>(env);
    withDefinitions.put(
        "PIPELINE_CLASSPATH",
        codeSource(TestDefinitions.class) + File.pathSeparator + codeSource(FixturesAccess.class));
    Path buildLog = tmp.resolve("build-classes.log");
    Result build =
        run(
            withOpts(withDefinitions, "-Xshare:on -Xlog:class+load:file=" + buildLog),
            "build",
            "--definition",
            TestDefinitions.Minimal.class.getName(),
            "--out",
            tmp.resolve("out").toString(),
            "--source-root",
            RepoRoot.find().toString());
    assertThat(build.code()).as(build.err()).isZero();
    assertThat(build.out()).contains("openapi.yaml");
    assertThat(notFromArchive(buildLog)).isEmpty();
    // A lambda's class is generated when its call site first runs (bytecode spun and defined, a few
    // hundred microseconds each on a cold JVM, and work for the JIT compiler) unless the archive
    // holds it. JDK 17's archive holds the lambdas its training run reached, except serializable
    // ones (Comparator.comparing(...), thenComparing(...), reversed() return those): a build of a
    // pipeline like the bundled service's (its API fragments, linted after the merge) generates
    // none, e.g. no "java.util.Comparator$$Lambda$142/0x... source: java.util.Comparator".
    assertThat(Files.readAllLines(buildLog))
        .filteredOn(l -> l.contains("$$Lambda$") && !l.contains("source: shared objects file"))
        .isEmpty();
  }

  /**
   * A class of the tool's own jars that the archive lacks is looked for jar by jar, opening every
   * jar before it in lib/: none may be, in any short command (the user's definition classes, from
   * PIPELINE_CLASSPATH, excepted). Nor may a command generate the class of a lambda of the tool's
   * own code: the archive holds those of the call sites its training run reached, and a user's
   * pipeline reaches more of the library than the bundled service's (approvals, blue/green deploys,
   * variables, pull-request triggers, several projects: about 17 lambdas per build). Lambdas of the
   * JDK's own classes are left out here: which of those a lint generates depends on which of its
   * two threads first links a call site the JDK's classes share (the regex classes').
   */
  @Test
  void everyShortCommand_loadsNoClassOfTheToolsJarsFromAJar() throws Exception {
    Map<String, String> env = homeWithItsArchive(tmp.resolve("home-commands"));
    Map<String, String> withDefinitions = new HashMap<>(env);
    withDefinitions.put(
        "PIPELINE_CLASSPATH",
        codeSource(TestDefinitions.class) + File.pathSeparator + codeSource(FixturesAccess.class));
    Files.writeString(work.resolve("gateway.yaml"), GATEWAY);
    // The kitchen sink: every kind of stage and action, caches, parameters.
    String kitchen = TestDefinitions.Kitchen.class.getName();
    Path sources = KitchenSources.writeTo(Files.createDirectories(tmp.resolve("kitchen-src")));
    String[][] runs = {
      {"--version"},
      {"-V"},
      {
        "build",
        "--definition",
        kitchen,
        "--out",
        tmp.resolve("kitchen-out").toString(),
        "--source-root",
        sources.toString()
      },
      {"lint", "pets.yaml"},
      {"lint", "buildspec.yml"},
      {"lint", "--help"},
      {"rules"},
      {"graph", "--definition", kitchen},
      {"graph", "--definition", kitchen, "--format", "dot"},
      {"diff", "pets.yaml", "pets.yaml"},
      {"merge", "pets.yaml", "gateway.yaml", "-o", "merged.yaml"},
      {"init", tmp.resolve("init-project").toString()},
      {"completion", "bash"},
    };
    Files.writeString(work.resolve("buildspec.yml"), BUILDSPEC);
    Map<String, List<String>> fromJars = new java.util.LinkedHashMap<>();
    Map<String, List<String>> lambdas = new java.util.LinkedHashMap<>();
    Map<String, List<String>> spunClasses = new java.util.LinkedHashMap<>();
    for (String[] args : runs) {
      String name = String.join(" ", args);
      Path log = Files.createTempFile(tmp, "classes-" + args[0], ".log");
      Result result =
          run(withOpts(withDefinitions, "-Xshare:on -Xlog:class+load:file=" + log), args);
      assertThat(result.code()).as(name + ": " + result.err()).isZero();
      List<String> loaded = notFromArchive(log);
      if (!loaded.isEmpty()) {
        fromJars.put(name, loaded);
      }
      List<String> generated =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("] io.pipelinekit.") && l.contains("$$Lambda$"))
              .filter(l -> !l.contains("source: shared objects file"))
              .toList();
      if (!generated.isEmpty()) {
        lambdas.put(name, generated);
      }
      // method-handle classes spun at run time: the JDK's own few, not a record's generated
      // methods or a JDK module's string concatenation (init spun 23 of them, ~0.03 s)
      List<String> spun =
          Files.readAllLines(log).stream()
              .filter(l -> l.contains("source: __JVM_LookupDefineClass__"))
              .toList();
      if (spun.size() > 3) {
        spunClasses.put(name, spun);
      }
    }
    assertThat(fromJars).isEmpty();
    assertThat(lambdas).isEmpty();
    assertThat(spunClasses).isEmpty();
  }

  private static final String BUILDSPEC =
      """
      version: 0.2
      phases:
        install:
          runtime-versions:
            java: corretto17
        build:
          commands:
            - mvn -B package
      artifacts:
        files:
          - '**/*'
      """;

  /**
   * Short commands run G1, the one collector with which JDK 17 maps the archive's Java objects
   * (dumped with G1: the module graph among them), and so does a lint of small documents (64 KiB in
   * all at most); commands that read a document of any size run the parallel collector (a large
   * document's tree is live to the end: each young collection copies it, on two threads). Both map
   * the classes.
   */
  @Test
  void shortCommandsMapTheArchivesObjectsWithG1_documentCommandsRunTheParallelCollector()
      throws Exception {
    Map<String, String> env = homeWithItsArchive(tmp.resolve("home-collectors"));
    // 64 KiB and one byte: no longer small
    String big = SMALL_API + "#".repeat(65536 - SMALL_API.length()) + "\n";
    Files.writeString(work.resolve("big.yaml"), big);
    assertThat(Files.size(work.resolve("big.yaml"))).isEqualTo(65537);
    Files.writeString(work.resolve("edge.yaml"), big.substring(0, big.length() - 2) + "\n");
    assertThat(Files.size(work.resolve("edge.yaml"))).isEqualTo(65536);
    // the options after the launcher's own: these logs on, to files
    String[][] runs = {
      {"--version"},
      {"rules"},
      {"-V"},
      {"lint", "pets.yaml"},
      {"lint", "--format", "json", "--", "edge.yaml"},
      {"lint", "big.yaml"},
      {"lint", "pets.yaml", "edge.yaml"},
      {"diff", "pets.yaml", "pets.yaml"},
      {"diff", "pets.yaml", "big.yaml"},
      {"merge", "pets.yaml", "gateway.yaml", "-o", "small-merged.yaml"}
    };
    Map<String, String> collectors = new java.util.LinkedHashMap<>();
    Map<String, Boolean> moduleGraph = new java.util.LinkedHashMap<>();
    for (String[] args : runs) {
      String name = String.join(" ", args);
      Path gc = tmp.resolve("gc-" + name.replace(' ', '_') + ".log");
      Path cds = tmp.resolve("cds-" + name.replace(' ', '_') + ".log");
      Result result =
          run(
              withOpts(env, "-Xshare:on -Xlog:gc=info:file=" + gc + " -Xlog:cds=info:file=" + cds),
              args);
      assertThat(result.code()).as(name + ": " + result.err()).isZero();
      String gcLog = Files.readString(gc);
      collectors.put(
          name,
          gcLog.contains("Using G1")
              ? "G1"
              : gcLog.contains("Using Parallel") ? "Parallel" : gcLog);
      moduleGraph.put(name, Files.readString(cds).contains("full module graph: enabled"));
    }
    assertThat(collectors)
        .containsExactly(
            Map.entry("--version", "G1"),
            Map.entry("rules", "G1"),
            Map.entry("-V", "G1"),
            Map.entry("lint pets.yaml", "G1"),
            Map.entry("lint --format json -- edge.yaml", "G1"),
            Map.entry("lint big.yaml", "Parallel"),
            Map.entry("lint pets.yaml edge.yaml", "Parallel"),
            Map.entry("diff pets.yaml pets.yaml", "G1"),
            Map.entry("diff pets.yaml big.yaml", "Parallel"),
            Map.entry("merge pets.yaml gateway.yaml -o small-merged.yaml", "G1"));
    assertThat(moduleGraph)
        .containsExactly(
            Map.entry("--version", true),
            Map.entry("rules", true),
            Map.entry("-V", true),
            Map.entry("lint pets.yaml", true),
            Map.entry("lint --format json -- edge.yaml", true),
            Map.entry("lint big.yaml", false),
            Map.entry("lint pets.yaml edge.yaml", false),
            Map.entry("diff pets.yaml pets.yaml", true),
            Map.entry("diff pets.yaml big.yaml", false),
            Map.entry("merge pets.yaml gateway.yaml -o small-merged.yaml", true));
  }

  private static final String GATEWAY =
      """
      openapi: 3.0.3
      info: {title: Pets, version: 1.0.0}
      paths:
        /pets:
          get:
            security: []
      """;

  @Test
  void anotherJavaVersion_getsItsOwnArchive_andAnArchiveTheJavaRefusesIsWrittenAgain()
      throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home-versions"));
    Result first = run(env(home, JAVA_HOME), "--version");
    assertThat(first.code()).as(first.err()).isZero();
    List<Path> one = archives(home);
    assertThat(one)
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.getFileName().toString())
                    .startsWith("java-" + System.getProperty("java.version") + "-"));

    // Another Java installation, of another version: its release file names it (the binary is
    // this JVM's, through a symlink, so it runs anywhere).
    Path other = Files.createDirectories(tmp.resolve("jdk-other/bin"));
    Files.createSymbolicLink(other.resolve("java"), JAVA_HOME.resolve("bin/java"));
    Files.writeString(other.resolve("../release"), "JAVA_VERSION=\"17.0.99\"\n");
    Path otherHome = other.getParent();
    Result second = run(env(home, otherHome), "--version");
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).isEmpty();
    List<Path> two = archives(home);
    assertThat(two).hasSize(2).containsAll(one);
    Path otherArchive = two.stream().filter(p -> !one.contains(p)).findFirst().orElseThrow();
    assertThat(otherArchive.getFileName().toString()).startsWith("java-17.0.99-");

    // An archive the JVM refuses (here: not an archive at all, as one of another JVM build is to
    // it): the run still works and prints nothing about it, and the archive is written again.
    Files.write(otherArchive, new byte[4096]);
    Result refused = run(env(home, otherHome), "--version");
    assertThat(refused.code()).as(refused.err()).isZero();
    assertThat(refused.err()).isEmpty();
    assertThat(refused.out()).isEqualTo(first.out());
    assertThat(Files.size(otherArchive)).isGreaterThan(1 << 20);
    Result strict = run(withOpts(env(home, otherHome), "-Xshare:on"), "--version");
    assertThat(strict.code()).as(strict.err()).isZero();
    assertThat(strict.err()).isEmpty();
  }

  @Test
  void aJavaOfAnotherMajorVersion_refusesTheOthersArchive_andTheLauncherWritesItsOwn()
      throws Exception {
    Path otherJdk = otherMajorJdk();
    Assumptions.assumeTrue(
        otherJdk != null, "no Java of another major version (PIPELINEKIT_OTHER_JAVA_HOME)");
    Path home = Files.createDirectories(tmp.resolve("home-major"));
    Result ours = run(env(home, JAVA_HOME), "--version");
    assertThat(ours.code()).as(ours.err()).isZero();
    Result theirs = run(env(home, otherJdk), "--version");
    assertThat(theirs.code()).as(theirs.err()).isZero();
    assertThat(theirs.err()).isEmpty();
    List<Path> both = archives(home);
    assertThat(both).hasSize(2);

    // The other Java handed this JVM's archive under its own name (as when a JDK is replaced in
    // place): it refuses it, silently; the launcher writes the other Java's archive again.
    Path ourArchive =
        both.stream()
            .filter(p -> p.getFileName().toString().startsWith("java-" + javaVersion(JAVA_HOME)))
            .findFirst()
            .orElseThrow();
    Path theirArchive = both.stream().filter(p -> !p.equals(ourArchive)).findFirst().orElseThrow();
    Files.copy(ourArchive, theirArchive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Result refused = run(env(home, otherJdk), "--version");
    assertThat(refused.code()).as(refused.err()).isZero();
    assertThat(refused.err()).isEmpty();
    assertThat(Files.mismatch(ourArchive, theirArchive)).isNotEqualTo(-1L);
    Result strict = run(withOpts(env(home, otherJdk), "-Xshare:on"), "--version");
    assertThat(strict.code()).as(strict.err()).isZero();
    assertThat(strict.out()).isEqualTo(ours.out());
  }

  /** PIPELINEKIT_OTHER_JAVA_HOME, else a JDK under /usr/lib/jvm of another major version. */
  private static Path otherMajorJdk() throws IOException {
    String configured = System.getenv("PIPELINEKIT_OTHER_JAVA_HOME");
    if (configured != null && !configured.isEmpty()) {
      return Path.of(configured);
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    String ours = major(javaVersion(JAVA_HOME));
    try (Stream<Path> homes = Files.list(jvms)) {
      return homes
          .filter(h -> Files.isExecutable(h.resolve("bin/java")) && !Files.isSymbolicLink(h))
          .filter(h -> javaVersion(h) != null && !major(javaVersion(h)).equals(ours))
          .sorted()
          .findFirst()
          .orElse(null);
    }
  }

  private static String javaVersion(Path javaHome) {
    try {
      for (String line : Files.readAllLines(javaHome.resolve("release"))) {
        if (line.startsWith("JAVA_VERSION=")) {
          return line.substring("JAVA_VERSION=".length()).replace("\"", "");
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static String major(String version) {
    return version.split("[.+-]")[0];
  }

  /** Classes the log says were loaded from the installation's lib/ instead of the archive. */
  private static List<String> notFromArchive(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    assertThat(lines)
        .anyMatch(l -> l.contains("io.pipelinekit.cli.PipelineCli source: shared objects file"));
    String lib = launcher.getParent().getParent().resolve("lib").toString();
    return lines.stream().filter(l -> l.contains(lib)).toList();
  }

  private static List<Path> archives(Path home) throws IOException {
    Path cache = home.resolve(".cache/pipelinekit/" + VERSION);
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(p -> p.toString().endsWith(".jsa")).sorted().toList();
    }
  }

  /**
   * A new home folder, and the environment of a run there, after a first {@code --version} run
   * (quiet, exit 0) that wrote its one start-up archive.
   */
  private static Map<String, String> homeWithItsArchive(Path home) throws Exception {
    Files.createDirectories(home);
    Map<String, String> env = env(home, JAVA_HOME);
    Result first = run(env, "--version");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).isEmpty();
    assertThat(archives(home)).hasSize(1);
    return env;
  }

  private static Map<String, String> env(Path home, Path javaHome) {
    return Map.of(
        "PATH", "/usr/bin:/bin", "HOME", home.toString(), "JAVA_HOME", javaHome.toString());
  }

  private static Map<String, String> withOpts(Map<String, String> env, String opts) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put("PIPELINE_JAVA_OPTS", opts);
    return copy;
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    return dist.pipeline(work, env, args);
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
