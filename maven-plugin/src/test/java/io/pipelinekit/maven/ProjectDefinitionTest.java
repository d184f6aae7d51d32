package io.pipelinekit.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.pipeline.Pipeline;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding and running a project's definition on a class loader over its classpath. */
class ProjectDefinitionTest {
  @TempDir Path classes;

  private ProjectDefinition registering(String... classNames) throws Exception {
    if (classNames.length > 0) {
      Path services = classes.resolve(ProjectDefinition.SERVICE_FILE);
      Files.createDirectories(services.getParent());
      Files.writeString(services, String.join("\n", classNames) + "\n");
    }
    return ProjectDefinition.open(List.of(classes, classes.resolve("missing.jar")), "app");
  }

  @Test
  void className_theOneRegistered() throws Exception {
    try (ProjectDefinition d = registering(TestDefinitions.Valid.class.getName())) {
      assertThat(d.className(null)).isEqualTo(TestDefinitions.Valid.class.getName());
    }
  }

  @Test
  void className_noneRegistered_saysWhereToRegisterAndWhatToConfigure() throws Exception {
    try (ProjectDefinition d = registering()) {
      assertThatThrownBy(() -> d.className(" "))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageContaining(
              "no pipeline definition: none is registered in"
                  + " META-INF/services/io.pipelinekit.pipeline.PipelineDefinition")
          .hasMessageContaining("<definition>FQCN</definition> (-Dpipeline.definition=FQCN)");
    }
  }

  @Test
  void className_twoRegistered_namesBoth_andTheConfiguredOneWins() throws Exception {
    String valid = TestDefinitions.Valid.class.getName();
    String other = TestDefinitions.Other.class.getName();
    try (ProjectDefinition d = registering(valid, other)) {
      assertThatThrownBy(() -> d.className(null))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageContaining("more than one pipeline definition")
          .hasMessageContaining(other)
          .hasMessageContaining(valid)
          .hasMessageContaining("pick one with <definition>FQCN</definition>");
      assertThat(d.className(other)).isEqualTo(other);
      assertThat(d.load(other, Map.of()).name()).isEqualTo("other");
    }
  }

  @Test
  void load_passesParameters_andRunsWithTheProjectLoaderAsContextLoader() throws Exception {
    ClassLoader before = Thread.currentThread().getContextClassLoader();
    try (ProjectDefinition d = registering(TestDefinitions.Valid.class.getName())) {
      Pipeline pipeline = d.load(null, Map.of("account", "444455556666"));
      assertThat(pipeline.account()).isEqualTo("444455556666");
      assertThat(TestDefinitions.Valid.contextLoader)
          .isInstanceOf(URLClassLoader.class)
          .isNotSameAs(before);
    }
    assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
  }

  @Test
  void load_anUnknownParameter_isAFailureNamingIt() throws Exception {
    try (ProjectDefinition d = registering(TestDefinitions.Valid.class.getName())) {
      assertThatThrownBy(() -> d.load(null, Map.of("acount", "1")))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageContaining("unknown parameter acount; the definition takes: account");
    }
  }

  @Test
  void load_brokenRules_listsEveryProblemWithItsRuleId() throws Exception {
    try (ProjectDefinition d = registering()) {
      assertThatThrownBy(() -> d.load(TestDefinitions.Broken.class.getName(), null))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith(
              "definition " + TestDefinitions.Broken.class.getName() + " breaks 4 rules:")
          .hasMessageContaining("\n  - pipeline-source-first: stage 'Build' action 'Build'")
          .hasMessageContaining("\n  - pipeline-source-first: stage 'Source' action 'Source'")
          .hasMessageContaining("\n  - pipeline-sources-only: ")
          .hasMessageContaining("\n  - pipeline-artifact-unknown: ")
          .hasMessageNotContaining("Exception");
    }
  }

  @Test
  void load_aClassNotOnTheClasspath_saysToCheckTheName() throws Exception {
    try (ProjectDefinition d = registering()) {
      assertThatThrownBy(() -> d.load("com.example.Missing", null))
          .isInstanceOf(MojoFailureException.class)
          .hasMessage(
              "definition class com.example.Missing is not on the project's classpath; check the"
                  + " name in <definition>, and that the class is in src/main/java (compiled before"
                  + " this goal runs)");
    }
  }

  @Test
  void load_aClassThatIsNoDefinition_saysWhatToImplement() throws Exception {
    try (ProjectDefinition d = registering()) {
      assertThatThrownBy(() -> d.load(String.class.getName(), null))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageContaining("does not implement io.pipelinekit.pipeline.PipelineDefinition");
    }
  }

  @Test
  void load_anythingElseTheDefinitionThrows_isAFailureNamingItsLine_withItsCause()
      throws Exception {
    try (ProjectDefinition d = registering()) {
      assertThatThrownBy(() -> d.load(TestDefinitions.Throwing.class.getName(), null))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith(
              "definition "
                  + TestDefinitions.Throwing.class.getName()
                  + " failed in define(): an invalid state: the account table is empty\n  at "
                  + TestDefinitions.Throwing.class.getName()
                  + ".define(TestDefinitions.java:")
          .hasCauseInstanceOf(IllegalStateException.class);
    }
  }
}
