package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Issue 10's acceptance for the install phase, after {@code package}: a user's definition ({@link
 * UserServicePipeline}, not the bundled service) built by the real runnable jar pins that jar; its
 * buildspec's install commands, run in one clean bash shell with {@code set -e} (as CodeBuild runs
 * a phase: one shell, a failing command fails the phase) against a file-based Maven repository
 * holding the jar, install {@code pipeline} and it prints the pinned version; a corrupted jar in
 * the repository fails them, and nothing is installed.
 *
 * <p>{@code runtime-versions: java: corretto21} is CodeBuild's to honour; here the shell's {@code
 * PATH} holds this JVM's {@code bin} (and {@code /usr/bin}, {@code /bin} for curl and coreutils).
 */
class ToolInstallIT {
  private static final String VERSION = System.getProperty("pipelinekit.version");
  private static final Path TARGET = Path.of(System.getProperty("pipelinekit.target"));
  private static final Path RUNNABLE_JAR = TARGET.resolve("pipeline-cli-" + VERSION + "-all.jar");
  private static final Path THIN_JAR = TARGET.resolve("pipeline-cli-" + VERSION + ".jar");
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  @TempDir Path tmp;

  record Result(int code, String out, String err, long millis) {}

  /** A Maven 2 layout repository holding {@code jar} as the pinned version's runnable jar. */
  private Path repository(String name, byte[] jar) throws IOException {
    Path repo = tmp.resolve(name);
    Path dir =
        Files.createDirectories(repo.resolve("io/pipelinekit/pipeline-cli").resolve(VERSION));
    Files.write(dir.resolve("pipeline-cli-" + VERSION + "-all.jar"), jar);
    return repo;
  }

  /** {@code pipeline build} of the user's definition by the jar {@code cli} with {@code repo}. */
  private Path build(Path cli, Path repo, String name) throws Exception {
    Path out = tmp.resolve(name);
    // the thin jar has no Class-Path of its own (the distribution's launcher puts the runnable jar
    // after it, as here); the definition is the user's
    String classpath =
        cli.equals(THIN_JAR)
            ? String.join(
                File.pathSeparator,
                cli.toString(),
                RUNNABLE_JAR.toString(),
                codeSource(UserServicePipeline.class))
            : cli + File.pathSeparator + codeSource(UserServicePipeline.class);
    Result r =
        exec(
            List.of(
                JAVA.toString(),
                "-cp",
                classpath,
                PipelineCli.class.getName(),
                "build",
                "--definition",
                UserServicePipeline.class.getName(),
                "-P",
                "toolRepository=" + repo.toUri().toString().replaceFirst("/$", ""),
                "--out",
                out.toString()),
            Map.of("PATH", "/usr/bin:/bin"));
    assertThat(r.code()).as(r.err()).isZero();
    return out.resolve("buildspec.yaml");
  }

  @SuppressWarnings("unchecked")
  private static List<String> installCommands(Path buildspec) throws IOException {
    Map<String, Object> doc =
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .load(Files.readString(buildspec, StandardCharsets.UTF_8));
    Map<String, Object> install =
        (Map<String, Object>) ((Map<String, Object>) doc.get("phases")).get("install");
    assertThat(install.get("runtime-versions")).isEqualTo(Map.of("java", "corretto21"));
    return (List<String>) install.get("commands");
  }

  /** The commands in one clean bash, {@code set -e}, nothing of this environment but java. */
  private Result runInCleanShell(List<String> commands, Path home) throws Exception {
    Files.createDirectories(home);
    Path script = tmp.resolve(home.getFileName() + ".sh");
    Files.writeString(script, "set -e\n" + String.join("\n", commands) + "\n");
    return exec(
        List.of(
            "/usr/bin/env",
            "-i",
            "HOME=" + home,
            "PATH=" + JAVA.getParent() + ":/usr/bin:/bin",
            "/bin/bash",
            "--noprofile",
            "--norc",
            script.toString()),
        Map.of());
  }

  @Test
  void installPhase_fromAFileRepository_installsThePinnedVersion_andItRuns() throws Exception {
    byte[] jar = Files.readAllBytes(RUNNABLE_JAR);
    Path repo = repository("repo", jar);
    Path buildspec = build(RUNNABLE_JAR, repo, "out");
    String yaml = Files.readString(buildspec);
    assertThat(yaml)
        .contains(sha256(jar))
        .contains(repo.toUri().toString() + "io/pipelinekit/pipeline-cli/" + VERSION + "/")
        .doesNotContainPattern("(^|[\\s'\"])bin/pipeline");

    Path home = tmp.resolve("home");
    Result r = runInCleanShell(installCommands(buildspec), home);

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(lines.size() - 1)).startsWith("pipeline " + VERSION + " (commit ");
    assertThat(r.out()).contains("pipeline-cli-" + VERSION + "-all.jar.part: OK");
    assertThat(home.resolve(".pipelinekit/bin/pipeline")).isExecutable();
    // Measured for the closing note (download from the file repository, verify, first run).
    System.out.printf(
        "ToolInstallIT: runnable jar %d bytes; install phase (copy + sha256sum + pipeline"
            + " --version) %d ms%n",
        jar.length, r.millis());
  }

  @Test
  void installPhase_whenTheRepositoryJarIsCorrupted_failsAndInstallsNothing() throws Exception {
    byte[] jar = Files.readAllBytes(RUNNABLE_JAR);
    Path buildspec = build(RUNNABLE_JAR, repository("good", jar), "out-good");
    byte[] corrupted = jar.clone();
    corrupted[corrupted.length / 2] ^= 0x01;
    // The same buildspec (pinned to the real jar) against a repository whose jar differs by a bit.
    String good = repository("good", jar).toUri().toString();
    String bad = repository("bad", corrupted).toUri().toString();
    List<String> commands = new ArrayList<>();
    for (String c : installCommands(buildspec)) {
      commands.add(c.replace(good, bad));
    }
    assertThat(String.join("\n", commands)).contains(bad + "io/pipelinekit/").doesNotContain(good);

    Path home = tmp.resolve("home-bad");
    Result r = runInCleanShell(commands, home);

    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("does not have SHA-256 " + sha256(jar) + "; not installed");
    assertThat(home.resolve(".pipelinekit/bin/pipeline")).doesNotExist();
    assertThat(home.resolve(".pipelinekit/lib")).isEmptyDirectory();
    assertThat(r.out()).doesNotContain("pipeline " + VERSION);
  }

  @Test
  void installPhase_whenTheJarIsMissing_failsAtTheDownload() throws Exception {
    Path buildspec = build(RUNNABLE_JAR, repository("repo2", new byte[] {1}), "out-missing");
    Files.delete(
        tmp.resolve(
            "repo2/io/pipelinekit/pipeline-cli/"
                + VERSION
                + "/pipeline-cli-"
                + VERSION
                + "-all.jar"));
    Path home = tmp.resolve("home-missing");
    Result r = runInCleanShell(installCommands(buildspec), home);
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("curl");
    assertThat(home.resolve(".pipelinekit/bin/pipeline")).doesNotExist();
  }

  @Test
  void buildFromTheThinJar_readsTheChecksumFileBesideIt_asTheArchiveDoes() throws Exception {
    byte[] jar = Files.readAllBytes(RUNNABLE_JAR);
    Path buildspec = build(THIN_JAR, repository("repo3", jar), "out-thin");
    assertThat(Files.readString(buildspec)).contains("echo \"" + sha256(jar) + "  ");
    Result tar =
        exec(
            List.of("tar", "-tzf", TARGET.resolve("pipeline-" + VERSION + ".tar.gz").toString()),
            Map.of("PATH", "/usr/bin:/bin"));
    assertThat(tar.out())
        .contains("pipeline-" + VERSION + "/lib/pipeline-cli-" + VERSION + "-all.jar.sha256\n");
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private Result exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    long start = System.nanoTime();
    Process p = pb.start();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err), millis);
  }
}
