package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.TestTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline build} pins the tool a generated buildspec installs. These tests run the command
 * line from its classes (not a release jar), where its own checksum is unknown: the run-from-jar
 * cases are {@code ToolInstallIT} and {@code DistributionIT}.
 */
class BuildToolArtifactTest {
  private static final String USER = UserServicePipeline.class.getName();

  @TempDir Path tmp;

  private Run build(String... extra) {
    String[] base = {"build", "--definition", USER, "--out", tmp.resolve("out").toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Run.of(args);
  }

  @Test
  void build_mavenInstall_withoutAKnownChecksum_exits2SayingWhatToDo_andWritesNothing() {
    Run run = build();
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "pipeline: CodeBuild project 'orders-build' installs pipeline from"
                + " https://repo1.maven.org/maven2 pinned to this command line's version and jar"
                + " checksum, but ")
        .contains("--tool-version VERSION --tool-sha256 HASH")
        .contains("ToolInstall.onImage()")
        .doesNotContain("Exception");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void build_withToolVersionAndSha256_pinsThemInTheInstallPhase() throws IOException {
    Run run = build("--tool-version", "2.3.4", "--tool-sha256", TestTool.SHA256.toUpperCase());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String buildspec = Files.readString(tmp.resolve("out/buildspec.yaml"));
    assertThat(buildspec)
        .contains(
            " https://repo1.maven.org/maven2/io/pipelinekit/pipeline-cli/2.3.4/"
                + "pipeline-cli-2.3.4-all.jar\n")
        .contains("echo \"" + TestTool.SHA256 + "  $HOME/.pipelinekit/lib/")
        .contains("      - pipeline --version\n")
        .doesNotContainPattern("(^|[\\s'\"])bin/pipeline");
  }

  @Test
  void build_withOnlyOneOfTheToolOptions_exits2() {
    Run run = build("--tool-version", "2.3.4");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--tool-version and --tool-sha256 go together");
  }

  @Test
  void build_withAMalformedToolChecksum_exits2NamingIt() {
    Run run = build("--tool-version", "2.3.4", "--tool-sha256", "abc");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo(
            "pipeline: tool SHA-256 'abc' is not 64 lowercase hexadecimal digits (as sha256sum"
                + " prints it)\n");
  }

  @Test
  void build_toolOnImage_needsNoChecksum() throws IOException {
    Run run = build("-P", "toolInstall=onImage");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(tmp.resolve("out/buildspec.yaml")))
        .contains("  install:\n    commands:\n      - pipeline --version\n");
  }
}
