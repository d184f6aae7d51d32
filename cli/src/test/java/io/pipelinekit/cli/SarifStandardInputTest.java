package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline lint --format sarif -}: standard input has no URI, so its results point at a
 * {@code run.artifacts} entry described as standard input (SARIF 2.1.0: an artifactLocation has a
 * uri or an index), not at a relative file named {@code %3Cstdin%3E}.
 */
class SarifStandardInputTest {
  private static final String BAD =
      LintCommandTest.CLEAN.replace("type: http_proxy", "type: lambda");

  @TempDir Path tmp;

  @Test
  void sarif_ofStandardInput_pointsAtADescribedArtifact_withoutAUri() throws Exception {
    Run run = Run.withStdin(BAD, "lint", "--format", "sarif", "-");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.out()).doesNotContain("%3C").doesNotContain("stdin%3E");
    JsonNode sarifRun = new ObjectMapper().readTree(run.out()).at("/runs/0");
    JsonNode location = sarifRun.at("/results/0/locations/0/physicalLocation/artifactLocation");
    assertThat(sarifRun.at("/results/0/ruleId").asText()).isEqualTo("apigw-integration-type");
    assertThat(location.has("uri")).as(location.toString()).isFalse();
    assertThat(location.has("uriBaseId")).isFalse();
    assertThat(location.get("description").get("text").asText()).isEqualTo("standard input");
    JsonNode artifact = sarifRun.at("/artifacts").get(location.get("index").asInt());
    // the artifact's own location is itself (an index equal to its place), with no uri either
    assertThat(artifact.at("/location/index").asInt()).isEqualTo(location.get("index").asInt());
    assertThat(artifact.at("/location").has("uri")).isFalse();
    assertThat(artifact.get("roles"))
        .extracting(JsonNode::asText)
        .containsExactly("analysisTarget", "standardStream");
    assertThat(sarifRun.at("/invocations/0/stdin/index").asInt())
        .isEqualTo(location.get("index").asInt());
    assertThat(sarifRun.at("/results/0/locations/0/physicalLocation/region/startLine").asInt())
        .isEqualTo(12);
  }

  @Test
  void sarif_ofStandardInputAndAFile_keepsTheFilesUri() throws Exception {
    Path file = Files.writeString(tmp.resolve("bad.yaml"), BAD);

    Run run = Run.withStdin(BAD, "lint", "--format", "sarif", "-", file.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    JsonNode results = new ObjectMapper().readTree(run.out()).at("/runs/0/results");
    assertThat(results.size()).isEqualTo(2);
    JsonNode fromStdin = results.get(0).at("/locations/0/physicalLocation/artifactLocation");
    JsonNode fromFile = results.get(1).at("/locations/0/physicalLocation/artifactLocation");
    assertThat(fromStdin.has("uri")).isFalse();
    assertThat(fromStdin.get("index").asInt()).isZero();
    assertThat(fromFile.get("uri").asText()).isEqualTo(file.toUri().toString());
    assertThat(fromFile.has("index")).isFalse();
  }

  @Test
  void sarif_ofFilesOnly_hasNoArtifactsAndNoStdin() throws Exception {
    Path file = Files.writeString(tmp.resolve("bad.yaml"), BAD);

    Run run = Run.of("lint", "--format", "sarif", file.toString());

    JsonNode sarifRun = new ObjectMapper().readTree(run.out()).at("/runs/0");
    assertThat(sarifRun.has("artifacts")).isFalse();
    assertThat(sarifRun.at("/invocations/0").has("stdin")).isFalse();
  }
}
