package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An exception thrown by a definition's own code is the definition's failure, not pipelinekit's:
 * exit 2, the exception in words, and the user's line — for every command that loads a definition.
 */
class DefinitionBlameTest {
  private static final Path SOURCE =
      Path.of("src/test/java/io/pipelinekit/cli/BlameDefinitions.java");

  private static String name(Class<?> type) {
    return type.getName();
  }

  /** {@code BlameDefinitions.java:N}, N the line holding {@code // fails here: MARK}. */
  private static String line(String mark) throws IOException {
    List<String> lines = Files.readAllLines(SOURCE);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("// fails here: " + mark)) {
        return "BlameDefinitions.java:" + (i + 1) + ")";
      }
    }
    throw new AssertionError("no marker " + mark);
  }

  private static void assertNoLibraryFrames(Run run) {
    assertThat(run.err())
        .doesNotContain("This is a bug in pipelinekit")
        .doesNotContain("internal error")
        .doesNotContain("at io.pipelinekit.pipeline.")
        .doesNotContain("at io.pipelinekit.cli.DefinitionOptions")
        .doesNotContain("at java.")
        .doesNotContain("Exception");
  }

  @ParameterizedTest
  @ValueSource(strings = {"build", "graph", "apply"})
  void nullPointerInDefine_exits2NamingTheUsersLine_onEveryCommand(String command)
      throws IOException {
    String definition = name(BlameDefinitions.NullInDefine.class);
    Run run =
        command.equals("apply")
            ? Run.of(command, "--definition", definition, "--region", "eu-west-1", "--dry-run")
            : Run.of(command, "--definition", definition);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "pipeline: definition " + definition + " failed in define(): a null value was used")
        .contains("\"String.trim()\"")
        .contains("\n  at " + definition + ".define(" + line("npe") + "\n")
        .contains("run again with --verbose for the full stack trace");
    assertNoLibraryFrames(run);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void nullPassedToABuilder_blamesTheCallInTheDefinition() throws IOException {
    String definition = name(BlameDefinitions.NullIntoBuilder.class);
    Run run = Run.of("graph", "--definition", definition);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("failed in define(): a null value was used")
        .contains(
            "\n  at "
                + definition
                + ".define("
                + line("builder")
                + " (in a call it made to pipelinekit)");
    assertNoLibraryFrames(run);
  }

  @Test
  void exceptionInAHelper_namesTheHelpersLine() throws IOException {
    String definition = name(BlameDefinitions.FailsInHelper.class);
    Run run = Run.of("build", "--definition", definition, "--list-parameters");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("failed in define(): not a number: For input string: \"three\"")
        .contains("\n  at " + definition + ".retries(" + line("helper") + "\n");
    assertNoLibraryFrames(run);
  }

  @Test
  void exceptionInTheConstructor_isTheDefinitionsFailure() throws IOException {
    String definition = name(BlameDefinitions.FailingConstructor.class);
    Run run = Run.of("build", "--definition", definition);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("definition " + definition + " failed in its constructor: an index out of range")
        .contains("\n  at " + definition + ".<init>(" + line("constructor"));
    assertNoLibraryFrames(run);
  }

  @Test
  void exceptionInTheStaticInitializer_isTheDefinitionsFailure() throws IOException {
    String definition = name(BlameDefinitions.FailingStaticInit.class);
    Run run = Run.of("graph", "--definition", definition);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(
            "definition "
                + definition
                + " failed in its static initializer: an arithmetic error: / by zero")
        .contains("\n  at " + definition + ".ratio(" + line("static") + "\n")
        .doesNotContain("not on the classpath");
    assertNoLibraryFrames(run);
  }

  @Test
  void verbose_printsTheFullTraceWithPipelinekitFrames() {
    String definition = name(BlameDefinitions.NullIntoBuilder.class);
    Run run = Run.of("graph", "--definition", definition, "--verbose");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("failed in define(): a null value was used")
        .contains("Caused by: java.lang.NullPointerException")
        .contains("at io.pipelinekit.pipeline.")
        .contains("at io.pipelinekit.cli.DefinitionOptions");
  }

  @Test
  void abstractDefinition_exits2SayingItCannotBeInstantiated() {
    Run run = Run.of("graph", "--definition", name(BlameDefinitions.Abstract.class));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("cannot be instantiated (abstract or an interface)");
    assertNoLibraryFrames(run);
  }

  @Test
  void definitionWithoutNoArgumentConstructor_exits2AskingForOne() {
    Run run = Run.of("graph", "--definition", name(BlameDefinitions.NeedsArgument.class));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("needs a public constructor without arguments");
  }

  @Test
  void innerClassDefinition_exits2AskingForAStaticClass() {
    Run run = Run.of("build", "--definition", name(BlameDefinitions.Inner.class));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is an inner class").contains("declare it static");
  }
}
