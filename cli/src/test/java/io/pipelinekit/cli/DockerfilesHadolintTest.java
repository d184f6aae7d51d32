package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.RepoRoot;
import io.pipelinekit.testing.VenvTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Dockerfiles we ship (the bundled service's images, {@code pipeline init}'s stub) are clean
 * under hadolint, the independent Dockerfile linter {@code bin/test} installs: base images pinned
 * to exact tags (DL3006, DL3007), nothing left to its defaults. Fails, never skips, without it.
 */
class DockerfilesHadolintTest {
  private static VenvTool.Result hadolint(Path dockerfile) {
    return VenvTool.named("hadolint")
        .run(dockerfile.getParent(), Duration.ofSeconds(60), "--no-color", dockerfile.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"service/release/app/Dockerfile", "service/release/nginx/Dockerfile"})
  void bundledServiceDockerfile_isCleanUnderHadolint(String path) {
    Path dockerfile = RepoRoot.find().resolve(path);
    assertThat(dockerfile).isRegularFile();
    VenvTool.Result r = hadolint(dockerfile);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).isEmpty();
  }

  @Test
  void initDockerfileStub_isCleanUnderHadolint(@TempDir Path tmp) throws Exception {
    Path shop = tmp.resolve("shop");
    Run run = Run.of("init", shop.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    Path dockerfile = shop.resolve("Dockerfile");
    assertThat(Files.readString(dockerfile)).containsPattern("(?m)^FROM [a-z.-]+:[0-9][^\\s]*$");
    VenvTool.Result r = hadolint(dockerfile);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.stdout()).isEmpty();
  }
}
