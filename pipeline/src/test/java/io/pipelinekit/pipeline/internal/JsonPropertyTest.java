package io.pipelinekit.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The synthesized JSON reads back, with Jackson, to exactly the values written. */
class JsonPropertyTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40),
        Arbitraries.strings()
            .withChars("\"\\/\n\r\t\b\f\u0000\u001f\u2028\u2029é😀#{}:")
            .ofMaxLength(20));
  }

  @Property(tries = 300)
  void compactAndPretty_readBackToTheSameStrings(
      @ForAll("text") String key, @ForAll("text") String value, @ForAll int number)
      throws Exception {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("k", key);
    map.put("list", List.of(value, number, true));
    map.put("x" + key, Map.of("v", value));
    for (String text : List.of(Json.compact(map), Json.pretty(map))) {
      JsonNode tree = JACKSON.readTree(text);
      assertThat(tree.get("k").textValue()).isEqualTo(key);
      assertThat(tree.get("list").get(0).textValue()).isEqualTo(value);
      assertThat(tree.get("list").get(1).intValue()).isEqualTo(number);
      assertThat(tree.get("list").get(2).booleanValue()).isTrue();
      assertThat(tree.get("x" + key).get("v").textValue()).isEqualTo(value);
    }
  }

  @Property(tries = 200)
  void pretty_isDeterministicAndEndsWithNewline(@ForAll("text") String value) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", value);
    map.put("a", List.of());
    String once = Json.pretty(map);
    assertThat(Json.pretty(map)).isEqualTo(once);
    assertThat(once).endsWith("}\n").startsWith("{\n  \"b\": ");
    assertThat(once).doesNotContain("\t");
  }
}
