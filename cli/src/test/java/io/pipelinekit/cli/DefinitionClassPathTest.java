package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.testing.RepoRoot;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's definition classpath ({@code PIPELINE_CLASSPATH}, which the launchers pass as the
 * {@code pipeline.classpath} property): a class loader of its own over those entries, the tool's
 * classes always the tool's, service registrations read from those entries only. The definitions
 * here are compiled while the test runs, so they are on no classpath but the one under test.
 */
class DefinitionClassPathTest {
  @TempDir Path tmp;
  private final ClassLoader original = Thread.currentThread().getContextClassLoader();

  @AfterEach
  void restore() {
    Thread.currentThread().setContextClassLoader(original);
    System.clearProperty(DefinitionClassPath.PROPERTY);
  }

  private Path compiled(String simpleName, String pipelineName) throws Exception {
    return UserJars.compile(
        tmp,
        Map.of("userdefs/" + simpleName + ".java", UserJars.definition(simpleName, pipelineName)));
  }

  @Test
  void graph_withDefinitionJarInPipelineClasspath_loadsTheDefinitionFromIt() throws Exception {
    Path jar = UserJars.jar(tmp.resolve("defs.jar"), compiled("JarPipeline", "\"from-jar\""));
    System.setProperty(DefinitionClassPath.PROPERTY, jar.toString());

    Run run = Run.of("graph", "--definition", "userdefs.JarPipeline");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("%% pipeline from-jar");
  }

  @Test
  void build_withClassesFolderRelativeToTheWorkingFolder_buildsItsDefinition() throws Exception {
    Path classes = compiled("FolderPipeline", "\"from-folder\"");
    Path relative = Path.of("").toAbsolutePath().relativize(classes);
    assertThat(relative.isAbsolute()).isFalse();
    // an empty entry (a trailing separator) is skipped, as a shell's PATH-like list has them
    System.setProperty(DefinitionClassPath.PROPERTY, relative + File.pathSeparator);

    Run run = build("userdefs.FolderPipeline");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pipeline from-folder");
    assertThat(tmp.resolve("out/pipeline.json")).content().contains("\"from-folder\"");
  }

  @Test
  void build_withFatJarBundlingPipelinekitAndAThirdPartyLibrary_usesTheToolsOwnAndTheUsersOther()
      throws Exception {
    // The user's copy of a library the tool uses too (SnakeYAML), in another version: the
    // definition sees its own; the tool's synthesis (which loads YAML) goes on with the tool's.
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
    // ...and byte-for-byte copies of the definition library's classes, as a shaded jar has them
    Path fat =
        UserJars.jar(tmp.resolve("fat.jar"), classes, UserJars.classesOf(Pipeline.class, tmp));
    System.setProperty(DefinitionClassPath.PROPERTY, fat.toString());

    Run run = build("userdefs.FatPipeline");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("pipeline users-yaml");
    assertThat(tmp.resolve("out/openapi.yaml")).exists();
  }

  @Test
  void graph_withoutDefinition_findsOnlyTheDefinitionRegisteredInPipelineClasspath()
      throws Exception {
    // the tool's side registers one too (here through the context class loader, as a jar of the
    // tool's classpath would): not the user's, not counted
    Path toolSide = Files.createDirectories(tmp.resolve("tool-side"));
    UserJars.write(
        toolSide, DefinitionClassPath.SERVICE_FILE, TestDefinitions.Kitchen.class.getName() + "\n");
    Thread.currentThread()
        .setContextClassLoader(new URLClassLoader(new URL[] {toolSide.toUri().toURL()}, original));
    Path classes = compiled("Registered", "\"registered\"");
    UserJars.write(
        classes,
        DefinitionClassPath.SERVICE_FILE,
        "# the user's definition\nuserdefs.Registered # and a comment\n");
    System.setProperty(
        DefinitionClassPath.PROPERTY, UserJars.jar(tmp.resolve("reg.jar"), classes).toString());

    Run run = Run.of("graph");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("%% pipeline registered");
  }

  @Test
  void graph_withPipelineClasspathRegisteringNothing_exits2NamingIt() throws Exception {
    Path jar = UserJars.jar(tmp.resolve("none.jar"), compiled("Unregistered", "\"x\""));
    System.setProperty(DefinitionClassPath.PROPERTY, jar.toString());

    Run run = Run.of("graph");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("no pipeline definition: pass --definition FQCN")
        .contains("in PIPELINE_CLASSPATH=" + jar)
        .contains("META-INF/services/io.pipelinekit.pipeline.PipelineDefinition");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void graph_whenTheClassIsNotInPipelineClasspath_exits2NamingTheEntries() throws Exception {
    Path jar = UserJars.jar(tmp.resolve("defs.jar"), compiled("JarPipeline", "\"x\""));
    System.setProperty(DefinitionClassPath.PROPERTY, jar.toString());

    Run run = Run.of("graph", "--definition", "userdefs.Typo");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("definition class userdefs.Typo is not in PIPELINE_CLASSPATH=" + jar)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void build_whenAPipelineClasspathEntryIsMissing_exits2NamingIt_writesNothing() {
    System.setProperty(DefinitionClassPath.PROPERTY, "no-such-defs.jar" + File.pathSeparator + tmp);

    Run run = build("userdefs.Anything");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("PIPELINE_CLASSPATH entry 'no-such-defs.jar' does not exist")
        .contains(Path.of("no-such-defs.jar").toAbsolutePath().toString());
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void build_whenAPipelineClasspathEntryIsNotAJar_exits2NamingIt() throws Exception {
    Path notJar = Files.writeString(tmp.resolve("defs.jar"), "not a zip");
    System.setProperty(DefinitionClassPath.PROPERTY, notJar.toString());

    Run run = build("userdefs.Anything");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("PIPELINE_CLASSPATH entry '" + notJar + "'")
        .contains("neither a folder of classes nor a jar");
  }

  @Test
  void graph_definitionReadsItsOwnResourceThroughTheContextClassLoader() throws Exception {
    Path classes =
        compiled(
            "ResourcePipeline",
            "new java.util.Scanner(Thread.currentThread().getContextClassLoader()"
                + ".getResourceAsStream(\"userdefs/name.txt\")).nextLine()");
    UserJars.write(classes, "userdefs/name.txt", "from-resource\n");
    System.setProperty(DefinitionClassPath.PROPERTY, classes.toString());

    Run run = Run.of("graph", "--definition", "userdefs.ResourcePipeline");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("%% pipeline from-resource");
  }

  @Test
  void graph_withBrokenRegistration_exits2NamingTheFileAndLine() throws Exception {
    Path classes = compiled("Registered", "\"x\"");
    UserJars.write(classes, DefinitionClassPath.SERVICE_FILE, "userdefs.Registered\nnot a name\n");
    System.setProperty(DefinitionClassPath.PROPERTY, classes.toString());

    Run run = Run.of("graph");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(DefinitionClassPath.SERVICE_FILE + ":2: 'not a name' is not a class name");
  }

  private Run build(String definition) {
    return Run.of(
        "build",
        "--definition",
        definition,
        "--out",
        tmp.resolve("out").toString(),
        "--source-root",
        RepoRoot.find().toString(),
        TestDefinitions.TOOL[0],
        TestDefinitions.TOOL[1],
        TestDefinitions.TOOL[2],
        TestDefinitions.TOOL[3]);
  }
}
