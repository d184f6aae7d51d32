package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which definition {@code build}/{@code graph} load without {@code --definition}: the launcher's
 * (the {@code pipeline.definition} property), else the one registered through ServiceLoader, else
 * none — the CLI itself names no bundled default.
 */
class DefinitionDiscoveryTest {
  @TempDir Path tmp;
  private final ClassLoader original = Thread.currentThread().getContextClassLoader();

  @AfterEach
  void restore() {
    Thread.currentThread().setContextClassLoader(original);
    System.clearProperty(DefinitionOptions.DEFAULT_DEFINITION_PROPERTY);
  }

  @Test
  void graph_withoutDefinitionOrRegistration_exits2AskingForDefinition() {
    Run run = Run.of("graph");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no pipeline definition: pass --definition FQCN");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void graph_withLauncherProperty_loadsThatDefinition() {
    System.setProperty(
        DefinitionOptions.DEFAULT_DEFINITION_PROPERTY, TestDefinitions.Minimal.class.getName());
    Run run = Run.of("graph");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(Run.of("graph", "--definition", TestDefinitions.Minimal.class.getName()).out());
  }

  @Test
  void graph_withOneRegisteredDefinition_loadsIt() throws IOException {
    useRegistrations(TestDefinitions.Minimal.class.getName());
    Run run = Run.of("graph");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(Run.of("graph", "--definition", TestDefinitions.Minimal.class.getName()).out());
  }

  @Test
  void graph_withTwoRegisteredDefinitions_exits2NamingBoth() throws IOException {
    useRegistrations(
        TestDefinitions.Minimal.class.getName(), TestDefinitions.Kitchen.class.getName());
    Run run = Run.of("graph");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("more than one pipeline definition on the classpath")
        .contains(TestDefinitions.Minimal.class.getName())
        .contains(TestDefinitions.Kitchen.class.getName())
        .contains("--definition FQCN");
  }

  /** A class loader whose META-INF/services file registers the given definitions. */
  private void useRegistrations(String... classNames) throws IOException {
    Path services = Files.createDirectories(tmp.resolve("META-INF/services"));
    Files.writeString(
        services.resolve("io.pipelinekit.pipeline.PipelineDefinition"),
        String.join("\n", classNames) + "\n");
    URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, original);
    Thread.currentThread().setContextClassLoader(loader);
  }
}
