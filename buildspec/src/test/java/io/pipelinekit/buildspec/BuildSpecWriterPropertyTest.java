package io.pipelinekit.buildspec;

import static io.pipelinekit.buildspec.YamlReadBack.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random strings, biased toward what YAML 1.1 reinterprets, placed as commands, variable names and
 * values and runtime versions: written, then read back by SnakeYAML's safe loader and by Jackson,
 * both must give exactly the model's strings.
 */
class BuildSpecWriterPropertyTest {

  private static final List<String> DANGEROUS =
      List.of(
          "yes",
          "No",
          "ON",
          "off",
          "y",
          "N",
          "true",
          "FALSE",
          "null",
          "Null",
          "~",
          "0755",
          "0x1F",
          "0b101",
          "1_000",
          "1e3",
          "1.10",
          ".5",
          "._2",
          "-._5",
          "+1",
          "-",
          ".inf",
          "-.Inf",
          ".NaN",
          "1:20",
          "2001-12-14",
          "2001-12-14t21:59:43.10-05:00",
          ": ",
          " #",
          "#",
          "- ",
          "? ",
          ":",
          "*",
          "&",
          "!",
          "%",
          "@",
          "|",
          ">",
          "'",
          "\"",
          "{",
          "}",
          "[",
          "]",
          ",",
          "`",
          "\\",
          "---",
          "...",
          "<<",
          "=",
          " ",
          "  ",
          "\n",
          "\r\n",
          "\t",
          "\u0000",
          "\u0007",
          "\u001b",
          "\u007f",
          "\u0085",
          "\u00a0",
          "\u2028",
          "\u2029",
          "\ufeff",
          "\ud83d\ude80",
          "\ud835\udd4f",
          "é",
          "日本",
          "\\n",
          "\\x41",
          "${X}",
          "$(date)",
          "0",
          "1",
          "a");

  @Provide
  Arbitrary<String> yamlText() {
    Arbitrary<String> anyCodePoint =
        Arbitraries.integers()
            .between(0, 0x10FFFF)
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
            .map(Character::toString);
    Arbitrary<String> ascii = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(4);
    Arbitrary<String> fragment =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.of(DANGEROUS)),
            net.jqwik.api.Tuple.of(3, ascii),
            net.jqwik.api.Tuple.of(1, anyCodePoint));
    return fragment.list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<List<String>> commandList() {
    return yamlText().list().ofMaxSize(5);
  }

  @Provide
  Arbitrary<String> variableName() {
    return yamlText().filter(s -> !s.isEmpty() && !s.startsWith("CODEBUILD_"));
  }

  @Property(tries = 300)
  void written_thenReadBackBySnakeYamlAndJackson_givesModelStrings(
      @ForAll("commandList") List<String> commands,
      @ForAll("variableName") String name,
      @ForAll("yamlText") String value,
      @ForAll("variableName") String runtime,
      @ForAll("yamlText") String version) {
    String safeVersion = version.isBlank() ? "v" + version + "x" : version;
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put(name, value);
    variables.put(name + "_2", "after " + value);
    String safeRuntime = runtime.strip().equalsIgnoreCase("docker") ? runtime + "x" : runtime;
    BuildSpec spec =
        BuildSpec.builder()
            .env(e -> e.variables(variables))
            .install(p -> p.putRuntimeVersion(safeRuntime, safeVersion))
            .build(p -> p.commands(commands.isEmpty() ? List.of(value) : commands))
            .build();
    List<String> expectedCommands = spec.build().orElseThrow().commands();

    String yaml = BuildSpecWriter.write(spec);
    assertThat(yaml).doesNotContain("\t").endsWith("\n");
    assertThat(yaml.lines())
        .allSatisfy(
            line -> assertThat(line.length() - line.replaceFirst("^ +", "").length()).isEven());

    Map<Object, Object> snake = YamlReadBack.snake(yaml);
    assertThat(at(snake, "phases", "build", "commands")).isEqualTo(expectedCommands);
    assertThat(at(snake, "env", "variables")).isEqualTo(variables);
    assertThat(at(snake, "phases", "install", "runtime-versions"))
        .isEqualTo(Map.of(safeRuntime, safeVersion));

    JsonNode jackson = YamlReadBack.jackson(yaml);
    assertThat(YamlReadBack.strings(jackson.at("/phases/build/commands")))
        .isEqualTo(expectedCommands);
    assertThat(YamlReadBack.stringMap(jackson.get("env").get("variables")))
        .containsExactlyEntriesOf(variables);
    assertThat(YamlReadBack.stringMap(jackson.get("phases").get("install").get("runtime-versions")))
        .containsExactlyEntriesOf(Map.of(safeRuntime, safeVersion));
  }

  @net.jqwik.api.Example
  void everyDangerousText_asVariableNameAndValue_readsBackAsTheSameString() {
    for (String text : DANGEROUS) {
      Map<String, String> variables =
          text.isBlank()
              ? Map.of("K" + text.hashCode(), text)
              : Map.of("K" + text.hashCode(), text, text.strip(), "v");
      BuildSpec spec =
          BuildSpec.builder()
              .env(e -> e.variables(variables))
              .build(p -> p.commands("true"))
              .build();
      String yaml = BuildSpecWriter.write(spec);
      Map<Object, Object> snake = YamlReadBack.snake(yaml);
      assertThat(at(snake, "env", "variables")).as(yaml).isEqualTo(variables);
    }
  }
}
