package io.pipelinekit.apispec.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.testing.Corpus;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SwaggerValidation#deserialize} skips the first step of swagger-parser's {@code
 * OpenAPIDeserializer.deserialize} (a whole-tree copy only schema parser extensions read): its
 * messages must be the whole deserializer's, message for message and in order, on the corpus and on
 * every OpenAPI 3 fixture of the rules and the ground truth.
 */
class SwaggerDeserializeTest {
  private static final LoadOptions OPTIONS =
      LoadOptions.builder().maxBytes(100_000_000).maxNodes(10_000_000).build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "stripe-spec3.yaml",
        "twilio_messaging_v1.yaml",
        "twilio_verify_v2.yaml",
        "github-api.github.com.json"
      })
  void aCorpusDocumentGetsTheWholeDeserializersMessages(String name) throws IOException {
    JsonNode root = read(Corpus.file(name));
    assertThat(SwaggerValidation.deserialize(root, name)).isEqualTo(whole(root, name));
  }

  @Test
  void everyOpenApi3FixtureGetsTheWholeDeserializersMessages() throws IOException {
    List<Path> fixtures = new ArrayList<>();
    for (String dir : List.of("rules", "groundtruth")) {
      try (Stream<Path> files = Files.walk(Path.of("src/test/resources", dir))) {
        files
            .filter(f -> f.toString().matches(".*\\.(ya?ml|json)$"))
            .filter(Files::isRegularFile)
            .sorted()
            .forEach(fixtures::add);
      }
    }
    int compared = 0;
    int withMessages = 0;
    for (Path fixture : fixtures) {
      JsonNode root;
      try {
        root = read(fixture);
      } catch (RuntimeException e) {
        continue; // a fixture that is meant not to load (no tree to deserialize)
      }
      if (!root.has("openapi")) {
        continue;
      }
      List<String> messages = SwaggerValidation.deserialize(root, fixture.toString());
      assertThat(messages).as(fixture.toString()).isEqualTo(whole(root, fixture.toString()));
      compared++;
      withMessages += messages.isEmpty() ? 0 : 1;
    }
    assertThat(compared).as("OpenAPI 3 fixtures compared").isGreaterThan(40);
    assertThat(withMessages).as("fixtures with messages").isGreaterThan(0);
  }

  @Test
  void aRootThatIsNoObjectFailsAsTheWholeDeserializerDoes() {
    JsonNode array = new ObjectMapper().createArrayNode().add(1);
    assertThatThrownBy(() -> whole(array, "a.json")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SwaggerValidation.deserialize(array, "a.json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anObjectWithoutAnyOpenApiFieldGetsTheWholeDeserializersMessages() {
    ObjectNode noVersion = new ObjectMapper().createObjectNode();
    noVersion.putObject("info").put("title", "t");
    assertThat(SwaggerValidation.deserialize(noVersion, "b.json"))
        .isNotEmpty()
        .isEqualTo(whole(noVersion, "b.json"));
  }

  private static JsonNode read(Path file) throws IOException {
    String text = Files.readString(file);
    return (file.toString().endsWith(".json")
            ? JsonReader.read(file, text, text.length(), OPTIONS)
            : YamlReader.read(file, text, text.length(), OPTIONS))
        .root();
  }

  /** swagger-parser's own entry point, as it runs it. */
  private static List<String> whole(JsonNode root, String location) {
    return new OpenAPIDeserializer().deserialize(root, location, new ParseOptions()).getMessages();
  }
}
