package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.RepoRoot;
import io.pipelinekit.testing.VenvTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a stack made, read back through boto3 ({@code src/test/resources/deploystack/readback.py}, a
 * client independent of ours): the deploy-stack tests' shared read-back.
 */
final class StackReadBack {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path workDir;
  private final URI moto;
  private final String region;

  StackReadBack(Path workDir, URI moto, String region) {
    this.workDir = workDir;
    this.moto = moto;
    this.region = region;
  }

  /** What exists (stacks, roles, buckets, repositories, log groups) named with {@code prefix}. */
  JsonNode inventory(String prefix) {
    return run("inventory", prefix);
  }

  /** The stack, its change sets, and each of its resources read back by physical id. */
  JsonNode stack(String name) {
    return run("stack", name);
  }

  private JsonNode run(String mode, String name) {
    Path script = RepoRoot.find().resolve("cli/src/test/resources/deploystack/readback.py");
    VenvTool.Result r =
        VenvTool.named("python")
            .run(
                workDir,
                Duration.ofSeconds(60),
                script.toString(),
                moto.toString(),
                mode,
                name,
                region);
    assertThat(r.exitCode()).as(r.output()).isZero();
    try {
      return JSON.readTree(r.stdout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stack's resource {@code logicalId}, which its own service could read back. */
  static JsonNode resource(JsonNode stack, String logicalId) {
    for (JsonNode r : stack.get("resources")) {
      if (r.get("logicalId").asText().equals(logicalId)) {
        assertThat(r.has("error")).as(r.toString()).isFalse();
        return r;
      }
    }
    throw new AssertionError(logicalId + " is not in the stack: " + stack);
  }

  /** How many {@code action} calls went through {@code proxy}. */
  static long calls(FaultProxy proxy, String action) {
    return proxy.exchanges().stream().filter(e -> e.call().equals(action)).count();
  }
}
