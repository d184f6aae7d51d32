package io.pipelinekit.buildspec;

import static io.pipelinekit.buildspec.YamlReadBack.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildSpecWriterTest {

  /** A buildspec whose only command is {@code command} and whose variable X holds it too. */
  private static BuildSpec withText(String text) {
    return BuildSpec.builder()
        .env(e -> e.putVariable("X", text).putVariable(text.isEmpty() ? "EMPTY" : text, "v"))
        .build(p -> p.commands(text))
        .build();
  }

  private static void assertReadsBack(String text) {
    String yaml = BuildSpecWriter.write(withText(text));
    assertThat(yaml).doesNotContain("\t");

    Map<Object, Object> snake = YamlReadBack.snake(yaml);
    assertThat(at(snake, "phases", "build", "commands")).isEqualTo(List.of(text));
    assertThat(at(snake, "env", "variables"))
        .isEqualTo(Map.of("X", text, text.isEmpty() ? "EMPTY" : text, "v"));

    JsonNode jackson = YamlReadBack.jackson(yaml);
    assertThat(YamlReadBack.strings(jackson.at("/phases/build/commands"))).containsExactly(text);
    assertThat(YamlReadBack.stringMap(jackson.at("/env/variables")))
        .containsEntry("X", text)
        .containsEntry(text.isEmpty() ? "EMPTY" : text, "v");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n",
        "N", "true", "True", "TRUE", "false", "False", "FALSE", "tRuE", "yEs", "null", "Null",
        "NULL", "nUlL", "~"
      })
  void write_whenTextIsYaml11BooleanOrNull_quotesIt(String word) {
    assertThat(BuildSpecWriter.write(withText(word))).contains("- '" + word + "'");
    assertReadsBack(word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0755",
        "0x1F",
        "0X1f",
        "0b101",
        "1_000",
        "1e3",
        "1E3",
        "1.10",
        ".5",
        "+1",
        "-1",
        "0",
        "+.5",
        "1.",
        ".inf",
        ".Inf",
        "-.INF",
        "+.inf",
        ".NaN",
        ".nan",
        ".NAN",
        "1:20",
        "190:20:30.15",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5",
        "-0b11",
        "6.8523015e+5",
        "685_230.15",
        "0o17",
        "1e-3"
      })
  void write_whenTextIsNumberOrDateInAnyYaml11Spelling_quotesIt(String text) {
    assertThat(BuildSpecWriter.write(withText(text))).contains("- '" + text + "'");
    assertReadsBack(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "echo a: b",
        "echo a #b",
        "ends:",
        "- x",
        "-x",
        "? x",
        "?x",
        ":x",
        "*alias",
        "&anchor",
        "!tag",
        "%YAML",
        "@at",
        "|x",
        ">x",
        "'q",
        "\"q",
        "{a}",
        "[a]",
        "]",
        "}",
        ",",
        "#c",
        "`b`",
        "--- x",
        "...",
        "<<",
        "=",
        " leading",
        "trailing ",
        " "
      })
  void write_whenTextStartsWithIndicatorOrHoldsCommentOrMapMarker_quotesIt(String text) {
    assertThat(BuildSpecWriter.write(withText(text))).doesNotContain("- " + text + "\n");
    assertReadsBack(text);
  }

  @Test
  void write_whenTextIsEmpty_writesEmptyQuotes() {
    assertThat(BuildSpecWriter.write(withText(""))).contains("- ''\n");
    assertReadsBack("");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "line1\nline2",
        "cr\rlf",
        "tab\there",
        "nul\u0000",
        "bell\u0007",
        "esc\u001b",
        "del\u007f",
        "nel\u0085",
        "ls\u2028",
        "ps\u2029",
        "bom\ufeff",
        "c1\u0090",
        "trailing\n",
        "\n",
        "vt\u000b ff\f bs\b",
        "nonchar\ufffe\uffff",
        "\u0000"
      })
  void write_whenTextHasControlCharactersOrLineBreaks_escapesInDoubleQuotes(String text) {
    String yaml = BuildSpecWriter.write(withText(text));
    assertThat(yaml).contains("- \"").doesNotContain("\t");
    assertThat(yaml.lines()).allMatch(l -> l.isEmpty() || l.charAt(0) != ' ' || l.startsWith("  "));
    assertReadsBack(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "emoji \uD83D\uDE80 rocket",
        "\uD835\uDD4F",
        "héllo",
        "日本語",
        "a\u00a0b",
        "private\ue000use"
      })
  void write_whenTextIsNonAsciiPrintable_keepsItReadable(String text) {
    assertThat(BuildSpecWriter.write(withText(text))).contains("'" + text + "'");
    assertReadsBack(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "echo hello",
        "docker build -t $REPO:$TAG .",
        "echo ${IMAGE_TAG}",
        "a,b",
        "x:y",
        "http://example.com/a?b=c#frag",
        "echo \"quoted\" 'single'",
        "back\\slash",
        "v1.2.3",
        "a-b",
        "[[ -n $X ]] && echo ok",
        "it's",
        "a '' b"
      })
  void write_whenTextIsOrdinaryCommand_readsBackExactly(String text) {
    assertReadsBack(text);
  }

  @Test
  void write_plainCommand_staysUnquoted() {
    assertThat(BuildSpecWriter.write(withText("docker build -t app .")))
        .contains("      - docker build -t app .\n");
  }

  @Test
  void write_whenKeyIsLongerThanSimpleKeyLimit_usesExplicitKey() {
    String key = "K".repeat(1500);
    String yaml = BuildSpecWriter.write(withText(key));
    assertThat(yaml).contains("? " + key + "\n");
    assertReadsBack(key);
  }

  @Test
  void write_keepsSectionOrderAndTwoSpaceIndentation() {
    BuildSpec spec =
        BuildSpec.builder()
            .cache(c -> c.paths("/root/.m2/**/*"))
            .artifacts(a -> a.files("imagedefinitions.json"))
            .putReport("unit", r -> r.files("**/*.xml"))
            .postBuild(p -> p.commands("echo post"))
            .build(p -> p.commands("echo build"))
            .preBuild(p -> p.commands("echo pre"))
            .install(p -> p.putRuntimeVersion("java", "corretto21"))
            .env(e -> e.putVariable("A", "1"))
            .runAs("root")
            .build();
    String yaml = BuildSpecWriter.write(spec);
    assertThat(yaml)
        .isEqualTo(
            String.join(
                "\n",
                "version: 0.2",
                "run-as: root",
                "env:",
                "  variables:",
                "    A: '1'",
                "phases:",
                "  install:",
                "    runtime-versions:",
                "      java: corretto21",
                "  pre_build:",
                "    commands:",
                "      - echo pre",
                "  build:",
                "    commands:",
                "      - echo build",
                "  post_build:",
                "    commands:",
                "      - echo post",
                "reports:",
                "  unit:",
                "    files:",
                "      - '**/*.xml'",
                "artifacts:",
                "  files:",
                "    - imagedefinitions.json",
                "cache:",
                "  paths:",
                "    - /root/.m2/**/*",
                ""));
  }

  @Test
  void write_sameModel_givesSameBytes() {
    assertThat(BuildSpecWriter.write(Examples.containerService()))
        .isEqualTo(BuildSpecWriter.write(Examples.containerService().toBuilder().build()));
  }

  @Test
  void write_containerServiceExample_matchesGoldenFile() {
    String yaml = BuildSpecWriter.write(Examples.containerService());
    Golden.assertMatches("container-service", "buildspec.yml", yaml);
  }

  @Test
  void write_containerServiceExample_readsBackToModelStrings() {
    BuildSpec spec = Examples.containerService();
    String yaml = BuildSpecWriter.write(spec);
    Map<Object, Object> snake = YamlReadBack.snake(yaml);
    assertThat(snake.get("version")).isEqualTo(0.2);
    assertThat(at(snake, "phases", "post_build", "commands"))
        .isEqualTo(spec.postBuild().orElseThrow().commands());
    assertThat(at(snake, "env", "exported-variables"))
        .isEqualTo(spec.env().orElseThrow().exportedVariables());
    assertThat(at(snake, "artifacts", "discard-paths")).isEqualTo(Boolean.TRUE);
    assertThat(at(snake, "install")).isNull();
    assertThat(at(snake, "phases", "install", "runtime-versions"))
        .isEqualTo(Map.of("java", "corretto21", "python", "3.10"));
    JsonNode jackson = YamlReadBack.jackson(yaml);
    assertThat(YamlReadBack.strings(jackson.at("/phases/build/commands")))
        .isEqualTo(spec.build().orElseThrow().commands());
    assertThat(YamlReadBack.stringMap(jackson.at("/env/variables")))
        .isEqualTo(spec.env().orElseThrow().variables());
  }
}
