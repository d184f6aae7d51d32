package io.pipelinekit.apispec.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiMerger;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.apispec.internal.yaml.OpenApiWriter;
import io.pipelinekit.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The largest corpus document (4 MB of YAML), split by paths and merged back. */
class StripeSplitMergeIT {
  @Test
  void merge_stripeSplitIntoHalves_mergesBackToTheOriginal(@TempDir Path dir) throws Exception {
    Path stripe = Corpus.file("stripe-spec3.yaml");
    JsonNode original = SafeLoader.load(stripe, LoadOptions.defaults()).root();
    List<Map.Entry<String, JsonNode>> paths = new ArrayList<>();
    original.get("paths").fields().forEachRemaining(paths::add);
    List<Path> halves = new ArrayList<>();
    int half = paths.size() / 2;
    for (List<Map.Entry<String, JsonNode>> run :
        List.of(paths.subList(0, half), paths.subList(half, paths.size()))) {
      ObjectNode part = original.deepCopy();
      ObjectNode partPaths = part.putObject("paths");
      run.forEach(e -> partPaths.set(e.getKey(), e.getValue()));
      halves.add(
          Files.writeString(
              dir.resolve("half" + halves.size() + ".yaml"), OpenApiWriter.yaml(part)));
    }

    MergeResult result = OpenApiMerger.merge(halves);

    assertThat(result.findings()).isEmpty();
    assertThat(result.pathCount()).isEqualTo(paths.size());
    assertThat(new ObjectMapper().readTree(result.json())).isEqualTo(original);
    Path merged = Files.writeString(dir.resolve("merged.yaml"), result.yaml());
    assertThat(SafeLoader.load(merged, LoadOptions.defaults()).root()).isEqualTo(original);
  }
}
