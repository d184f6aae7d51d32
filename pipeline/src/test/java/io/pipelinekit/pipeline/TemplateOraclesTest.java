package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.VenvTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both CloudFormation templates of a blue/green pipeline with two sources and a manual approval
 * (and of the kitchen sink, and of a pipeline whose build runs as a CodeBuild batch with a role of
 * its own) pass cfn-lint with no error or warning and checkov with every failed check fixed or
 * suppressed with a reason in the resource's Metadata.
 */
class TemplateOraclesTest {
  @TempDir Path tmp;

  private List<String> write() throws IOException {
    List<String> files = new ArrayList<>();
    for (Pipeline p :
        List.of(BlueGreenPipeline.pipeline(), KitchenSink.pipeline(), BatchPipeline.pipeline())) {
      Synthesis s = Synthesis.of(p, TestTool.ARTIFACT);
      for (String name : List.of(Synthesis.BOOTSTRAP_TEMPLATE, Synthesis.PIPELINE_TEMPLATE)) {
        Path file = tmp.resolve(p.name()).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.files().get(name));
        files.add(tmp.relativize(file).toString());
      }
    }
    return files;
  }

  @Test
  void templates_passCfnLint_withoutErrorsOrWarnings() throws IOException {
    List<String> args = new ArrayList<>(List.of("--format", "parseable"));
    args.addAll(write());
    VenvTool.Result r =
        VenvTool.named("cfn-lint").run(tmp, Duration.ofMinutes(3), args.toArray(String[]::new));
    assertThat(r.output()).as("cfn-lint findings").isEmpty();
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  @Test
  void templates_passCheckov_everyFailedCheckFixedOrSuppressedWithAReason() throws IOException {
    List<String> args = new ArrayList<>();
    for (String file : write()) {
      args.add("-f");
      args.add(file);
    }
    args.addAll(List.of("--framework", "cloudformation", "--compact", "--quiet"));
    VenvTool.Result r =
        VenvTool.named("checkov").run(tmp, Duration.ofMinutes(5), args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).doesNotContain("FAILED");
  }
}
