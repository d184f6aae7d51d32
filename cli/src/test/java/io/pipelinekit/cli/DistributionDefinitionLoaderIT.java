package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.UnpackedDistribution.Result;
import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  @TempDir static Path tmp;
  static UnpackedDistribution dist;
  static Path work;

  @BeforeAll
  static void install() throws Exception {
    dist = UnpackedDistribution.unpack(tmp);
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
            UnpackedDistribution.JAVA_HOME.toString());
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
    String lib = dist.installed().resolve("lib").toString();
    assertThat(lines)
        .as("tool classes loaded from a jar of lib/ or from the user's copies")
        .noneMatch(
            l -> l.contains(lib) && !l.contains("picocli.CommandLine$IExitCodeExceptionMapper "))
        .noneMatch(l -> l.contains(" io.pipelinekit.") && l.contains(fat.toString()));
  }

  private static Result run(Map<String, String> env, String... args) throws Exception {
    return dist.pipeline(work, env, args);
  }
}
