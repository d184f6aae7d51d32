package io.pipelinekit.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pipeline:lint's configuration: failOn, disabledRules, unreadable files. */
class LintMojoTest {
  @TempDir Path project;

  private LintMojo lint;

  @BeforeEach
  void setUp() throws Exception {
    Files.writeString(
        project.resolve("buildspec.yml"),
        "version: 0.2\nphases:\n  build:\n    commands:\n      - docker build -t app .\n");
    lint = new LintMojo();
    lint.basedir = project.toFile();
    lint.lintFiles = List.of(project.resolve("buildspec.yml").toFile());
    lint.failOn = "error";
  }

  @Test
  void failOn_info_failsOnAnInfoFinding_andDisablingItsRulePasses() {
    lint.failOn = "info";
    assertThatThrownBy(lint::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("pipeline:lint: 1 finding(s) at or above info (<failOn>)");

    lint.disabledRules = List.of("buildspec-docker-privileged");
    assertThatCode(lint::execute).doesNotThrowAnyException();
  }

  @Test
  void failOn_anUnknownSeverity_isRefusedNamingTheChoices() {
    lint.failOn = "fatal";
    assertThatThrownBy(lint::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("<failOn> (pipeline.failOn) is 'fatal'; use error, warning or info");
  }

  @Test
  void disabledRules_anUnknownId_isRefusedWithTheNearestOne() {
    lint.disabledRules = List.of("buildspec-docker-privilege");
    assertThatThrownBy(lint::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "unknown rule 'buildspec-docker-privilege' in <disabledRules>; did you mean"
                + " 'buildspec-docker-privileged'?");
  }

  @Test
  void disabledRules_aStructureRule_saysLintDoesNotRunIt() {
    lint.disabledRules = List.of("pipeline-source-first");
    assertThatThrownBy(lint::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining("is a pipeline structure rule, which lint does not run");
  }

  @Test
  void aFileThatCannotBeRead_failsTheGoalNamingIt_whateverFailOn() {
    File folder = project.resolve("api").toFile();
    folder.mkdir();
    lint.lintFiles = List.of(folder);
    assertThatThrownBy(lint::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "pipeline:lint: 1 file(s) could not be linted:\n  - "
                + folder
                + ": is a folder, not a file");
  }

  @Test
  void noLintFiles_doesNothing() {
    lint.lintFiles = null;
    lint.failOn = "not even checked";
    assertThatCode(lint::execute).doesNotThrowAnyException();
  }
}
