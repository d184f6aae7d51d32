package io.pipelinekit.apispec.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pipelinekit.apispec.internal.yaml.OpenApiWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class OpenApiWriterPropertyTest {
  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Provide
  Arbitrary<String> awkwardStrings() {
    Arbitrary<String> special =
        Arbitraries.of(
            "",
            " ",
            "200",
            "1.0",
            "0x1F",
            "1e3",
            "true",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "null",
            "~",
            "-",
            "- a",
            "? a",
            ": a",
            "a: b",
            "a #b",
            "#c",
            "*alias",
            "&anchor",
            "!tag",
            "%dir",
            "@x",
            "`x",
            "'q'",
            "\"dq\"",
            "{a}",
            "[a]",
            "/pets/{petId}",
            "${stageVariables.vpcLinkId}",
            "line\nbreak",
            "trailing \n",
            "\ttab",
            "multi\nline\n",
            "  indented\nblock",
            "é ünïcödé ✓ 🐱",
            "\u0085next line",
            "\u2028ls",
            "---",
            "...",
            "3.0.3",
            "1_000",
            "0o17",
            "0b101",
            "12:30:45",
            "2026-11-25",
            ".5",
            "-.inf",
            ".NaN",
            "<<",
            "=",
            "\nabc",
            "\n !",
            "\n\n  indented after breaks",
            "a\n\n\n",
            "a\n  \nb",
            "  \n",
            "\n",
            "\n\n",
            "a\r\nb",
            "\ta\nb",
            "a\n\tb",
            "x\n#y",
            "- a\n- b",
            "a: b\nc: d",
            "a\n b\n  c\n",
            "ok\u0000nul",
            "bom\ufeff",
            "\ud83d\udc31 cat",
            "lone \ud83d",
            "k".repeat(1100));
    Arbitrary<String> random =
        Arbitraries.strings().withCharRange(' ', '~').withChars("\n\té✓\u0085").ofMaxLength(20);
    return Arbitraries.oneOf(special, random);
  }

  @Property(tries = 1000)
  void yaml_anyStringsAsKeysAndValues_readBackUnchanged(
      @ForAll("awkwardStrings") String key,
      @ForAll("awkwardStrings") String value,
      @ForAll("awkwardStrings") String item)
      throws Exception {
    ObjectNode root = NODES.objectNode();
    root.put("openapi", "3.0.3");
    ObjectNode inner = root.putObject(key.isEmpty() ? "k" : key);
    inner.put(value.isEmpty() ? "v" : value, value);
    ArrayNode list = inner.putArray("list");
    list.add(item);
    list.add(NODES.objectNode().put(item, key).put("second", value));
    list.addArray().add(value).addArray().add(key);
    list.addObject();
    list.addArray();

    String yaml = OpenApiWriter.yaml(root);

    assertThat(YAML.readTree(yaml)).as(yaml).isEqualTo(root);
    assertThat(JSON.readTree(OpenApiWriter.json(root))).isEqualTo(root);
    assertThat(OpenApiWriter.yaml(root)).isEqualTo(yaml);
  }

  @Test
  void yaml_firstNonEmptyLineIndented_readsBackWithItsLeadingSpaces() throws Exception {
    ObjectNode root = NODES.objectNode();
    root.put("a", "\n !");
    root.put("b", "\n\n  two\nlines\n");

    String yaml = OpenApiWriter.yaml(root);

    assertThat(YAML.readTree(yaml)).as(yaml).isEqualTo(root);
  }

  @Test
  void yaml_numbersBooleansNullsAndEmptyContainers_keepTheirTypes() throws Exception {
    ObjectNode root = NODES.objectNode();
    root.put("int", 42);
    root.put("long", 12345678901234L);
    root.put("decimal", new java.math.BigDecimal("3.25"));
    root.put("bool", false);
    root.putNull("nothing");
    root.putObject("emptyObject");
    root.putArray("emptyList");
    root.put("numberString", "42");

    String yaml = OpenApiWriter.yaml(root);

    assertThat(yaml)
        .isEqualTo(
            String.join(
                "\n",
                List.of(
                    "int: 42",
                    "long: 12345678901234",
                    "decimal: 3.25",
                    "bool: false",
                    "nothing: null",
                    "emptyObject: {}",
                    "emptyList: []",
                    "numberString: '42'",
                    "")));
    JsonNode back = YAML.readTree(yaml);
    assertThat(back.get("int").isInt()).isTrue();
    assertThat(back.get("numberString").isTextual()).isTrue();
    assertThat(back.get("nothing").isNull()).isTrue();
  }
}
