package io.pipelinekit.apispec.diff;

import static io.pipelinekit.apispec.merge.TestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.OpenApiDiff;
import io.pipelinekit.testing.Corpus;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class OpenApiDiffTest {
  private static final Path OLD = resource("diff/old.yaml");
  private static final Path NEW = resource("diff/new.yaml");

  @Test
  void compare_everyKindOfChange_classifiedWithPointerInTheRightDocument() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .extracting(
            c -> c.kind().id(), ApiChange::breaking, c -> c.location().file(), ApiChange::pointer)
        .containsExactly(
            tuple("parameter-made-required", true, NEW, "/paths/~1pets/get/parameters/0/required"),
            tuple("parameter-removed", false, OLD, "/paths/~1pets/get/parameters/1"),
            tuple("parameter-added", false, NEW, "/paths/~1pets/get/parameters/1"),
            tuple("parameter-added-required", true, NEW, "/paths/~1pets/get/parameters/2"),
            tuple("type-changed", true, NEW, "/components/schemas/Pet/properties/age/type"),
            tuple("enum-value-removed", true, NEW, "/components/schemas/Pet/properties/kind/enum"),
            tuple("enum-value-added", false, NEW, "/components/schemas/Pet/properties/kind/enum"),
            tuple(
                "response-property-removed",
                true,
                OLD,
                "/components/schemas/Pet/properties/nickname"),
            // not a success response: reported, not breaking (docs/commands.md#diff)
            tuple("response-removed", false, OLD, "/paths/~1pets/get/responses/404"),
            tuple("response-added", false, NEW, "/paths/~1pets/get/responses/500"),
            tuple("security-added", true, NEW, "/paths/~1pets/get/security"),
            tuple(
                "request-body-made-required", true, NEW, "/paths/~1pets/post/requestBody/required"),
            tuple(
                "request-property-made-required", true, NEW, "/components/schemas/NewPet/required"),
            tuple(
                "media-type-removed",
                true,
                OLD,
                "/paths/~1pets/post/requestBody/content/application~1xml"),
            tuple("operation-added", false, NEW, "/paths/~1pets~1{id}/put"),
            tuple("operation-removed", true, OLD, "/paths/~1pets~1{petId}/delete"),
            tuple("path-removed", true, OLD, "/paths/~1stores"),
            tuple("type-changed", true, NEW, "/components/schemas/Node/properties/value/type"),
            tuple("path-added", false, NEW, "/paths/~1owners"));
  }

  @Test
  void compare_change_namesFileLineAndSaysWhat() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .extracting(ApiChange::format)
        .contains(
            OLD + ":64:3 breaking path-removed path /stores was removed (GET).",
            OLD
                + ":59:5 breaking operation-removed DELETE /pets/{petId} was removed (operationId"
                + " deletePet).",
            NEW
                + ":14:11 breaking parameter-made-required GET /pets: query parameter 'limit' is"
                + " now required.",
            NEW
                + ":21:11 breaking parameter-added-required GET /pets: required header parameter"
                + " 'X-Request-Id' was added.",
            OLD
                + ":28:9 non-breaking response-removed GET /pets: response 404 was removed (not a"
                + " success response, so it is not breaking).",
            NEW
                + ":9:7 breaking security-added GET /pets now requires apiKey; clients without it"
                + " are rejected.",
            NEW
                + ":109:11 breaking type-changed type of #/components/schemas/Pet/properties/age"
                + " (used by GET /pets response 200 application/json and 1 other operation)"
                + " changed from integer to string.",
            NEW
                + ":112:11 breaking enum-value-removed enum of"
                + " #/components/schemas/Pet/properties/kind (used by GET /pets response 200"
                + " application/json and 1 other operation) no longer has \"bird\".");
    assertThat(result.summary()).isEqualTo("19 changes: 12 breaking, 7 non-breaking.");
  }

  @Test
  void compare_sharedSchemaChange_reportedOnceAtTheSchema() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .filteredOn(c -> c.pointer().equals("/components/schemas/Pet/properties/age/type"))
        .hasSize(1);
  }

  @Test
  void compare_pathParameterRenamed_isNotAChange() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .noneMatch(c -> c.pointer().startsWith("/paths/~1pets~1{id}/get"))
        .noneMatch(c -> c.pointer().startsWith("/paths/~1pets~1{petId}/get"));
  }

  @Test
  void compare_sameDocument_hasNoChanges() {
    DiffResult result = OpenApiDiff.compare(OLD, OLD);

    assertThat(result.changes()).isEmpty();
    assertThat(result.hasBreakingChanges()).isFalse();
    assertThat(result.summary()).isEqualTo("No API changes.");
  }

  @Test
  void compare_refCycle_terminates() {
    Path loops = resource("diff/selfref.yaml");

    DiffResult result =
        Assertions.assertTimeoutPreemptively(
            Duration.ofSeconds(5), () -> OpenApiDiff.compare(loops, loops));

    assertThat(result.changes()).isEmpty();
  }

  @Test
  void compare_swagger2_bodyParameterAndDefinitions() {
    Path old = resource("diff/swagger-old.yaml");
    Path now = resource("diff/swagger-new.yaml");

    DiffResult result = OpenApiDiff.compare(old, now);

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::pointer)
        .containsExactly(
            tuple("parameter-made-required", "/paths/~1things/post/parameters/0/required"),
            tuple("type-changed", "/definitions/Thing/properties/size/type"));
  }

  @Test
  void toJson_listsEveryChangeWithCounts() throws Exception {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    JsonNode json = new ObjectMapper().readTree(result.toJson());

    assertThat(json.get("summary").get("breaking").asInt()).isEqualTo(12);
    assertThat(json.get("summary").get("nonBreaking").asInt()).isEqualTo(7);
    assertThat(json.get("changes")).hasSize(19);
    JsonNode first = json.get("changes").get(1);
    assertThat(first.get("kind").asText()).isEqualTo("parameter-removed");
    assertThat(first.get("location").get("file").asText()).isEqualTo(OLD.toString());
    assertThat(first.get("location").get("line").asInt()).isEqualTo(14);
    assertThat(first.get("location").get("pointer").asText())
        .isEqualTo("/paths/~1pets/get/parameters/1");
    assertThat(first.get("message").asText())
        .isEqualTo("GET /pets: query parameter 'sort' was removed.");
  }

  @Test
  void compare_unreadableDocument_namesTheFile() {
    Path missing = OLD.resolveSibling("missing.yaml");

    assertThatThrownBy(() -> OpenApiDiff.compare(OLD, missing))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void compare_corpusDocumentWithItself_hasNoChanges() {
    Path twilio = Corpus.file("twilio_verify_v2.yaml");

    assertThat(OpenApiDiff.compare(twilio, twilio).changes()).isEmpty();
  }
}
