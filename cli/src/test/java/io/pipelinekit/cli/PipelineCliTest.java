package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PipelineCliTest {
  @Test
  void help_listsEveryCommand() {
    Run run = Run.of("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("build", "graph", "image-definitions", "merge");
    assertThat(PipelineCli.newCommandLine().getSubcommands())
        .containsKeys("build", "graph", "image-definitions");
  }

  @Test
  void commandLineFor_namedCommand_registersOnlyIt() {
    assertThat(PipelineCli.commandLineFor("graph", "--format", "dot").getSubcommands())
        .containsOnlyKeys("graph");
    assertThat(PipelineCli.commandLineFor("--version").getSubcommands())
        .containsKeys("build", "graph");
  }

  @Test
  void unknownCommand_exits2WithSuggestion() {
    Run run = Run.of("buidl");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Unmatched argument at index 0: 'buidl'")
        .contains("Did you mean: pipeline build?");
  }

  @Test
  void noCommand_exits2() {
    Run run = Run.of();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Missing command.");
  }
}
