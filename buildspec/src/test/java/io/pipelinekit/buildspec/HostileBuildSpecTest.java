package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pipelinekit.core.Finding;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Large or odd buildspecs lint in linear time, and a long command does not crash a rule. */
class HostileBuildSpecTest {
  private static final String HEAD = "version: 0.2\nphases:\n  build:\n    commands:\n";
  private static final int MAX = 16 * 1024 * 1024;

  private static List<Finding> lintWithin(Duration limit, String text) {
    return assertTimeoutPreemptively(limit, () -> BuildSpecLinter.lint(text, "b.yml", MAX));
  }

  @Test
  void lint_tokenOfEightMegabytes_isLinearTime() {
    // SnakeYAML's own reader copies its window per 1 KiB read: minutes for a token of 8 MiB.
    String text = HEAD + "      - echo hi\nx-big: " + "7".repeat(8 * 1024 * 1024) + "\n";
    List<Finding> findings = lintWithin(Duration.ofSeconds(10), text);
    assertThat(findings).extracting(Finding::ruleId).contains("buildspec-unknown-key");
    assertThat(findings).extracting(f -> f.location().line()).contains(6);
  }

  @Test
  void lint_commandWithManyOptions_isChecked_withoutOverflowingTheStack() {
    String options = "--a ".repeat(100_000);
    List<Finding> findings =
        lintWithin(Duration.ofSeconds(10), HEAD + "      - aws " + options + "x\n");
    assertThat(findings).extracting(Finding::ruleId).doesNotContain("buildspec-yaml");
    String login =
        HEAD + "      - aws --region eu-west-1 --profile ci --no-cli-pager ecr get-login --x\n";
    assertThat(BuildSpecLinter.lint(login, "b.yml"))
        .extracting(Finding::ruleId)
        .contains("buildspec-ecr-get-login");
  }
}
