package io.pipelinekit.service.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Synthesis;
import io.pipelinekit.testing.VenvTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled service's CloudFormation templates pass cfn-lint with no error or warning, and
 * checkov with every failed check fixed or suppressed with a reason in the resource's Metadata.
 */
class ServiceTemplatesTest {
  private static final List<String> TEMPLATES =
      List.of(Synthesis.BOOTSTRAP_TEMPLATE, Synthesis.PIPELINE_TEMPLATE);

  @TempDir Path tmp;

  private void write() throws IOException {
    Synthesis s = Synthesis.of(new ServicePipeline().define(Parameters.none()));
    for (String name : TEMPLATES) {
      Path file = tmp.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, s.files().get(name));
    }
  }

  @Test
  void templates_passCfnLint_withoutErrorsOrWarnings() throws IOException {
    write();
    VenvTool.Result r =
        VenvTool.named("cfn-lint")
            .run(
                tmp,
                Duration.ofMinutes(3),
                "--format",
                "parseable",
                TEMPLATES.get(0),
                TEMPLATES.get(1));
    assertThat(r.output()).as("cfn-lint findings").isEmpty();
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void templates_passCheckov_everyFailedCheckFixedOrSuppressedWithAReason() throws IOException {
    write();
    VenvTool.Result r =
        VenvTool.named("checkov")
            .run(
                tmp,
                Duration.ofMinutes(5),
                "-f",
                TEMPLATES.get(0),
                "-f",
                TEMPLATES.get(1),
                "--framework",
                "cloudformation",
                "--compact",
                "--quiet");
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).doesNotContain("FAILED");
  }
}
