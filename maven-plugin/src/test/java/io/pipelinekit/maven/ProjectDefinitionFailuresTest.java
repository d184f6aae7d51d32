package io.pipelinekit.maven;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.Stage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a project's definition gets wrong, as pipeline:build and pipeline:graph report it: every
 * missing setting and required parameter at once, and an exception from its own code named by the
 * user's frame — no Java class names of pipelinekit's, no stack trace.
 */
class ProjectDefinitionFailuresTest {
  @TempDir Path classes;

  /** A pipeline without roles or bucket, a stage without a name, two required parameters. */
  public static final class Incomplete implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      Stage build =
          Stage.builder()
              .addAction(
                  CodeBuildAction.builder()
                      .name("Build")
                      .project(CodeBuildProject.builder().name("app-build").build())
                      .inputs("Source")
                      .build())
              .build();
      return Pipeline.builder()
          .name("app")
          .account(p.require("account"))
          .region(p.require("region"))
          .stages(TestDefinitions.source("111122223333"), build)
          .build();
    }
  }

  /** Dereferences a parameter it never got. */
  public static final class NullInDefine implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      String account = p.values().get("account");
      return TestDefinitions.pipeline("app", account.trim()).build(); // the user's line
    }
  }

  /** Fails in its constructor. */
  public static final class ThrowingConstructor implements PipelineDefinition {
    public ThrowingConstructor() {
      throw new IllegalArgumentException("no accounts configured");
    }

    @Override
    public Pipeline define(Parameters p) {
      return null;
    }
  }

  /** Fails in its static initializer. */
  public static final class ThrowingStaticInit implements PipelineDefinition {
    static final int STAGES = Integer.parseInt("three");

    @Override
    public Pipeline define(Parameters p) {
      return null;
    }
  }

  private ProjectDefinition project() throws Exception {
    return ProjectDefinition.open(List.of(classes), "app");
  }

  private static String line(String method) {
    return ProjectDefinitionFailuresTest.class.getName() + "$" + method;
  }

  @Test
  void load_missingSettingsAndParameters_areAllReportedInOneFailure() throws Exception {
    try (ProjectDefinition d = project()) {
      assertThatThrownBy(() -> d.load(Incomplete.class.getName(), Map.of()))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith("definition " + Incomplete.class.getName() + ": ")
          .hasMessageContaining("problems to fix:")
          .hasMessageContaining("\n  - parameter 'account' is required; ")
          .hasMessageContaining("\n  - parameter 'region' is required; ")
          .hasMessageContaining("<parameters><account>VALUE</account></parameters> (Maven plugin)")
          .hasMessageContaining("\n  - Stage: name is required; set it with .name(\"Build\")")
          .hasMessageContaining("\n  - CodeBuild project 'app-build': serviceRoleArn is required; ")
          .hasMessageContaining("\n  - pipeline 'app': roleArn is required; ")
          .hasMessageContaining("\n  - pipeline 'app': artifactBucket is required; ")
          .hasMessageNotContaining("Exception");
    }
  }

  @Test
  void load_aNullPointerInDefine_namesTheDefinitionsOwnLine() throws Exception {
    try (ProjectDefinition d = project()) {
      assertThatThrownBy(() -> d.load(NullInDefine.class.getName(), Map.of()))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith(
              "definition "
                  + NullInDefine.class.getName()
                  + " failed in define(): a null value was used")
          .hasMessageContaining(
              "\n  at " + line("NullInDefine") + ".define(ProjectDefinitionFailuresTest.java:")
          .hasMessageEndingWith("\nFix the definition; run Maven with -e for the full stack trace.")
          .hasMessageNotContaining("NullPointerException")
          .hasCauseInstanceOf(NullPointerException.class);
    }
  }

  @Test
  void load_anExceptionInTheConstructor_isTheDefinitionsFailure() throws Exception {
    try (ProjectDefinition d = project()) {
      assertThatThrownBy(() -> d.load(ThrowingConstructor.class.getName(), Map.of()))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith(
              "definition "
                  + ThrowingConstructor.class.getName()
                  + " failed in its constructor: an invalid argument: no accounts configured")
          .hasMessageContaining(
              "\n  at "
                  + line("ThrowingConstructor")
                  + ".<init>(ProjectDefinitionFailuresTest.java:");
    }
  }

  @Test
  void load_anExceptionInTheStaticInitializer_isTheDefinitionsFailure() throws Exception {
    try (ProjectDefinition d = project()) {
      assertThatThrownBy(() -> d.load(ThrowingStaticInit.class.getName(), Map.of()))
          .isInstanceOf(MojoFailureException.class)
          .hasMessageStartingWith(
              "definition "
                  + ThrowingStaticInit.class.getName()
                  + " failed in its static initializer: not a number: For input string: \"three\"")
          .hasMessageContaining(
              "\n  at "
                  + line("ThrowingStaticInit")
                  + ".<clinit>(ProjectDefinitionFailuresTest.java:")
          .hasMessageNotContaining("is not on the project's classpath");
    }
  }
}
