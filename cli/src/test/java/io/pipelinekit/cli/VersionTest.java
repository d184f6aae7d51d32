package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VersionTest {
  @TempDir Path dir;

  @Test
  void version_namesTheBuildsVersionAndCommit() {
    Run run = Run.of("--version");
    assertThat(run.exitCode()).isZero();
    // the commit is git's short id (at least 7 hex digits), or "unknown" for a build without git
    assertThat(run.out())
        .matches("pipeline \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{7,}|unknown)\\)\n");
    assertThat(run.out())
        .isEqualTo(
            "pipeline "
                + VersionProvider.version()
                + " (commit "
                + VersionProvider.commit()
                + ")\n");
    assertThat(Run.of("lint", "-V").out()).isEqualTo(run.out());
  }

  @Test
  void sarifToolVersion_isTheVersionAlone() throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("openapi.yaml"),
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n");
    Run run = Run.of("lint", "--format", "sarif", spec.toString());
    assertThat(run.out())
        .contains("\"semanticVersion\" : \"" + VersionProvider.version() + "\"")
        .doesNotContain("(commit");
  }
}
