package io.pipelinekit.apispec.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.rules.ApiGatewayRules;
import io.pipelinekit.core.Finding;
import io.pipelinekit.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The two-thread read of large YAML documents ({@link ParallelYaml}) against the serial read
 * ({@link YamlReader}): the same tree (key order included), the same position for every node, the
 * same findings; and, for every text it cannot cut safely, the serial read's result or error.
 */
class ParallelYamlTest {
  private static final Path FILE = Path.of("api.yaml");
  private static final LoadOptions OPTIONS =
      LoadOptions.builder().maxBytes(100_000_000).maxNodes(10_000_000).build();

  // ---- differential: corpus and generated documents ------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"stripe-spec3.yaml", "twilio_messaging_v1.yaml", "twilio_verify_v2.yaml"})
  void aCorpusDocumentReadOnTwoThreadsIsTheSerialReadWithTheSameFindings(String name)
      throws Exception {
    String text = Files.readString(Corpus.file(name));
    LoadedDocument parallel = assertParallelIsSerial(text, OPTIONS);
    LoadedDocument serial = YamlReader.read(FILE, text, size(text), OPTIONS);
    assertThat(findings(parallel)).isNotEmpty().isEqualTo(findings(serial));
  }

  @Test
  void theGitHubDocumentAsBlockYamlReadOnTwoThreadsIsTheSerialRead() throws Exception {
    // the fourth corpus document is JSON (read by the JSON reader, never cut): as YAML (with a
    // '---' first line, quoted keys and folded double-quoted strings) it is one more large input
    JsonNode github =
        new ObjectMapper().readTree(Corpus.file("github-api.github.com.json").toFile());
    String text = new YAMLMapper().writeValueAsString(github);
    assertThat(text).startsWith("---");
    LoadedDocument parallel = assertParallelIsSerial(text, OPTIONS);
    assertThat(parallel.root()).isEqualTo(github);
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 40, 1500})
  void aGeneratedDocumentReadOnTwoThreadsIsTheSerialReadWithTheSameFindings(int paths) {
    String text = generated(paths, 2, "\n");
    LoadedDocument parallel = assertParallelIsSerial(text, OPTIONS);
    if (paths >= 40) {
      assertThat(secondLevel(text)).as("cut inside paths").isTrue();
    }
    assertThat(findings(parallel))
        .isNotEmpty()
        .isEqualTo(findings(YamlReader.read(FILE, text, size(text), OPTIONS)));
  }

  @Test
  void crLfLineEndingsAFourSpaceIndentAByteOrderMarkAndADocumentStartAreReadTheSame() {
    assertParallelIsSerial(generated(200, 4, "\r\n"), OPTIONS);
    assertParallelIsSerial("\uFEFF" + generated(200, 2, "\n"), OPTIONS);
    assertParallelIsSerial("# a comment\n---\n" + generated(200, 2, "\n"), OPTIONS);
  }

  @Test
  void aDocumentOfManyTopLevelKeysIsCutAtOne() {
    StringBuilder text = new StringBuilder("openapi: 3.0.3\n");
    for (int i = 0; i < 300; i++) {
      text.append("x-key-").append(i).append(":\n  - a: ").append(i).append("\n    b: [1, 2]\n");
      text.append("# column-0 comment\n\"x-quoted-").append(i).append("\": 'v'\n");
    }
    assertThat(ParallelYaml.plan(text.toString()).spans()).hasSizeGreaterThan(2);
    assertThat(secondLevel(text.toString())).isFalse();
    assertParallelIsSerial(text.toString(), OPTIONS);
  }

  @Test
  void entriesAfterTheCutMappingAndTopLevelKeysAfterItAreJoinedInOrder() {
    String text =
        generated(300, 2, "\n")
            + "x-after-paths:\n  a: 1\ntags:\n- name: t1\n- name: t2\nx-last: {a: 1}\n";
    LoadedDocument parallel = assertParallelIsSerial(text, OPTIONS);
    List<String> keys = new ArrayList<>();
    parallel.root().fieldNames().forEachRemaining(keys::add);
    assertThat(keys.subList(keys.size() - 4, keys.size()))
        .containsExactly("components", "x-after-paths", "tags", "x-last");
  }

  @Test
  void blockScalarsEndBeforeALineAtTheirParentsIndentation() {
    // YAML 1.2.2 8.1.1.1: a block scalar's content is indented more than its parent node, so a
    // key at column 0 (or at the entries' indentation) always ends it; also with keep chomping
    // and trailing empty lines right before the cut, and with an explicit indentation indicator
    String body = "x-doc: |+\n  text\n   more\n\n\n";
    String trap = "x-next: |2\n  a: 1\n";
    assertParallelIsSerial(centered(body, trap, "x-tail: >-\n  folded\n\n  text\n"), OPTIONS);
    String section = "x-section:\n  a: |\n    text\n\n";
    String entry = "  b: |2\n  c: 1\n";
    String text = centered(section, entry, "  d: 2\n");
    assertThat(secondLevel(text)).isTrue();
    LoadedDocument doc = assertParallelIsSerial(text, OPTIONS);
    assertThat(doc.root().at("/x-section/b").asText()).isEmpty();
    assertThat(doc.root().at("/x-section/c").asInt()).isEqualTo(1);
  }

  @Test
  void theNodeLimitIsTheSerialReadsOnBothSidesOfIt() {
    String text = generated(100, 2, "\n");
    LoadedDocument serial = YamlReader.read(FILE, text, size(text), OPTIONS);
    int nodes = countNodes(serial.root());
    LoadOptions exact = OPTIONS.toBuilder().maxNodes(nodes).build();
    assertParallelIsSerial(text, exact);
    LoadOptions under = OPTIONS.toBuilder().maxNodes(nodes - 1).build();
    assertThat(ParallelYaml.parallel(FILE, text, size(text), under)).isNull();
    assertSameOutcome(text, under);
  }

  @Test
  void theDepthLimitIsTheSerialReadsInTheCutMappingsEntries() {
    String deep = "  /deep:\n    a:\n      b:\n        c:\n          d: 1\n"; // depth 6 at 'd'
    String text = centered("paths:\n  /a: 1\n", deep, "  /z: 1\n");
    assertThat(secondLevel(text)).isTrue();
    assertParallelIsSerial(text, OPTIONS.toBuilder().maxDepth(6).build());
    LoadOptions shallow = OPTIONS.toBuilder().maxDepth(5).build();
    assertThat(ParallelYaml.parallel(FILE, text, size(text), shallow)).isNull();
    assertSameOutcome(text, shallow);
  }

  // ---- fallbacks: the serial read's result, or its error --------------------------------------

  @Test
  void aQuotedScalarWithAKeyLikeLineAtColumnZeroIsReadSerially() {
    String text = centered("x-note: \"first line\n", "continued: like a key\nend\"\n", "");
    assertCutAtTrapFallsBack(text, "continued: like a key");
    assertThat(YamlReader.read(FILE, text, size(text), OPTIONS).root().get("x-note").asText())
        .isEqualTo("first line continued: like a key end");
  }

  @Test
  void aFlowCollectionWithKeyLikeContinuationLinesIsReadSerially() {
    assertCutAtTrapFallsBack(centered("x-map: {a: 1,\n", "b: 2}\n", ""), "b: 2}");
    assertCutAtTrapFallsBack(centered("x-list: [one,\n", "two: 2, three]\n", ""), "two: 2");
    assertCutAtTrapFallsBack(
        centered("paths:\n  /a: {x: 1,\n", "  y: 2}\n", "  /b: 1\n"), "  y: 2}");
  }

  @Test
  void anchorsAliasesAndMergeKeysAreReadSerially() {
    assertCutAtTrapFallsBack(centered("x-base: &base\n  k: v\n", "x-use: *base\n", ""), "x-use");
    assertCutAtTrapFallsBack(centered("", "x-a: &a 1\nx-b: *a\n", ""), "x-a");
    assertCutAtTrapFallsBack(centered("", "x-m:\n  <<: {a: 1}\n  b: 2\n", ""), "x-m");
    assertCutAtTrapFallsBack(centered("", "x-anchored: &only {a: 1}\n", ""), "x-anchored");
  }

  @Test
  void aTopLevelKeyInBothPiecesIsTheSerialReadsDuplicateKeyError() {
    String text = centered("info: first\n", "info: second\n", "");
    assertCutAtTrapFallsBack(text, "info: second");
    assertThatThrownBy(() -> ParallelYaml.read(FILE, text, size(text), OPTIONS, 0))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining("duplicate key 'info'")
        .hasMessageContaining("(first at line 3)");
    String paths = centered("paths:\n  /a: 1\n", "  /a: 2\n", "  /b: 3\n");
    assertCutAtTrapFallsBack(paths, "  /a: 2");
  }

  @Test
  void aSecondDocumentADirectiveOrADocumentEndIsReadSerially() {
    assertSerialOnly(centered("", "x-after: 1\n---\nagain: 2\n", ""));
    assertSerialOnly(centered("", "x-after: 1\n...\n", ""));
    assertSerialOnly(centered("", "x-after: 1\n%YAML 1.2\n", ""));
    assertSerialOnly("%YAML 1.2\n---\n" + generated(50, 2, "\n"));
  }

  @Test
  void anErrorInTheSecondHalfIsTheSerialReadsErrorAtTheSameLine() {
    String text = centered("", "x-ok: 1\n", "x-bad: foo: bar\n");
    assertCutAtTrapFallsBack(text, "x-ok");
    assertThatThrownBy(() -> ParallelYaml.read(FILE, text, size(text), OPTIONS, 0))
        .hasMessageStartingWith(FILE + ":" + (lineOf(text, "x-bad") + 1) + ":")
        .hasMessageContaining("invalid YAML");
    String inEntries = centered("paths:\n  /a: 1\n", "  /b: 1\n", "  /c: foo: bar\n");
    assertCutAtTrapFallsBack(inEntries, "  /b: 1");
    assertThatThrownBy(() -> ParallelYaml.read(FILE, inEntries, size(inEntries), OPTIONS, 0))
        .hasMessageStartingWith(FILE + ":" + (lineOf(inEntries, "  /c: foo") + 1) + ":");
    String inFirstHalf = centered("x-bad: [1, 2\n", "x-ok: 1\n", "");
    assertCutAtTrapFallsBack(inFirstHalf, "x-ok");
  }

  @Test
  void aTabIsTheSerialReadsError() {
    String text = centered("", "x-tab:\n\tkey: v\n", "");
    assertThat(ParallelYaml.parallel(FILE, text, size(text), OPTIONS)).isNull();
    assertSameOutcome(text, OPTIONS);
    assertThatThrownBy(() -> YamlReader.read(FILE, text, size(text), OPTIONS))
        .hasMessageContaining("tab");
  }

  @Test
  void aDocumentThatIsAListOrAnIndentedMappingIsReadSerially() {
    assertSerialOnly("- a: 1\n".repeat(200) + "- b: 2\n");
    assertSerialOnly("  a: 1\n" + "  x: 2\n".repeat(100) + "b: 2\n");
    assertSerialOnly("{a: 1,\n" + "b: 2,\n".repeat(100) + "c: 3}\n");
  }

  @Test
  void entriesLessIndentedThanTheFirstAreNotACutMapping() {
    String text = "paths:\n    /a: 1\n" + "  /b: 2\n    /c: 3\n".repeat(100) + "x: 1\n";
    assertThat(ParallelYaml.plan(text) == null || !secondLevel(text)).isTrue();
    assertSameOutcome(text, OPTIONS);
  }

  @Test
  void lineBreaksSnakeYamlCountsButTheCutDoesNotAreReadSerially() {
    for (String odd : List.of("\r", "\u0085", "\u2028", "\u2029")) {
      String text = centered("x-a: 1" + odd + "x-c: 3\n", "x-b: 2\n", "");
      assertThat(ParallelYaml.parallel(FILE, text, size(text), OPTIONS)).as(odd).isNull();
      assertSameOutcome(text, OPTIONS);
    }
  }

  @Test
  void anExplicitKeyRightBeforeTheCutIsReadTheSame() {
    assertSameOutcome(centered("paths:\n  ?\n", "  /b: x\n", "  /c: y\n"), OPTIONS);
    assertSameOutcome(centered("x:\n", "? y\n", ": z\n"), OPTIONS);
  }

  @Test
  void textsBelowTheThresholdAreReadSerially() {
    String text = generated(20, 2, "\n");
    assertThat(text.length()).isLessThan(ParallelYaml.MIN_CHARS);
    LoadedDocument doc = ParallelYaml.read(FILE, text, size(text), OPTIONS);
    assertSameDocument(doc, YamlReader.read(FILE, text, size(text), OPTIONS));
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The parallel read is taken (not a fallback) and is the serial read, node for node. */
  private static LoadedDocument assertParallelIsSerial(String text, LoadOptions options) {
    LoadedDocument serial = YamlReader.read(FILE, text, size(text), options);
    LoadedDocument parallel = ParallelYaml.parallel(FILE, text, size(text), options);
    assertThat(parallel).as("the parallel read was taken").isNotNull();
    assertSameDocument(parallel, serial);
    return parallel;
  }

  private static void assertSameDocument(LoadedDocument actual, LoadedDocument expected) {
    assertThat(actual.root()).isEqualTo(expected.root());
    assertThat(actual.root().toString()).isEqualTo(expected.root().toString()); // key order
    assertThat(actual.sizeBytes()).isEqualTo(expected.sizeBytes());
    Map<String, String> a = positions(actual);
    Map<String, String> e = positions(expected);
    assertThat(a).hasSameSizeAs(e).isEqualTo(e);
  }

  /** Some piece of the text is entries of a top-level key's mapping. */
  private static boolean secondLevel(String text) {
    return ParallelYaml.plan(text).spans().stream().anyMatch(span -> span.section() != null);
  }

  private static Map<String, String> positions(LoadedDocument doc) {
    Map<String, String> all = new TreeMap<>();
    for (Map.Entry<String, int[]> entry : doc.locations().entrySet()) {
      all.put(entry.getKey(), Arrays.toString(entry.getValue()));
    }
    return all;
  }

  /** The cut lands on the trap's line, and the parallel read gives way to the serial one. */
  private static void assertCutAtTrapFallsBack(String text, String trapLine) {
    ParallelYaml.Plan plan = ParallelYaml.plan(text);
    assertThat(plan).as("a cut was found").isNotNull();
    assertThat(plan.spans()).anyMatch(span -> text.startsWith(trapLine, span.from()));
    assertThat(ParallelYaml.parallel(FILE, text, size(text), OPTIONS)).isNull();
    assertSameOutcome(text, OPTIONS);
  }

  /** Not even cut: read serially. */
  private static void assertSerialOnly(String text) {
    assertThat(ParallelYaml.plan(text)).isNull();
    assertSameOutcome(text, OPTIONS);
  }

  /** The forced two-thread read gives what the serial read gives: the document, or its error. */
  private static void assertSameOutcome(String text, LoadOptions options) {
    Supplier<LoadedDocument> serial = () -> YamlReader.read(FILE, text, size(text), options);
    Supplier<LoadedDocument> forced = () -> ParallelYaml.read(FILE, text, size(text), options, 0);
    Object expected = outcome(serial);
    Object actual = outcome(forced);
    if (expected instanceof LoadedDocument e && actual instanceof LoadedDocument a) {
      assertSameDocument(a, e);
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static Object outcome(Supplier<LoadedDocument> read) {
    try {
      return read.get();
    } catch (ApiSpecException e) {
      return "error: " + e.getMessage();
    }
  }

  /**
   * {@code head + trap + tail} between two long padding keys, sized so that the trap's first line
   * starts exactly in the middle of the text: the cut (nearest the middle) lands on it.
   */
  static String centered(String head, String trap, String tail) {
    String open = "openapi: 3.0.3\n";
    int pad = 2000;
    int trapAt = open.length() + "x-pad-a: ".length() + pad + 1 + head.length();
    int after = trapAt - trap.length() - tail.length() - "x-pad-z: ".length() - 1;
    if (after < 10) {
      throw new IllegalArgumentException("trap too long");
    }
    String text =
        open
            + "x-pad-a: "
            + "a".repeat(pad)
            + "\n"
            + head
            + trap
            + tail
            + "x-pad-z: "
            + "z".repeat(after)
            + "\n";
    assertThat(text.length()).isEqualTo(2 * trapAt);
    return text;
  }

  /** bench/gen-openapi.py's shape: paths with parameters, operations and integrations. */
  static String generated(int paths, int indent, String eol) {
    String s = " ".repeat(indent);
    StringBuilder b = new StringBuilder();
    b.append("openapi: 3.0.3").append(eol).append("info:").append(eol);
    b.append(s).append("title: generated").append(eol).append(s).append("version: 1.0.0");
    b.append(eol).append("security:").append(eol).append(s).append("- cognito: []").append(eol);
    b.append("paths:").append(eol);
    for (int i = 0; i < paths; i++) {
      String p = s + "/r" + (i / 100) + "/items" + i + "/{id}:";
      String t = s + s;
      b.append(p).append(eol);
      b.append(t).append("parameters:").append(eol);
      b.append(t).append("  - name: id").append(eol).append(t).append("    in: path").append(eol);
      b.append(t).append("    required: true").append(eol);
      b.append(t).append("    schema: {type: string}").append(eol);
      b.append(t).append("get:").append(eol);
      b.append(t).append(s).append("operationId: get").append(i).append(eol);
      b.append(t).append(s).append("summary: \"Reads item ").append(i);
      b.append(eol).append(t).append(s).append(s).append("in two lines\"").append(eol);
      if (i % 5 == 0) {
        b.append(t).append(s).append("security: []").append(eol);
      }
      b.append(t).append(s).append("description: |").append(eol);
      b.append(t).append(s).append(s).append("Line one of item ").append(i).append(eol);
      b.append(eol).append(t).append(s).append(s).append("  indented more").append(eol);
      b.append(t).append(s).append("responses:").append(eol);
      b.append(t).append(s).append(s).append("'200':").append(eol);
      b.append(t).append(s).append(s).append(s).append("description: ok").append(eol);
      b.append(t).append(s).append("x-amazon-apigateway-integration:").append(eol);
      b.append(t).append(s).append(s).append("type: http_proxy").append(eol);
      b.append(t).append(s).append(s).append("httpMethod: GET").append(eol);
      b.append(t).append(s).append(s).append("uri: http://example.com/items/").append(i);
      b.append(eol);
      if (i % 3 == 0) {
        b.append(t).append("post:").append(eol);
        b.append(t).append(s).append("responses:").append(eol);
        b.append(t).append(s).append(s).append("\"201\": {description: created}").append(eol);
      }
      if (i % 7 == 0) {
        b.append("# a comment at column 0").append(eol);
      }
    }
    b.append("components:").append(eol).append(s).append("securitySchemes:").append(eol);
    b.append(s).append(s).append("cognito:").append(eol);
    b.append(s).append(s).append(s).append("type: apiKey").append(eol);
    b.append(s).append(s).append(s).append("name: Authorization").append(eol);
    b.append(s).append(s).append(s).append("in: header").append(eol);
    return b.toString();
  }

  private static List<Finding> findings(LoadedDocument doc) {
    List<Finding> all = new ArrayList<>(ApiGatewayRules.check(doc, Set.of(), OPTIONS));
    all.addAll(SwaggerValidation.validate(doc));
    return all;
  }

  private static int countNodes(JsonNode node) {
    int n = 1;
    for (JsonNode child : node) {
      n += countNodes(child);
    }
    return n;
  }

  private static int lineOf(String text, String line) {
    int at = text.indexOf("\n" + line) + 1;
    return (int) text.substring(0, at).chars().filter(c -> c == '\n').count();
  }

  private static long size(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
