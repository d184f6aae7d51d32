package io.pipelinekit.apispec.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiDocument;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.apispec.OpenApiLoader;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.testing.Corpus;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

class OpenApiLinterTest {
  @TempDir Path dir;

  static Path corpusFile(String name) {
    return Corpus.file(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stripe-spec3.yaml",
        "github-api.github.com.json",
        "twilio_messaging_v1.yaml",
        "twilio_verify_v2.yaml"
      })
  void corpus_lintsToCompletion_withEveryOperationChecked(String name) throws IOException {
    Path file = corpusFile(name);
    LintResult result = OpenApiLinter.lint(file);
    OpenApiDocument doc = OpenApiLoader.load(file);
    assertThat(result.findings()).noneMatch(f -> f.ruleId().equals("oas-wrong-type"));
    // None of them has API Gateway integrations: exactly one finding per operation.
    assertThat(
            result.findings().stream().filter(f -> f.ruleId().equals("apigw-integration-missing")))
        .hasSize(doc.operations().size());
    assertThat(doc.operations()).hasSizeGreaterThan(50);
  }

  @Test
  void corpus_stripeYaml_loadsCompletely_sameTreeAsSnakeYaml() throws IOException {
    Path file = corpusFile("stripe-spec3.yaml");
    LoadedDocument ours = SafeLoader.load(file, LoadOptions.defaults());
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    Map<?, ?> reference;
    try (Reader in = Files.newBufferedReader(file)) {
      reference = new Yaml(options).load(in);
    }
    assertThat(ours.root().get("paths").size())
        .isEqualTo(((Map<?, ?>) reference.get("paths")).size());
    Map<?, ?> schemas = (Map<?, ?>) ((Map<?, ?>) reference.get("components")).get("schemas");
    assertThat(ours.root().at("/components/schemas").size()).isEqualTo(schemas.size());
    assertThat(ours.root().at("/components/schemas").fieldNames())
        .toIterable()
        .containsExactlyElementsOf(schemas.keySet().stream().map(String::valueOf).toList());
  }

  @Test
  void corpus_githubJson_loadsCompletely_sameTreeAsJackson() throws IOException {
    Path file = corpusFile("github-api.github.com.json");
    LoadedDocument ours = SafeLoader.load(file, LoadOptions.defaults());
    JsonNode reference = new ObjectMapper().readTree(file.toFile());
    assertThat(ours.root()).isEqualTo(reference);
  }

  @Test
  void openApi31_isAccepted_withANoteAndAWarning() throws IOException {
    Path file = dir.resolve("v31.yaml");
    Files.writeString(file, "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    OpenApiDocument doc = OpenApiLoader.load(file);
    assertThat(doc.specVersion()).isEqualTo("3.1.0");
    assertThat(doc.notes())
        .singleElement()
        .asString()
        .contains("supports only OpenAPI 2.0 and 3.0");
    assertThat(OpenApiLinter.lint(file).findings())
        .extracting(f -> f.ruleId() + " " + f.location())
        .containsExactly("apigw-oas-version " + file + ":1:1");
  }

  @Test
  void loader_swaggerParserErrors_areFatal_withTheirLines() throws IOException {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: []\n");
    assertThatThrownBy(() -> OpenApiLoader.load(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(file + ":6:7: paths./a.get: 'responses' must be of type object");
  }

  /** What API Gateway imports (a missing responses map) does not stop merge or diff either. */
  @Test
  void loader_swaggerParserWarnings_areNotFatal() throws IOException {
    Path file = dir.resolve("lenient.yaml");
    Files.writeString(
        file,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      summary: s\n");
    assertThat(OpenApiLoader.load(file).operations()).hasSize(1);
  }

  @Test
  void loader_notOpenApi_isRejected() throws IOException {
    Path file = dir.resolve("other.yaml");
    Files.writeString(file, "version: 0.2\nphases: {}\n");
    assertThatThrownBy(() -> OpenApiLoader.load(file))
        .hasMessageStartingWith(file + ":1:1: not an OpenAPI document");
    Path v4 = dir.resolve("v4.yaml");
    Files.writeString(v4, "openapi: 4.0.0\n");
    assertThatThrownBy(() -> OpenApiLoader.load(v4))
        .hasMessageStartingWith(v4 + ":1:1: unsupported openapi version '4.0.0'");
  }

  @Test
  void looksLikeOpenApi_detectsYamlAndJson_notBuildspec() {
    assertThat(OpenApiLinter.looksLikeOpenApi("# c\nopenapi: 3.0.3\n")).isTrue();
    assertThat(OpenApiLinter.looksLikeOpenApi("{\n  \"swagger\": \"2.0\"}")).isTrue();
    assertThat(OpenApiLinter.looksLikeOpenApi("version: 0.2\nphases:\n  build: {}\n")).isFalse();
  }
}
