package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.UnpackedDistribution.Result;
import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release artifacts as a user gets them, after {@code package}: the archive unpacked outside
 * the repository with {@code bin/pipeline} symlinked onto {@code PATH} and run from another folder
 * in a clean environment; the runnable jar run with {@code java -jar}; the SHA-256 files.
 */
class DistributionIT {
  private static final String VERSION = UnpackedDistribution.VERSION;
  private static final Path TARGET = UnpackedDistribution.TARGET;
  private static final Path ARCHIVE = UnpackedDistribution.ARCHIVE;
  private static final Path RUNNABLE_JAR = TARGET.resolve("pipeline-cli-" + VERSION + "-all.jar");
  private static final Path JAVA_HOME = UnpackedDistribution.JAVA_HOME;
  private static final Path JAVA = JAVA_HOME.resolve("bin/java");

  private static final String PETS =
      """
      openapi: 3.0.3
      info: {title: Pets, version: 1.0.0}
      paths:
        /pets:
          get:
            operationId: listPets
            responses:
              '200': {description: The pets}
      """;
  private static final String GATEWAY =
      """
      openapi: 3.0.3
      info: {title: gateway, version: 1.0.0}
      paths:
        /pets:
          get:
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: http://nlb.internal/pets
      """;

  @TempDir static Path tmp;
  static Path installed;
  static Path pathDir;
  static Path work;
  static Path home;

  static UnpackedDistribution dist;

  @BeforeAll
  static void install() throws Exception {
    assertThat(tmp.toRealPath().startsWith(RepoRoot.find().toRealPath())).isFalse();
    dist = UnpackedDistribution.unpack(tmp);
    installed = dist.installed();
    // Onto PATH through two symlinks, the first one relative: the launcher must follow both to
    // find its lib/.
    Path links = Files.createDirectories(tmp.resolve("links"));
    Files.createSymbolicLink(links.resolve("pipeline"), installed.resolve("bin/pipeline"));
    pathDir = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(pathDir.resolve("pipeline"), Path.of("../links/pipeline"));
    work = Files.createDirectories(tmp.resolve("work"));
    home = Files.createDirectories(tmp.resolve("home"));
  }

  @Test
  void archive_holdsLauncherLibrariesDocsAndLegalFiles() {
    assertThat(installed.resolve("bin/pipeline")).isExecutable();
    assertThat(installed.resolve("lib/pipeline-cli-" + VERSION + ".jar")).isRegularFile();
    // the runnable jar's checksum, which pipeline build pins generated buildspecs to
    assertThat(installed.resolve("lib/pipeline-cli-" + VERSION + "-all.jar.sha256"))
        .hasSameTextualContentAs(
            RUNNABLE_JAR.resolveSibling(RUNNABLE_JAR.getFileName() + ".sha256"));
    // the libraries: the runnable jar itself, byte for byte, and no other jar
    assertThat(installed.resolve("lib/pipeline-cli-" + VERSION + "-all.jar"))
        .hasSameBinaryContentAs(RUNNABLE_JAR);
    assertThat(installed.resolve("lib").toFile().list((d, n) -> n.endsWith(".jar")))
        .containsExactlyInAnyOrder(
            "pipeline-cli-" + VERSION + ".jar", "pipeline-cli-" + VERSION + "-all.jar");
    assertThat(installed.resolve("docs/rules/README.md")).isRegularFile();
    assertThat(installed.resolve("LICENSE")).content().contains("Apache License", "Version 2.0");
    assertThat(installed.resolve("NOTICE")).content().contains("pipelinekit");
    assertThat(installed.resolve("README.md")).isRegularFile();
  }

  @Test
  void installed_versionAndBuildHelp_workFromAnotherFolder_andTheSecondRunUsesItsCdsArchive()
      throws Exception {
    // java found on PATH only (through a symlink, as /usr/bin/java usually is); no JAVA_HOME.
    Path javaDir = Files.createDirectories(tmp.resolve("java-on-path"));
    Files.createSymbolicLink(javaDir.resolve("java"), JAVA);
    Map<String, String> env = Map.of("PATH", pathWith(javaDir), "HOME", home.toString());

    Result first = exec(work, env, "pipeline", "--version");
    assertThat(first.err()).isEmpty();
    assertThat(first.code()).isZero();
    assertThat(first.out()).isEqualTo("pipeline " + VERSION + " (commit " + commit() + ")\n");
    Path cache = home.resolve(".cache/pipelinekit/" + VERSION);
    try (Stream<Path> files = Files.list(cache)) {
      // and, from the training run's build, JNA's native library (JnaDispatchCache)
      // (and, once the cache exists, where the java on PATH really is: java-on-path)
      assertThat(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> !n.startsWith("jna-") && !n.equals("java-on-path")))
          .singleElement()
          .satisfies(name -> assertThat(name).startsWith("java-").endsWith(".jsa"));
    }

    // The archive maps: -Xshare:on (after the launcher's -Xshare:auto) fails the run when not.
    Map<String, String> strict = new java.util.HashMap<>(env);
    strict.put("PIPELINE_JAVA_OPTS", "-Xshare:on");
    Result second = exec(work, strict, "pipeline", "--version");
    assertThat(second.err()).isEmpty();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.code()).isZero();

    Result help = exec(work, env, "pipeline", "build", "--help");
    assertThat(help.code()).as(help.err()).isZero();
    assertThat(help.out()).startsWith("Usage: pipeline build ").contains("--definition");
  }

  @Test
  void installed_build_remembersTheMergedApiAndItsLintErrors_andWorksAgainWhenTheApiChanges()
      throws Exception {
    Path cacheHome = tmp.resolve("api-lint-cache-home");
    Path sources = KitchenSources.writeTo(work.resolve("api-lint-cache-src"));
    Path gateway = sources.resolve("api/gateway.yaml");
    String fine = Files.readString(gateway);
    Files.writeString(gateway, fine.replace("type: http_proxy", "type: http_prox"));
    Map<String, String> env =
        Map.of(
            "PATH",
            pathWith(),
            "JAVA_HOME",
            JAVA_HOME.toString(),
            "XDG_CACHE_HOME",
            cacheHome.toString(),
            "PIPELINE_CLASSPATH",
            String.join(
                File.pathSeparator,
                codeSource(TestDefinitions.class),
                codeSource(FixturesAccess.class)));
    String[] build = {
      "build",
      "--definition",
      TestDefinitions.Kitchen.class.getName(),
      "--out",
      work.resolve("api-lint-cache-out").toString(),
      "--source-root",
      sources.toString(),
      TestDefinitions.TOOL[0],
      TestDefinitions.TOOL[1],
      TestDefinitions.TOOL[2],
      TestDefinitions.TOOL[3]
    };

    Result first = dist.pipeline(work, env, build);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("pipeline: warning: CodeBuild project").contains("http_prox");
    Path folder = cacheHome.resolve("pipelinekit/" + VERSION + "/" + BuildCache.FOLDER);
    // the merged document and its lint errors
    Map<Path, Object> inodes = inodes(folder);
    assertThat(inodes).hasSize(2);
    for (Path entry : inodes.keySet()) {
      assertThat(Files.readString(entry)).contains("http_prox");
    }

    // the same API again: the same warnings, from the entries (a miss writes its entry anew)
    Result second = dist.pipeline(work, env, build);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err()).isEqualTo(first.err());
    assertThat(inodes(folder)).isEqualTo(inodes);

    // the API fixed: merged and linted again, no warning, two more entries
    Files.writeString(gateway, fine);
    Result third = dist.pipeline(work, env, build);
    assertThat(third.code()).as(third.err()).isZero();
    assertThat(third.err()).doesNotContain("warning");
    assertThat(inodes(folder)).hasSize(4).containsAllEntriesOf(inodes);
  }

  /** Each file in {@code folder} with its inode number. */
  private static Map<Path, Object> inodes(Path folder) throws IOException {
    Map<Path, Object> inodes = new java.util.TreeMap<>();
    try (Stream<Path> entries = Files.list(folder)) {
      for (Path entry : entries.toList()) {
        inodes.put(entry, Files.getAttribute(entry, "unix:ino"));
      }
    }
    return inodes;
  }

  @Test
  void installed_javaOnPath_isRememberedOnlyWhileItIsStillTheSameFile() throws Exception {
    Path memoHome = Files.createDirectories(tmp.resolve("home-java-memo"));
    Path javaDir = Files.createDirectories(tmp.resolve("java-memo"));
    Path onPath = javaDir.resolve("java");
    Files.createSymbolicLink(onPath, JAVA);
    Map<String, String> env = Map.of("PATH", pathWith(javaDir), "HOME", memoHome.toString());
    for (int i = 0; i < 2; i++) { // the first run writes the cache folder, the second the memo
      Result r = exec(work, env, "pipeline", "--version");
      assertThat(r.code()).as(r.err()).isZero();
    }
    Path memo = memoHome.resolve(".cache/pipelinekit/" + VERSION + "/java-on-path");
    String real = onPath + "\n" + JAVA.toRealPath() + "\n";
    assertThat(memo).hasContent(real);

    // A memo naming another file than the java on PATH is not believed: here a Java 11
    // installation's (its release file says so), which the launcher would refuse to run.
    Path other = Files.createDirectories(tmp.resolve("other-jdk/bin"));
    Files.copy(JAVA, other.resolve("java"));
    Files.writeString(other.resolve("../release"), "JAVA_VERSION=\"11.0.2\"\n");
    Files.writeString(memo, onPath + "\n" + other.resolve("java") + "\n");
    Result r = exec(work, env, "pipeline", "--version");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("pipeline " + VERSION + " ");
    assertThat(memo).as("written again").hasContent(real);
  }

  @Test
  void installed_classpath_isTheClisJarThenTheRunnableJar() throws Exception {
    // Whatever a run asks the classpath for that the start-up archive does not answer is looked up
    // jar by jar: two jars, the small one first (all --version needs), not a hundred.
    Map<String, String> env =
        Map.of(
            "PATH",
            pathWith(JAVA_HOME.resolve("bin")),
            "HOME",
            home.toString(),
            "PIPELINE_CDS",
            "0",
            "PIPELINE_JAVA_OPTS",
            "-XshowSettings:properties");
    Result run = exec(work, env, "pipeline", "--version");
    assertThat(run.code()).as(run.err()).isZero();
    String lib = installed.resolve("lib").toString() + "/";
    List<String> classpath = new ArrayList<>();
    boolean inClasspath = false;
    for (String line : run.err().split("\\n")) {
      String entry = line.strip();
      if (entry.startsWith("java.class.path = ")) {
        inClasspath = true;
        entry = entry.substring("java.class.path = ".length());
      } else if (entry.contains(" = ")) {
        inClasspath = false;
      }
      if (inClasspath && !entry.isEmpty()) {
        classpath.add(entry.startsWith(lib) ? entry.substring(lib.length()) : entry);
      }
    }
    assertThat(classpath)
        .containsExactly(
            "pipeline-cli-" + VERSION + ".jar", "pipeline-cli-" + VERSION + "-all.jar");
  }

  @Test
  void installed_usesJavaHome_andRefusesAJavaBefore17() throws Exception {
    Map<String, String> env =
        Map.of(
            "PATH",
            pathWith(),
            "HOME",
            home.toString(),
            "JAVA_HOME",
            JAVA_HOME.toString(),
            "PIPELINE_CDS",
            "0");
    Result ok = exec(work, env, "pipeline", "--version");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).startsWith("pipeline " + VERSION + " ");

    // A Java 11 as JAVA_HOME: its release file names the version.
    Path old = Files.createDirectories(tmp.resolve("jdk-11/bin"));
    Files.writeString(old.resolve("../release"), "JAVA_VERSION=\"11.0.2\"\n");
    Path fakeJava = Files.writeString(old.resolve("java"), "#!/bin/sh\nexit 0\n");
    fakeJava.toFile().setExecutable(true);
    Result refused =
        exec(
            work,
            Map.of("PATH", pathWith(), "JAVA_HOME", old.getParent().toString()),
            "pipeline",
            "--version");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .isEqualTo(
            "pipeline: needs Java 17 or later, but "
                + old.resolve("java")
                + " is Java 11.0.2; set JAVA_HOME to a Java 17 or later installation\n");

    Result missing =
        exec(
            work,
            Map.of("PATH", pathWith(), "JAVA_HOME", tmp.resolve("no-such-jdk").toString()),
            "pipeline",
            "--version");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("JAVA_HOME is ", "no-such-jdk", "is not an executable");
  }

  @Test
  void runnableJar_printsVersion_andLintsMergesAndBuildsAsTheCommandLineDoes() throws Exception {
    Map<String, String> env = Map.of("PATH", pathWith());
    Result version = exec(work, env, JAVA.toString(), "-jar", RUNNABLE_JAR.toString(), "-V");
    assertThat(version.code()).as(version.err()).isZero();
    assertThat(version.out()).isEqualTo("pipeline " + VERSION + " (commit " + commit() + ")\n");

    Path pets = Files.writeString(work.resolve("pets.yaml"), PETS);
    Path gateway = Files.writeString(work.resolve("gateway.yaml"), GATEWAY);
    // lint: swagger-parser, the schema validator and the rule set survive shading; same output,
    // byte for byte, as the command line run in this JVM.
    Result lint =
        exec(work, env, JAVA.toString(), "-jar", RUNNABLE_JAR.toString(), "lint", pets.toString());
    Run inProcess = Run.of("lint", pets.toString());
    assertThat(lint.code()).isEqualTo(1).isEqualTo(inProcess.exitCode());
    assertThat(lint.out()).contains("apigw-integration-missing").isEqualTo(inProcess.out());

    Result merged =
        exec(
            work,
            env,
            JAVA.toString(),
            "-jar",
            RUNNABLE_JAR.toString(),
            "merge",
            pets.toString(),
            gateway.toString());
    assertThat(merged.code()).as(merged.err()).isZero();
    assertThat(merged.out())
        .contains("x-amazon-apigateway-integration")
        .isEqualTo(Run.of("merge", pets.toString(), gateway.toString()).out());

    // build: the user's definition on the classpath beside the runnable jar.
    Path jarOut = work.resolve("out-jar");
    Path inProcessOut = work.resolve("out-in-process");
    String definition = TestDefinitions.Minimal.class.getName();
    String classpath =
        String.join(
            File.pathSeparator,
            RUNNABLE_JAR.toString(),
            codeSource(TestDefinitions.class),
            codeSource(FixturesAccess.class));
    Result build =
        exec(
            work,
            env,
            JAVA.toString(),
            "-cp",
            classpath,
            PipelineCli.class.getName(),
            "build",
            "--definition",
            definition,
            "--out",
            jarOut.toString(),
            "--source-root",
            RepoRoot.find().toString());
    assertThat(build.code()).as(build.err()).isZero();
    // In process the command line runs from its classes and cannot know its jar's checksum: given
    // the runnable jar's, it must write what the jar (which pins itself) wrote.
    Run expected =
        Run.of(
            "build",
            "--definition",
            definition,
            "--out",
            inProcessOut.toString(),
            "--source-root",
            RepoRoot.find().toString(),
            "--tool-version",
            VERSION,
            "--tool-sha256",
            sha256(RUNNABLE_JAR));
    assertThat(expected.exitCode()).as(expected.err()).isZero();
    List<Path> written = files(inProcessOut);
    assertThat(written).contains(Path.of("buildspec.yaml"), Path.of("pipeline.json"));
    assertThat(files(jarOut)).isEqualTo(written);
    for (Path file : written) {
      assertThat(jarOut.resolve(file))
          .as(file.toString())
          .hasSameBinaryContentAs(inProcessOut.resolve(file));
    }
  }

  @Test
  void runnableJar_carriesOurLicenseAndNotice() throws Exception {
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(RUNNABLE_JAR.toFile())) {
      String license =
          new String(
              jar.getInputStream(jar.getEntry("META-INF/LICENSE")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(license).isEqualTo(Files.readString(installed.resolve("LICENSE")));
      String notice =
          new String(
              jar.getInputStream(jar.getEntry("META-INF/NOTICE")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(notice)
          .contains("pipelinekit\nCopyright 2026 the pipelinekit authors\n", "Jackson");
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(PipelineCli.class.getName());
    }
  }

  @Test
  void runnableJar_mergesEveryLibrarysServiceFiles() throws Exception {
    // every provider that one of the CLI's dependencies (the jars the build copies to target/lib/)
    // registers, per service
    Map<String, java.util.Set<String>> expected = new java.util.TreeMap<>();
    try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
      for (Path path : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).toList()) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
          for (var entry : java.util.Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
              expected
                  .computeIfAbsent(name, k -> new java.util.TreeSet<>())
                  .addAll(providers(jar.getInputStream(entry).readAllBytes()));
            }
          }
        }
      }
    }
    assertThat(expected).containsKey("META-INF/services/com.fasterxml.jackson.core.JsonFactory");
    try (java.util.jar.JarFile all = new java.util.jar.JarFile(RUNNABLE_JAR.toFile())) {
      for (var service : expected.entrySet()) {
        var entry = all.getEntry(service.getKey());
        assertThat(entry).as(service.getKey()).isNotNull();
        assertThat(providers(all.getInputStream(entry).readAllBytes()))
            .as(service.getKey())
            .containsAll(service.getValue());
      }
    }
  }

  private static List<String> providers(byte[] serviceFile) {
    return new String(serviceFile, StandardCharsets.UTF_8)
        .lines()
        .map(line -> line.replaceAll("#.*", "").strip())
        .filter(line -> !line.isEmpty())
        .toList();
  }

  @Test
  void eachDownload_hasASha256FileThatMatchesIt() throws Exception {
    for (Path download : List.of(ARCHIVE, RUNNABLE_JAR)) {
      Path sums = download.resolveSibling(download.getFileName() + ".sha256");
      String expected = sha256(download) + "  " + download.getFileName();
      assertThat(Files.readString(sums, StandardCharsets.UTF_8).strip())
          .as(sums.toString())
          .isEqualTo(expected);
    }
  }

  /** What the build should have recorded: git's short id of HEAD, or "unknown" without git. */
  private static String commit() throws Exception {
    Path root = RepoRoot.find();
    if (!Files.exists(root.resolve(".git"))) {
      return "unknown";
    }
    Result git =
        exec(root, Map.of("PATH", System.getenv("PATH")), "git", "rev-parse", "--short", "HEAD");
    return git.code() == 0 ? git.out().strip() : "unknown";
  }

  private static String pathWith(Path... first) {
    List<String> dirs = new ArrayList<>();
    dirs.add(pathDir.toString());
    for (Path p : first) {
      dirs.add(p.toString());
    }
    // the launcher's tools (bash, sed, cksum, ...), but no java: it comes from JAVA_HOME or above
    dirs.add("/usr/bin");
    dirs.add("/bin");
    return String.join(File.pathSeparator, dirs);
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * Runs a program in {@code dir} with exactly {@code env} as its environment; a bare {@code
   * pipeline} through a shell, so that it is found on the child's {@code PATH}, as a user's would
   * be (ProcessBuilder would look it up on this JVM's).
   */
  private static Result exec(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of(command));
    if (command[0].equals("pipeline")) {
      argv.addAll(0, List.of("/bin/sh", "-c", "exec pipeline \"$@\"", "sh"));
      argv.remove(4);
    }
    return dist.exec(dir, env, Duration.ofSeconds(60), argv);
  }
}
