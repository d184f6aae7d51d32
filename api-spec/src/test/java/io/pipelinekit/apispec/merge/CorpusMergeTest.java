package io.pipelinekit.apispec.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiMerger;
import io.pipelinekit.apispec.internal.yaml.OpenApiWriter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;

/** Merges documents of the shared corpus (failing, with an instruction, where it is missing). */
class CorpusMergeTest {
  private static final ObjectMapper YAML = yamlMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ObjectMapper yamlMapper() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(64 * 1024 * 1024);
    return new ObjectMapper(YAMLFactory.builder().loaderOptions(options).build());
  }

  private static Path corpus(String name) {
    return Corpus.file(name);
  }

  @Test
  void merge_twilioMessagingAndVerify_reportsEachOperationIdClashWithBothLocations()
      throws IOException {
    Path messaging = corpus("twilio_messaging_v1.yaml");
    Path verify = corpus("twilio_verify_v2.yaml");

    MergeResult result = OpenApiMerger.merge(List.of(messaging, verify));

    List<Finding> clashes =
        result.conflicts().stream()
            .filter(f -> f.ruleId().equals("merge-operation-id-clash"))
            .toList();
    assertThat(clashes)
        .extracting(f -> f.message().replaceAll("^operationId '([^']+)'.*", "$1"))
        .containsExactlyInAnyOrder(
            "CreateService", "DeleteService", "FetchService", "ListService", "UpdateService");
    List<String> verifyLines = Files.readAllLines(verify);
    List<String> messagingLines = Files.readAllLines(messaging);
    Pattern other = Pattern.compile(" at " + Pattern.quote(messaging.toString()) + ":(\\d+):\\d+ ");
    for (Finding clash : clashes) {
      String id = clash.message().replaceAll("^operationId '([^']+)'.*", "$1");
      assertThat(clash.location().file()).isEqualTo(verify);
      assertThat(verifyLines.get(clash.location().line() - 1).trim())
          .isEqualTo("operationId: " + id);
      Matcher m = other.matcher(clash.message());
      assertThat(m.find()).as(clash.message()).isTrue();
      assertThat(messagingLines.get(Integer.parseInt(m.group(1)) - 1).trim())
          .isEqualTo("operationId: " + id);
    }
    // Only the clashes conflict: the shared security scheme is identical and collapses.
    assertThat(result.conflicts()).hasSize(5);
    assertThat(result.findings())
        .filteredOn(f -> f.ruleId().equals("merge-servers-differ"))
        .hasSize(1);
  }

  @Test
  void merge_documentSplitByPathsIntoHalves_mergesBackToTheOriginal(@TempDir Path dir)
      throws IOException {
    for (String name : List.of("twilio_verify_v2.yaml", "github-api.github.com.json")) {
      JsonNode original = YAML.readTree(corpus(name).toFile());
      int half = original.get("paths").size() / 2;

      List<Path> parts = split(original, List.of(half), dir, name);
      MergeResult result = OpenApiMerger.merge(parts);

      assertThat(result.findings()).as(name).isEmpty();
      assertThat(JSON.readTree(result.json())).as(name).isEqualTo(original);
      if (name.endsWith(".yaml")) {
        assertThat(YAML.readTree(result.yaml())).as(name).isEqualTo(original);
      }
    }
  }

  /** A property over random cut points (seeded, so a failure reproduces with its seed). */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void merge_documentSplitByPathsAnywhere_mergesBackToTheOriginal(long seed, @TempDir Path dir)
      throws IOException {
    JsonNode original = twilioMessaging();
    int size = original.get("paths").size();
    Random random = new Random(seed);
    int parts = 2 + random.nextInt(4);
    List<Integer> cuts =
        random.ints(parts - 1, 0, size + 1).sorted().boxed().collect(Collectors.toList());

    MergeResult result = OpenApiMerger.merge(split(original, cuts, dir, "part"));

    assertThat(result.findings()).as("cuts %s", cuts).isEmpty();
    assertThat(JSON.readTree(result.json())).as("cuts %s", cuts).isEqualTo(original);
  }

  private static JsonNode twilioMessagingTree;

  private static synchronized JsonNode twilioMessaging() throws IOException {
    if (twilioMessagingTree == null) {
      twilioMessagingTree = YAML.readTree(corpus("twilio_messaging_v1.yaml").toFile());
    }
    return twilioMessagingTree;
  }

  /**
   * Splits a document at the given path indexes: every part keeps the top-level fields and all
   * components; the paths are cut into consecutive runs.
   */
  private static List<Path> split(JsonNode original, List<Integer> cuts, Path dir, String name)
      throws IOException {
    List<Map.Entry<String, JsonNode>> paths = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = original.get("paths").fields();
    it.forEachRemaining(paths::add);
    List<Integer> bounds = new ArrayList<>();
    bounds.add(0);
    bounds.addAll(cuts);
    bounds.add(paths.size());
    List<Path> parts = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.size(); i++) {
      ObjectNode part = original.deepCopy();
      ObjectNode partPaths = part.putObject("paths");
      for (Map.Entry<String, JsonNode> e : paths.subList(bounds.get(i), bounds.get(i + 1))) {
        partPaths.set(e.getKey(), e.getValue());
      }
      boolean json = name.endsWith(".json");
      Path file = dir.resolve(name + "." + i + (json ? ".json" : ".yaml"));
      Files.writeString(file, json ? OpenApiWriter.json(part) : OpenApiWriter.yaml(part));
      parts.add(file);
    }
    return parts;
  }
}
