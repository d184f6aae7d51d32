package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pipeline build --format json}: broken rules as JSON with their ids, exit 2. */
class BuildJsonFormatTest {
  @TempDir Path tmp;

  private Run build(String definition, String... extra) {
    String[] base = {
      "build",
      "--definition",
      definition,
      "--out",
      tmp.resolve("out").toString(),
      TestDefinitions.TOOL[0],
      TestDefinitions.TOOL[1],
      TestDefinitions.TOOL[2],
      TestDefinitions.TOOL[3]
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Run.of(args);
  }

  @Test
  void buildJson_whenRulesBroken_printsEachProblemWithRuleId_exits2_writesNothing()
      throws Exception {
    Run run = build(TestDefinitions.Broken.class.getName(), "--format", "json");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    JsonNode problems = doc.get("findings");
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).get("rule").asText()).isEqualTo("pipeline-name-pattern");
    assertThat(problems.get(0).get("severity").asText()).isEqualTo("error");
    assertThat(problems.get(0).at("/location/pointer").asText())
        .isEqualTo("pipeline 'broken pipeline'");
    assertThat(problems.get(0).at("/location/file").isNull()).isTrue();
    assertThat(problems.get(0).get("message").asText())
        .startsWith("pipeline name 'broken pipeline' is not allowed");
    assertThat(problems.get(1).get("rule").asText()).isEqualTo("pipeline-v1-feature");
    assertThat(doc.at("/errors/0").asText())
        .startsWith("pipeline 'broken pipeline' breaks 2 rules:");
    assertThat(run.err()).contains("pipeline: pipeline 'broken pipeline' breaks 2 rules:");
    assertThat(run.err()).doesNotContain("Exception");
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void buildText_whenRulesBroken_printsNoJson() {
    Run run = build(TestDefinitions.Broken.class.getName());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("pipeline: pipeline 'broken pipeline' breaks 2 rules:\n  - pipeline name");
  }

  @Test
  void buildJson_whenValid_listsTheFilesWritten() throws Exception {
    Path api = tmp.resolve("src/service/api/openapi.yaml");
    Files.createDirectories(api.getParent());
    try (var in = getClass().getResourceAsStream("/sources/kitchen/api/openapi.yaml")) {
      Files.write(api, in.readAllBytes());
    }
    Run run =
        build(
            TestDefinitions.Minimal.class.getName(),
            "--format",
            "json",
            "--source-root",
            tmp.resolve("src").toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isTrue();
    assertThat(doc.get("files").findValuesAsText("path")).contains("pipeline.json");
    assertThat(Files.exists(tmp.resolve("out/pipeline.json"))).isTrue();
  }

  @Test
  void buildJson_whenProblemIsNoRule_printsTheErrorWithoutProblems() throws Exception {
    Run run =
        build(
            TestDefinitions.Minimal.class.getName(),
            "--format",
            "json",
            "--source-root",
            tmp.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    JsonNode doc = new ObjectMapper().readTree(run.out());
    assertThat(doc.get("ok").asBoolean()).isFalse();
    assertThat(doc.get("findings")).isEmpty();
    assertThat(doc.at("/errors/0").asText())
        .contains("fragment 'service/api/openapi.yaml' does not exist");
  }

  @Test
  void build_whenFormatUnknown_isAUsageError() {
    Run run = build(TestDefinitions.Minimal.class.getName(), "--format", "yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--format");
  }
}
