package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code -SNAPSHOT} tool pinned to Maven Central: Central never holds snapshots, so the install
 * phase's download cannot succeed; the synthesis says so (its warnings, which {@code pipeline
 * build} and the Maven plugin print).
 */
class SnapshotToolWarningTest {
  private static final ToolArtifact SNAPSHOT = ToolArtifact.of("0.2.0-SNAPSHOT", "ab".repeat(32));

  private static List<String> warnings(ToolInstall install, ToolArtifact tool) {
    Pipeline p =
        Fixtures.pipeline(
                Stage.named("Source", Fixtures.source()),
                Stage.named(
                    "Build",
                    Fixtures.build()
                        .project(Fixtures.project().toolInstall(install).build())
                        .build()),
                Stage.named("Deploy", Fixtures.deploy().build()))
            .build();
    return Synthesis.of(p, tool).warnings();
  }

  @Test
  void synthesis_whenSnapshotToolComesFromMavenCentral_warnsThatTheInstallPhaseWillFail() {
    List<String> warnings = warnings(ToolInstall.mavenCentral(), SNAPSHOT);
    assertThat(warnings)
        .containsExactly(
            "CodeBuild project 'service-build' installs pipeline 0.2.0-SNAPSHOT from Maven Central"
                + " (https://repo1.maven.org/maven2), which never holds snapshot versions, so the"
                + " install phase will fail to download pipeline-cli-0.2.0-SNAPSHOT-all.jar; pin a"
                + " released version (pipeline build --tool-version VERSION --tool-sha256 HASH),"
                + " or install from a repository that holds this jar under that name:"
                + " ToolInstall.mavenRepository(URL) (-P toolRepository=URL where the definition"
                + " reads it, as the bundled service's does), ToolInstall.s3(bucket, key, sha256)"
                + " or ToolInstall.onImage()");
  }

  @Test
  void synthesis_whenSnapshotToolComesFromCentralsApacheHost_warnsToo() {
    assertThat(
            warnings(
                ToolInstall.mavenRepository("https://repo.maven.apache.org/maven2/"), SNAPSHOT))
        .singleElement()
        .asString()
        .contains("from Maven Central (https://repo.maven.apache.org/maven2)");
  }

  @Test
  void synthesis_whenSnapshotComesFromAnotherRepository_orToolIsReleased_doesNotWarn() {
    assertThat(warnings(ToolInstall.mavenRepository("file:///srv/maven"), SNAPSHOT)).isEmpty();
    assertThat(
            warnings(
                ToolInstall.mavenRepository("https://nexus.example.com/repository/snapshots"),
                SNAPSHOT))
        .isEmpty();
    assertThat(warnings(ToolInstall.mavenCentral(), ToolArtifact.of("0.2.0", "ab".repeat(32))))
        .isEmpty();
    assertThat(warnings(ToolInstall.onImage(), SNAPSHOT)).isEmpty();
  }
}
