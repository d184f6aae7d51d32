package io.pipelinekit.apispec.diff;

import static io.pipelinekit.apispec.merge.TestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.OpenApiDiff;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A change in a shared schema names every operation that uses it; removing a deprecated operation
 * or a non-success response is reported but not breaking (docs/commands.md#diff).
 */
class DiffPolicyTest {
  private static final Path OLD = resource("diff/shared-old.yaml");
  private static final Path NEW = resource("diff/shared-new.yaml");

  private static ApiChange only(DiffResult result, ApiChange.Kind kind, String pointer) {
    List<ApiChange> matching =
        result.changes().stream()
            .filter(c -> c.kind() == kind && c.pointer().equals(pointer))
            .toList();
    assertThat(matching).as(result.changes().toString()).hasSize(1);
    return matching.get(0);
  }

  @Test
  void sharedSchemaTypeChange_reportedOnce_withEveryOperationThatUsesIt() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .filteredOn(c -> c.kind() == ApiChange.Kind.TYPE_CHANGED)
        .hasSize(1);
    ApiChange change =
        only(result, ApiChange.Kind.TYPE_CHANGED, "/components/schemas/User/properties/id/type");
    // directly, as array items, and through another schema (Team.members)
    assertThat(change.operations())
        .containsExactly("GET /users/{id}", "GET /users", "POST /users", "GET /teams/{id}");
    assertThat(change.format())
        .endsWith(
            " breaking type-changed type of #/components/schemas/User/properties/id (used by GET"
                + " /users/{id} response 200 application/json and 3 other operations) changed"
                + " from integer to string.");
  }

  @Test
  void sharedSchemaChange_jsonListsEveryOperation_keepingTheOtherFields() throws Exception {
    JsonNode json = new ObjectMapper().readTree(OpenApiDiff.compare(OLD, NEW).toJson());

    JsonNode change = null;
    for (JsonNode c : json.get("changes")) {
      if (c.get("kind").asText().equals("type-changed")) {
        change = c;
      }
    }
    assertThat(change).isNotNull();
    assertThat(change.fieldNames())
        .toIterable()
        .containsExactly("kind", "breaking", "message", "location", "operations");
    assertThat(change.get("location").fieldNames())
        .toIterable()
        .containsExactly("file", "line", "column", "pointer");
    assertThat(change.get("operations"))
        .extracting(JsonNode::asText)
        .containsExactly("GET /users/{id}", "GET /users", "POST /users", "GET /teams/{id}");
  }

  @Test
  void removedDeprecatedOperation_isNotBreaking_butAnUndeprecatedOneIs() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    ApiChange deprecated =
        only(result, ApiChange.Kind.OPERATION_REMOVED, "/paths/~1teams~1{id}/delete");
    assertThat(deprecated.breaking()).isFalse();
    assertThat(deprecated.message())
        .isEqualTo("DELETE /teams/{id} was removed; it was deprecated, so it is not breaking.");
    assertThat(deprecated.operations()).containsExactly("DELETE /teams/{id}");
    assertThat(
            only(result, ApiChange.Kind.OPERATION_REMOVED, "/paths/~1teams~1{id}/put").breaking())
        .isTrue();
  }

  @Test
  void removedPath_isNotBreaking_onlyWhenEveryOperationWasDeprecated() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .filteredOn(c -> c.kind() == ApiChange.Kind.PATH_REMOVED)
        .extracting(ApiChange::pointer, ApiChange::breaking, ApiChange::operations)
        .containsExactly(
            tuple("/paths/~1legacy", false, List.of("GET /legacy")),
            tuple("/paths/~1current", true, List.of("GET /current")));
  }

  @Test
  void removedResponse_breaksOnlyForSuccessAndDefault() {
    DiffResult result = OpenApiDiff.compare(OLD, NEW);

    assertThat(result.changes())
        .filteredOn(c -> c.kind() == ApiChange.Kind.RESPONSE_REMOVED)
        .extracting(ApiChange::pointer, ApiChange::breaking)
        .containsExactly(
            tuple("/paths/~1users~1{id}/get/responses/404", false),
            tuple("/paths/~1users~1{id}/get/responses/default", true),
            tuple("/paths/~1users/post/responses/202", true));
    assertThat(
            only(result, ApiChange.Kind.RESPONSE_REMOVED, "/paths/~1users~1{id}/get/responses/404")
                .message())
        .isEqualTo(
            "GET /users/{id}: response 404 was removed (not a success response, so it is not"
                + " breaking).");
  }

  @Test
  void pathWithoutOperations_isNotAChange() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("diff");
    Path before =
        java.nio.file.Files.writeString(
            dir.resolve("before.yaml"),
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /: {}\n  /a:\n"
                + "    get:\n      responses:\n        '200': {description: ok}\n");
    Path after =
        java.nio.file.Files.writeString(
            dir.resolve("after.yaml"),
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n"
                + "    get:\n      responses:\n        '200': {description: ok}\n  /b: {}\n");

    assertThat(OpenApiDiff.compare(before, after).changes()).isEmpty();
  }

  @Test
  void pathParameterNowDeclared_isNotBreaking_butANewRequiredQueryParameterIs() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("diff");
    String op = "    get:\n      responses:\n        '200': {description: ok}\n";
    Path before =
        java.nio.file.Files.writeString(
            dir.resolve("before.yaml"),
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id}:\n" + op);
    Path after =
        java.nio.file.Files.writeString(
            dir.resolve("after.yaml"),
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /pets/{id}:\n"
                + op
                + "      parameters:\n"
                + "        - {name: id, in: path, required: true, schema: {type: string}}\n"
                + "        - {name: q, in: query, required: true, schema: {type: string}}\n");

    assertThat(OpenApiDiff.compare(before, after).changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::message)
        .containsExactly(
            tuple(
                "parameter-added",
                false,
                "GET /pets/{id}: path parameter 'id' is now declared (the path always had it)."),
            tuple(
                "parameter-added-required",
                true,
                "GET /pets/{id}: required query parameter 'q' was added."));
  }
}
