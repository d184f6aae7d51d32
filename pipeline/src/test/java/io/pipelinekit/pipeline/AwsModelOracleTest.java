package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * botocore as the oracle (issue 13): every golden CreatePipeline/CreateProject output in the
 * repository, and the synthesis of every rule's passing fixture, is inside AWS's model — botocore's
 * ParamValidator plus each shape's min/max/pattern/enum, in one Python run.
 */
class AwsModelOracleTest {

  /** Every golden {@code pipeline.json} and {@code codebuild-project*.json} of every module. */
  static List<Path> goldenInputs(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> p.toString().contains("/src/test/resources/golden/"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.venv/"))
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.equals("pipeline.json")
                    || (name.startsWith("codebuild-project") && name.endsWith(".json"));
              })
          .sorted()
          .toList();
    }
  }

  @Test
  void everyGoldenInput_passesBotocore(@TempDir Path tmp) throws IOException {
    Path root = RepoRoot.find();
    List<Path> goldens = goldenInputs(root);
    assertThat(goldens)
        .as("golden inputs of the pipeline and service/definition modules")
        .hasSizeGreaterThanOrEqualTo(5);
    for (Path golden : goldens) {
      Path copy = tmp.resolve(root.relativize(golden));
      Files.createDirectories(copy.getParent());
      Files.copy(golden, copy);
    }
    Map<String, List<String>> results = BotocoreOracle.validate(tmp);
    assertThat(results).hasSameSizeAs(goldens);
    assertThat(results).allSatisfy((file, problems) -> assertThat(problems).as(file).isEmpty());
  }

  @Test
  void everyPassingRuleFixture_synthesizesInputsBotocoreAccepts(@TempDir Path tmp)
      throws IOException {
    int written = 0;
    for (Map.Entry<String, PipelineRuleFixtures.Case> c : PipelineRuleFixtures.CASES.entrySet()) {
      Synthesis s = Synthesis.of(c.getValue().passing().get().build(), TestTool.ARTIFACT);
      Path dir = Files.createDirectories(tmp.resolve(c.getKey()));
      for (Map.Entry<String, String> f : s.files().entrySet()) {
        String name = f.getKey();
        if (name.equals("pipeline.json") || name.startsWith("codebuild-project")) {
          Files.writeString(dir.resolve(name), f.getValue());
          written++;
        }
      }
    }
    Map<String, List<String>> results = BotocoreOracle.validate(tmp);
    assertThat(results).hasSize(written);
    assertThat(results).allSatisfy((file, problems) -> assertThat(problems).as(file).isEmpty());
  }

  @Test
  void oracle_rejectsWhatAwsRejects_soTheTestsAboveCanFail(@TempDir Path tmp) throws IOException {
    Path golden = RepoRoot.find().resolve("service/definition/src/test/resources/golden/service");
    String project = Files.readString(golden.resolve("codebuild-project.json"));
    String pipeline = Files.readString(golden.resolve("pipeline.json"));
    Files.writeString(
        tmp.resolve("codebuild-project.json"),
        project
            .replace("\"computeType\": \"BUILD_GENERAL1_SMALL\"", "\"computeType\": \"HUGE\"")
            .replace("\"timeoutInMinutes\": 30", "\"timeoutInMinutes\": 3"));
    Files.writeString(
        tmp.resolve("pipeline.json"),
        pipeline.replace("\"pipelineType\": \"V2\"", "\"pipelineType\": \"V3\""));
    Map<String, List<String>> results = BotocoreOracle.validate(tmp);
    assertThat(String.join("\n", results.get("codebuild-project.json")))
        .contains("$.environment.computeType: 'HUGE' not in enum")
        .contains("$.timeoutInMinutes: 3 below min 5");
    assertThat(String.join("\n", results.get("pipeline.json")))
        .contains("$.pipeline.pipelineType: 'V3' not in enum");
  }
}
