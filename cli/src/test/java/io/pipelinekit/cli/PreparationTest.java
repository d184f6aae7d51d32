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

  @ParameterizedTest
  @ValueSource(strings = {"-h", "--help", "-V", "--version"})
  void helpOrVersionStartsNone(String option) {
    assertThat(Preparation.inBackground("build", "build", "--out", "x", option)).isNull();
    assertThat(Preparation.inBackground("graph", "graph", option)).isNull();
  }

  @Test
  void anOptionValueAfterTheEndOfOptionsIsNoHelp() throws Exception {
    Thread t = Preparation.inBackground("build", "build", "--", "--help");
    assertThat(t).isNotNull();
    t.join(60_000);
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
