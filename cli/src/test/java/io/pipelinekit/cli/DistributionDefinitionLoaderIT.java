package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed launcher with {@code PIPELINE_CLASSPATH}: the user's entries are not on the JVM's
 * classpath but in a class loader of the CLI's own, so a user's fat jar that bundles copies of the
 * definition library and its own version of a library the tool uses too still builds, every tool
 * class from the start-up archive. The archive unpacked outside the repository, run with a clean
 * environment, as {@link DistributionIT} does.
 */
class DistributionDefinitionLoaderIT {
  private static final String VERSION = System.getProperty("pipelinekit.version");
  private static final Path TARGET = Path.of(System.getProperty("pipelinekit.target"));
  private static final Path ARCHIVE = TARGET.resolve("pipeline-" + VERSION + ".tar.gz");
  private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));

  @TempDir static Path tmp;
  static Path launcher;
  static Path work;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void install() throws Exception {
    Path unpacked = Files.createDirectories(tmp.resolve("opt"));
    Result tar =
        exec(unpacked, Map.of("PATH", System.getenv("PATH")), "tar", "-xzf", ARCHIVE.toString());
    assertThat(tar.code()).as(tar.err()).isZero();
    launcher = unpacked.resolve("pipeline-" + VERSION + "/bin/pipeline");
    work = Files.createDirectories(tmp.resolve("work"));
  }

  @Test
  void build_withFatJarInPipelineClasspath_loadsNoToolClassFromAJar_andTheUsersOwnLibrary()
      throws Exception {
    Map<String, String> env =
        Map.of(
            "PATH",
            "/usr/bin:/bin",
            "HOME",
            Files.createDirectories(tmp.resolve("home")).toString(),
            "JAVA_HOME",
            JAVA_HOME.toString());
    Result first = run(env, "--version"); // writes the start-up archive
    assertThat(first.code()).as(first.err()).isZero();

    // A user's shaded jar: the definition, its own SnakeYAML (a version the tool does not have)
    // and byte-for-byte copies of the definition library's classes. The test fixtures it uses
    // (pipeline's test classes) in a classes folder, relative to the working folder.
    Path classes =
        UserJars.compile(
            tmp,
            Map.of(
                "userdefs/FatPipeline.java",
                UserJars.definition("FatPipeline", "org.yaml.snakeyaml.Yaml.userCopy()"),
                "org/yaml/snakeyaml/Yaml.java",
                "package org.yaml.snakeyaml;\n"
                    + "public final class Yaml {\n"
                    + "  public static String userCopy() { return \"users-yaml\"; }\n"
                    + "}\n"));
    Path fat =
        UserJars.jar(tmp.resolve("fat.jar"), classes, UserJars.classesOf(Pipeline.class, tmp));
    Path fixtures = work.relativize(UserJars.codeSource(FixturesAccess.class));
    Map<String, String> withDefinitions = new HashMap<>(env);
    withDefinitions.put("PIPELINE_CLASSPATH", fat + File.pathSeparator + fixtures);
    Path log = tmp.resolve("build-classes.log");
    withDefinitions.put("PIPELINE_JAVA_OPTS", "-Xshare:on -Xlog:class+load:file=" + log);

    Result build =
        run(
            withDefinitions,
            "build",
            "--definition",
            "userdefs.FatPipeline",
            "--out",
            tmp.resolve("out").toString(),
            "--source-root",
            RepoRoot.find().toString());

    assertThat(build.code()).as(build.err()).isZero();
    assertThat(build.out()).contains("pipeline users-yaml");
    List<String> lines = Files.readAllLines(log);
    assertThat(lines)
        .anyMatch(l -> l.contains("io.pipelinekit.cli.PipelineCli source: shared objects file"))
        .anyMatch(l -> l.contains("userdefs.FatPipeline source: file:" + fat))
        .anyMatch(l -> l.contains("org.yaml.snakeyaml.Yaml source: file:" + fat));
    String lib = launcher.getParent().getParent().resolve("lib").toString();
    assertThat(lines)
        .as("tool classes loaded from a jar of lib/ or from the user's copies")
        .noneMatch(
            l -> l.contains(lib) && !l.contains("picocli.CommandLine$IExitCodeExceptionMapper "))
        .noneMatch(l -> l.contains(" io.pipelinekit.") && l.contains(fat.toString()));
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(launcher.toString()));
    argv.addAll(List.of(args));
    return exec(work, env, argv.toArray(String[]::new));
  }

  /** Runs a program in {@code dir} with exactly {@code env} as its environment. */
  private static Result exec(Path dir, Map<String, String> env, String... command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = pb.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out: " + String.join(" ", command));
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
