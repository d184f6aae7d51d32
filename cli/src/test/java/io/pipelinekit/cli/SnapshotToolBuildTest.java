package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.TestTool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline build} pinning a {@code -SNAPSHOT} tool to Maven Central, which never holds
 * snapshots: the files are written (they are right for a released version), with a warning saying
 * that the install phase will fail and what to do instead.
 */
class SnapshotToolBuildTest {
  private static final String USER = UserServicePipeline.class.getName();
  private static final String WARNING =
      "pipeline: warning: CodeBuild project 'orders-build' installs pipeline 0.2.0-SNAPSHOT from"
          + " Maven Central (https://repo1.maven.org/maven2), which never holds snapshot versions,"
          + " so the install phase will fail to download pipeline-cli-0.2.0-SNAPSHOT-all.jar;";

  @TempDir Path tmp;

  private Run build(String... extra) {
    String[] base = {
      "build",
      "--definition",
      USER,
      "--out",
      tmp.resolve("out").toString(),
      "--tool-version",
      "0.2.0-SNAPSHOT",
      "--tool-sha256",
      TestTool.SHA256
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Run.of(args);
  }

  @Test
  void build_snapshotFromMavenCentral_writesTheFiles_andWarnsWhatToDo() throws IOException {
    Run run = build();
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .startsWith(WARNING)
        .contains("pipeline build --tool-version VERSION --tool-sha256 HASH")
        .contains("-P toolRepository=URL")
        .doesNotContain("Exception");
    assertThat(Files.readString(tmp.resolve("out/buildspec.yaml")))
        .contains(
            "/io/pipelinekit/pipeline-cli/0.2.0-SNAPSHOT/pipeline-cli-0.2.0-SNAPSHOT-all.jar");
  }

  @Test
  void build_snapshotFromMavenCentral_formatJson_listsTheWarning() {
    Run run = build("--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "\"CodeBuild project 'orders-build' installs pipeline 0.2.0-SNAPSHOT from Maven"
                + " Central");
  }

  @Test
  void build_snapshotFromTheRepositoryNamedWithToolRepository_doesNotWarn() {
    Run run = build("-P", "toolRepository=file:///srv/maven");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("snapshot");
  }
}
