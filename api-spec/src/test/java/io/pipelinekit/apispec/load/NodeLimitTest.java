package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The number of values in one file is bounded, alias copies included, YAML and JSON alike. */
class NodeLimitTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private static String limitMessage(int limit) {
    return "more than "
        + limit
        + " values (mappings, lists and scalars) in one file; split the document or raise the"
        + " limit (--max-nodes)";
  }

  @Test
  void valuesUpToTheLimit_load_oneMoreIsAnErrorAtIt() throws IOException {
    LoadOptions five = LoadOptions.builder().maxNodes(5).build();
    // root mapping + a + list + 2 items = 5 values; keys are not counted
    assertThat(SafeLoader.load(write("ok.yaml", "a: 1\nl: [x, y]\n"), five).root().size())
        .isEqualTo(2);
    Path yaml = write("over.yaml", "a: 1\nl: [x, y]\nb: 2\n");
    assertThatThrownBy(() -> SafeLoader.load(yaml, five))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(yaml + ":3:4: " + limitMessage(5));
    Path json = write("over.json", "{\"a\": 1, \"l\": [\"x\", \"y\"],\n \"b\": {}}");
    assertThatThrownBy(() -> SafeLoader.load(json, five))
        .hasMessage(json + ":2:7: " + limitMessage(5));
  }

  @Test
  void aliasCopies_countAsTheValuesTheyCopy() throws IOException {
    LoadOptions ten = LoadOptions.builder().maxNodes(10).build();
    Path file = write("alias.yaml", "base: &b [1, 2, 3, 4]\ncopy: *b\n");
    assertThatThrownBy(() -> SafeLoader.load(file, ten))
        .hasMessage(file + ":2:7: " + limitMessage(10));
    assertThat(SafeLoader.load(file, ten.toBuilder().maxNodes(11).build()).root().size())
        .isEqualTo(2);
  }

  @Test
  void defaultLimit_isAQuarterMillion_andAnOptionLikeTheOthers() {
    LoadOptions o = LoadOptions.builder().maxNodes(7).build();
    assertThat(LoadOptions.defaults().maxNodes()).isEqualTo(250_000);
    assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
    assertThat(o).isNotEqualTo(LoadOptions.defaults());
    assertThat(o.toString()).contains("maxNodes=7");
    assertThatThrownBy(() -> LoadOptions.builder().maxNodes(0).build())
        .hasMessage("maxNodes must be positive, was 0");
  }
}
