package io.pipelinekit.apispec.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.OpenApiDiff;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nullability, value constraints, enums and required properties: whether a change breaks clients
 * depends on whether the schema describes what they send (request) or what they receive (response).
 */
class SchemaConstraintDiffTest {
  @TempDir Path dir;

  private Path oldFile;
  private Path newFile;

  /**
   * Diffs two versions of one operation whose request body is {@code Req} and whose 200 response is
   * {@code Resp}; each argument is the YAML body of that schema (indented under its name).
   */
  private DiffResult diff(String oldReq, String oldResp, String newReq, String newResp)
      throws IOException {
    return diff("3.0.3", oldReq, oldResp, newReq, newResp);
  }

  private DiffResult diff(
      String version, String oldReq, String oldResp, String newReq, String newResp)
      throws IOException {
    oldFile = Files.writeString(dir.resolve("old.yaml"), document(version, oldReq, oldResp));
    newFile = Files.writeString(dir.resolve("new.yaml"), document(version, newReq, newResp));
    return OpenApiDiff.compare(oldFile, newFile);
  }

  private static String document(String version, String req, String resp) {
    return "openapi: "
        + version
        + "\n"
        + """
        info:
          title: Pets
          version: 1.0.0
        paths:
          /pets:
            post:
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      $ref: '#/components/schemas/Req'
              responses:
                '200':
                  description: The pet
                  content:
                    application/json:
                      schema:
                        $ref: '#/components/schemas/Resp'
        components:
          schemas:
            Req:
        """
        + indent(req)
        + "    Resp:\n"
        + indent(resp);
  }

  private static String indent(String yaml) {
    return yaml.stripIndent().lines().map(l -> "      " + l + "\n").reduce("", String::concat);
  }

  private static final String NAME_64 = "type: string\nmaxLength: 64\n";
  private static final String NAME_32 = "type: string\nmaxLength: 32\n";

  @Test
  void compare_maxLengthLowered_breaksRequests_notResponses() throws IOException {
    DiffResult result = diff(NAME_64, NAME_64, NAME_32, NAME_32);

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("constraint-tightened", true, "/components/schemas/Req/maxLength"),
            tuple("constraint-tightened", false, "/components/schemas/Resp/maxLength"));
    assertThat(result.changes().get(0).format())
        .isEqualTo(
            newFile
                + ":25:7 breaking constraint-tightened maxLength of #/components/schemas/Req"
                + " (used by POST /pets request body application/json) changed from 64 to 32"
                + " (narrower, in requests): requests valid before may now be rejected.");
    assertThat(result.hasBreakingChanges()).isTrue();
  }

  @Test
  void compare_boundsWidenedOrRemoved_breakResponses_notRequests() throws IOException {
    DiffResult result =
        diff(
            "type: integer\nminimum: 1\nmaximum: 10\n",
            "type: integer\nminimum: 1\nmaximum: 10\n",
            "type: integer\nmaximum: 100\n",
            "type: integer\nmaximum: 100\n");

    assertThat(result.changes())
        .extracting(
            c -> c.kind().id(), ApiChange::breaking, c -> c.location().file(), ApiChange::pointer)
        .containsExactly(
            tuple("constraint-loosened", false, oldFile, "/components/schemas/Req/minimum"),
            tuple("constraint-loosened", false, newFile, "/components/schemas/Req/maximum"),
            tuple("constraint-loosened", true, oldFile, "/components/schemas/Resp/minimum"),
            tuple("constraint-loosened", true, newFile, "/components/schemas/Resp/maximum"));
    assertThat(result.changes().get(0).message()).contains("minimum 1 was removed from");
  }

  @Test
  void compare_arrayAndObjectBounds_addedOrNarrowed_areTightenings() throws IOException {
    String before = "type: array\nitems: {type: string}\nmaxItems: 10\n";
    String after =
        "type: array\nitems: {type: string}\nmaxItems: 5\nminItems: 1\nuniqueItems: true\n";

    DiffResult result = diff(before, "type: object\n", after, "type: object\nminProperties: 1\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("constraint-tightened", true, "/components/schemas/Req/minItems"),
            tuple("constraint-tightened", true, "/components/schemas/Req/maxItems"),
            tuple("constraint-tightened", true, "/components/schemas/Req/uniqueItems"),
            tuple("constraint-tightened", false, "/components/schemas/Resp/minProperties"));
  }

  @Test
  void compare_patternAddedOrReplaced() throws IOException {
    DiffResult result =
        diff(
            "type: string\n",
            "type: string\npattern: '^[a-z]+$'\n",
            "type: string\npattern: '^[a-z]+$'\n",
            "type: string\npattern: '^[a-z0-9]+$'\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("constraint-tightened", true, "/components/schemas/Req/pattern"),
            tuple("constraint-changed", true, "/components/schemas/Resp/pattern"));
  }

  @Test
  void compare_exclusiveMinimumTurnedOn_isATighteningOfARequest() throws IOException {
    String before = "type: number\nminimum: 0\n";
    String after = "type: number\nminimum: 0\nexclusiveMinimum: true\n";

    DiffResult result = diff(before, before, after, before);

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("constraint-tightened", true, "/components/schemas/Req/exclusiveMinimum"));
  }

  @Test
  void compare_unchangedConstraints_areNoChange() throws IOException {
    String schema = "type: string\nminLength: 1\nmaxLength: 64\npattern: '^a'\nnullable: true\n";

    assertThat(diff(schema, schema, schema, schema).changes()).isEmpty();
  }

  @Test
  void compare_nullable_removedBreaksRequests_addedBreaksResponses() throws IOException {
    DiffResult result =
        diff(
            "type: string\nnullable: true\n",
            "type: string\n",
            "type: string\n",
            "type: string\nnullable: true\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("nullable-removed", true, "/components/schemas/Req/type"),
            tuple("nullable-added", true, "/components/schemas/Resp/nullable"));
    assertThat(result.changes().get(1).message())
        .isEqualTo(
            "#/components/schemas/Resp (used by POST /pets response 200 application/json) may"
                + " now be null (in responses).");
  }

  @Test
  void compare_nullableLoosenedInRequest_orTightenedInResponse_isNotBreaking() throws IOException {
    DiffResult result =
        diff(
            "type: string\n",
            "type: string\nnullable: true\n",
            "type: string\nnullable: true\n",
            "type: string\nnullable: false\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking)
        .containsExactly(tuple("nullable-added", false), tuple("nullable-removed", false));
  }

  @Test
  void compare_openApi31NullInTypeList_isNullability_notATypeChange() throws IOException {
    DiffResult result =
        diff(
            "3.1.0",
            "type: string\n",
            "type: string\n",
            "type: string\n",
            "type: [string, 'null']\n");

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(tuple("nullable-added", true, "/components/schemas/Resp/type"));
  }

  @Test
  void compare_enumWhereThereWasNone_breaksRequests_notResponses() throws IOException {
    String free = "type: string\n";
    String closed = "type: string\nenum: [cat, dog]\n";

    DiffResult added = diff(free, free, closed, closed);

    assertThat(added.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("enum-constraint-added", true, "/components/schemas/Req/enum"),
            tuple("enum-constraint-added", false, "/components/schemas/Resp/enum"));
    assertThat(added.changes().get(0).message())
        .isEqualTo(
            "enum of #/components/schemas/Req (used by POST /pets request body application/json)"
                + " was added: \"cat\", \"dog\" (in requests).");

    DiffResult removed = diff(closed, closed, free, free);

    assertThat(removed.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, c -> c.location().file())
        .containsExactly(
            tuple("enum-constraint-removed", false, oldFile),
            tuple("enum-constraint-removed", true, oldFile));
  }

  @Test
  void compare_responsePropertyNoLongerRequired_isBreaking() throws IOException {
    String req = "type: object\n";
    String before =
        "type: object\nrequired: [id, name]\nproperties:\n  id: {type: string}\n  name: {type: string}\n";
    String after =
        "type: object\nrequired: [id]\nproperties:\n  id: {type: string}\n  name: {type: string}\n";

    DiffResult result = diff(req, before, req, after);

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("response-property-made-optional", true, "/components/schemas/Resp/required"));
    assertThat(result.changes().get(0).message())
        .startsWith("property 'name' of #/components/schemas/Resp")
        .endsWith("is no longer required in responses; clients relying on it break.");
  }

  @Test
  void compare_responseTypeChange_isBreaking() throws IOException {
    String req = "type: object\n";
    String before = "type: object\nproperties:\n  id: {type: string}\n";
    String after = "type: object\nproperties:\n  id: {type: integer}\n";

    DiffResult result = diff(req, before, req, after);

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking, ApiChange::pointer)
        .containsExactly(
            tuple("type-changed", true, "/components/schemas/Resp/properties/id/type"));
  }

  @Test
  void compare_schemaSharedByRequestAndResponse_reportsBothEffects() throws IOException {
    String doc31 =
        """
        openapi: 3.0.3
        info: {title: t, version: '1'}
        paths:
          /pets:
            put:
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Pet'}
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/Pet'}
        components:
          schemas:
            Pet:
              type: string
        """;
    oldFile = Files.writeString(dir.resolve("old.yaml"), doc31 + "      maxLength: 10\n");
    newFile = Files.writeString(dir.resolve("new.yaml"), doc31 + "      maxLength: 20\n");

    DiffResult result = OpenApiDiff.compare(oldFile, newFile);

    assertThat(result.changes())
        .extracting(c -> c.kind().id(), ApiChange::breaking)
        .containsExactlyInAnyOrder(
            tuple("constraint-loosened", false), tuple("constraint-loosened", true));
    assertThat(result.hasBreakingChanges()).isTrue();
  }
}
