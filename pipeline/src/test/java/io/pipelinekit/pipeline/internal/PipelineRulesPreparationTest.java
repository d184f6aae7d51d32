package io.pipelinekit.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelineRules#prepareInBackground}: the rules initialised on a thread of their own, while
 * the caller goes on; a check on the caller's thread then uses them.
 */
class PipelineRulesPreparationTest {
  @Test
  void theRulesAreInitialisedOnADaemonThreadThatEndsWithoutAFailure() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    Thread t = PipelineRules.prepareInBackground();
    t.setUncaughtExceptionHandler((thread, e) -> failures.add(e));
    assertThat(t.isDaemon()).isTrue();
    assertThat(t.getName()).isEqualTo("pipelinekit-rules-preparation");
    // the caller's thread meanwhile: the same rules, whichever thread initialised them
    assertThat(PipelineRules.rules()).hasSizeGreaterThan(50);
    t.join(30_000);
    assertThat(t.isAlive()).isFalse();
    assertThat(failures).isEmpty();
  }
}
