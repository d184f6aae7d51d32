package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Preparation}: started for the commands that load a definition, and only for them. */
class PreparationTest {
  @ParameterizedTest
  @ValueSource(strings = {"build", "graph", "apply", "drift"})
  void aCommandThatLoadsADefinitionGetsItsPreparationOnADaemonThread(String command)
      throws Exception {
    Thread t = Preparation.inBackground(command);
    assertThat(t).isNotNull();
    assertThat(t.isDaemon()).isTrue();
    t.join(60_000);
    assertThat(t.isAlive()).as("done").isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"lint", "init", "rules", "deploy-api", "merge", "diff"})
  void aCommandThatLoadsNoDefinitionStartsNone(String command) {
    assertThat(Preparation.inBackground(command)).isNull();
  }

  @Test
  void noCommandStartsNone() {
    assertThat(Preparation.inBackground(null)).isNull();
  }

  @Test
  void everyPreparedCommandIsACommand() {
    assertThat(PipelineCli.COMMANDS).containsAll(Preparation.COMMANDS);
  }
}
