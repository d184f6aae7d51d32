package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.DeployApiTestSupport.Run;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** deploy-api's argument checks, before any AWS call (no moto needed). */
class DeployApiCommandTest {
  @Test
  void maxRetryTime_notADuration_isUsageError() {
    Run run =
        run(
            "deploy-api",
            "--rest-api-id",
            "a",
            "--stage",
            "dev",
            "--spec",
            "x.yaml",
            "--max-retry-time",
            "soon");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration; use e.g. 500ms, 30s, 2m or PT2M");
  }

  @Test
  void stageName_withSlash_isUsageErrorNamingTheRule() {
    Run run = run("deploy-api", "--rest-api-id", "a", "--stage", "dev/x", "--spec", "x.yaml");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("stage name 'dev/x' must be 1-128 letters, digits, '_' or '-'")
        .contains("Run 'pipeline deploy-api --help'");
  }

  @Test
  void mode_unknown_isUsageError() {
    Run run =
        run(
            "deploy-api",
            "--rest-api-id",
            "a",
            "--stage",
            "dev",
            "--spec",
            "x.yaml",
            "--mode",
            "replace");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("--mode");
  }

  @Test
  void durationConverter_readsShortAndIsoForms() {
    RetryOptions.DurationConverter c = new RetryOptions.DurationConverter();

    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("PT1H")).isEqualTo(Duration.ofHours(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.convert("0s"))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("must be positive");
  }
}
