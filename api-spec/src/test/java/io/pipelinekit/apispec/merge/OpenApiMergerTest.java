package io.pipelinekit.apispec.merge;

import static io.pipelinekit.apispec.merge.TestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.MergeConflictException;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiMerger;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenApiMergerTest {
  private static final ObjectMapper YAML = new YAMLMapper();

  private static Path app() {
    return resource("merge/basic/app.yaml");
  }

  private static Path gateway() {
    return resource("merge/basic/gateway.yaml");
  }

  @Test
  void merge_appGatewayAndExtra_matchesGoldenFile() {
    MergeResult result =
        OpenApiMerger.merge(List.of(app(), gateway(), resource("merge/basic/extra.yaml")));

    assertThat(result.findings()).isEmpty();
    assertThat(result.pathCount()).isEqualTo(3);
    assertThat(result.operationCount()).isEqualTo(4);
    TestFiles.assertGolden("merge/basic/openapi.yaml", result.yaml());
    TestFiles.assertGolden("merge/basic/openapi.json", result.json());
  }

  @Test
  void merge_sameInputTwice_givesSameBytes() {
    String first = OpenApiMerger.merge(List.of(app(), gateway())).yaml();
    String second = OpenApiMerger.merge(List.of(app(), gateway())).yaml();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void merge_overlay_addsGatewayFieldsToOperationOfOtherFragment() throws Exception {
    JsonNode merged = YAML.readTree(OpenApiMerger.merge(List.of(app(), gateway())).yaml());

    JsonNode get = merged.at("/paths/~1pets~1{petId}/get");
    assertThat(get.path("operationId").asText()).isEqualTo("getPet");
    assertThat(get.at("/x-amazon-apigateway-integration/uri").asText())
        .isEqualTo("http://nlb.internal/pets/{petId}");
    assertThat(get.at("/security/0/cognito").isArray()).isTrue();
    assertThat(merged.at("/components/securitySchemes/cognito/type").asText()).isEqualTo("apiKey");
    assertThat(
            merged.at("/components/securitySchemes/cognito/x-amazon-apigateway-authtype").asText())
        .isEqualTo("cognito_user_pools");
    assertThat(merged.at("/x-amazon-apigateway-gateway-responses/DEFAULT_4XX").isObject()).isTrue();
  }

  @Test
  void merge_overlayFirst_givesSameDocumentWithDefinitionLeading() throws Exception {
    JsonNode appFirst = YAML.readTree(OpenApiMerger.merge(List.of(app(), gateway())).yaml());
    String text = OpenApiMerger.merge(List.of(gateway(), app())).yaml();
    JsonNode gatewayFirst = YAML.readTree(text);

    assertThat(gatewayFirst.get("paths")).isEqualTo(appFirst.get("paths"));
    assertThat(gatewayFirst.get("components")).isEqualTo(appFirst.get("components"));
    // the full definition leads, the overlay's fields follow it
    assertThat(gatewayFirst.at("/paths/~1pets/get").fieldNames().next()).isEqualTo("operationId");
    // info comes from the first fragment
    assertThat(gatewayFirst.at("/info/title").asText()).isEqualTo("Pets gateway configuration");
  }

  @Test
  void merge_topLevelKeys_inOpenApiOrderThenInputOrder() throws Exception {
    JsonNode merged = YAML.readTree(OpenApiMerger.merge(List.of(gateway(), app())).yaml());

    assertThat(merged.fieldNames())
        .toIterable()
        .containsExactly(
            "openapi",
            "info",
            "paths",
            "components",
            "tags",
            "x-amazon-apigateway-binary-media-types",
            "x-amazon-apigateway-gateway-responses");
  }

  @Test
  void merge_binaryMediaTypes_unionInFirstSeenOrder() throws Exception {
    JsonNode merged =
        YAML.readTree(
            OpenApiMerger.merge(List.of(gateway(), resource("merge/basic/extra.yaml"))).yaml());

    assertThat(merged.get("x-amazon-apigateway-binary-media-types").toString())
        .isEqualTo("[\"image/png\",\"application/octet-stream\"]");
  }

  @Test
  void merge_conflictingOperation_namesBothFilesPointersAndLines() {
    Path a = resource("merge/conflict/a.yaml");
    Path b = resource("merge/conflict/b.yaml");

    MergeResult result = OpenApiMerger.merge(List.of(a, b));

    assertThat(result.hasConflicts()).isTrue();
    Finding description =
        result.conflicts().stream()
            .filter(f -> f.location().pointer().endsWith("/description"))
            .findFirst()
            .orElseThrow();
    assertThat(description.ruleId()).isEqualTo("merge-conflict");
    assertThat(description.location().file()).isEqualTo(b);
    assertThat(description.location().line()).isEqualTo(11);
    assertThat(description.location().pointer())
        .isEqualTo("/paths/~1pets/get/responses/200/description");
    assertThat(description.message())
        .contains("\"All the pets\" here but \"The pets\" in " + a + ":11:11")
        .contains("#/paths/~1pets/get/responses/200/description");
    assertThat(result.conflicts())
        .anySatisfy(
            f ->
                assertThat(f.format())
                    .startsWith(b + ":24:")
                    .contains("#/components/schemas/Pet/properties/name/type")
                    .contains("\"integer\" here but \"string\" in " + a + ":18:11"));
  }

  @Test
  void merge_sameTagDescribedDifferently_conflictNamesBothTagsWhereTheyAre(@TempDir Path dir)
      throws Exception {
    Path a = dir.resolve("a.yaml");
    java.nio.file.Files.writeString(
        a,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ntags:\n"
            + "  - name: pets\n    description: The pets\n");
    Path b = dir.resolve("b.yaml");
    java.nio.file.Files.writeString(
        b,
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ntags:\n"
            + "  - name: stores\n  - name: pets\n    description: All the pets\n");

    MergeResult result = OpenApiMerger.merge(List.of(a, b));

    assertThat(result.conflicts())
        .extracting(Finding::format)
        .containsExactly(
            b
                + ":7:5 error merge-conflict #/tags/0/description is \"All the pets\" here but"
                + " \"The pets\" in "
                + a
                + ":6:5 (#/tags/0/description); make the two definitions identical or keep one"
                + " of them.");
    assertThat(result.conflicts().get(0).location().pointer()).isEqualTo("/tags/1/description");
  }

  @Test
  void merge_conflict_isNeverASilentOverwrite() {
    MergeResult result =
        OpenApiMerger.merge(
            List.of(resource("merge/conflict/a.yaml"), resource("merge/conflict/b.yaml")));

    assertThatThrownBy(result::yaml)
        .isInstanceOf(MergeConflictException.class)
        .hasMessageContaining("conflict")
        .hasMessageContaining("nothing was merged");
    assertThatThrownBy(result::orThrow)
        .isInstanceOfSatisfying(
            MergeConflictException.class,
            e -> assertThat(e.conflicts()).hasSize(result.conflicts().size()));
  }

  @Test
  void merge_operationIdUsedTwice_reportsBothLocations() {
    Path b = resource("merge/conflict/b.yaml");

    MergeResult result = OpenApiMerger.merge(List.of(b));

    assertThat(result.conflicts()).hasSize(1);
    Finding clash = result.conflicts().get(0);
    assertThat(clash.ruleId()).isEqualTo("merge-operation-id-clash");
    assertThat(clash.format())
        .isEqualTo(
            b
                + ":14:7 error merge-operation-id-clash operationId 'listPets' of GET /animals is"
                + " also the operationId of GET /pets at "
                + b
                + ":8:7 (#/paths/~1pets/get/operationId); operationIds must be unique, rename"
                + " one.");
  }

  @Test
  void merge_twoOverlaysWithDifferentIntegrations_conflict() {
    Path overlay = resource("merge/conflict/overlay.yaml");
    Path overlay2 = resource("merge/conflict/overlay2.yaml");

    MergeResult result =
        OpenApiMerger.merge(List.of(resource("merge/conflict/a.yaml"), overlay, overlay2));

    assertThat(result.conflicts())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location().file()).isEqualTo(overlay2);
              assertThat(f.message())
                  .contains("#/paths/~1pets/get/x-amazon-apigateway-integration/type")
                  .contains("\"http_proxy\" here but \"mock\" in " + overlay + ":9:");
            });
  }

  @Test
  void merge_overlayForUndefinedOperation_warnsWithItsLocation() {
    Path overlay = resource("merge/conflict/overlay.yaml");

    MergeResult result = OpenApiMerger.merge(List.of(resource("merge/conflict/a.yaml"), overlay));

    assertThat(result.hasConflicts()).isFalse();
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("merge-orphan-overlay");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.format()).startsWith(overlay + ":11:5").contains("GET /pest");
            });
  }

  @Test
  void merge_differentMajorVersions_isAnError() {
    Path swagger = resource("merge/version/swagger.yaml");

    MergeResult result = OpenApiMerger.merge(List.of(app(), swagger));

    assertThat(result.conflicts())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("merge-version-mismatch");
              assertThat(f.format()).startsWith(swagger + ":1:1").contains("3.0.3");
            });
  }

  @Test
  void merge_differentMinorVersions_warnsAndKeepsFirst() throws Exception {
    MergeResult result = OpenApiMerger.merge(List.of(app(), resource("merge/version/v31.yaml")));

    assertThat(result.hasConflicts()).isFalse();
    assertThat(result.findings()).extracting(Finding::severity).containsExactly(Severity.WARNING);
    assertThat(YAML.readTree(result.yaml()).get("openapi").asText()).isEqualTo("3.0.3");
  }

  @Test
  void merge_webhookReusingAPathOperationId_reportsBothLocations(@TempDir Path dir)
      throws Exception {
    Path paths = dir.resolve("paths.yaml");
    java.nio.file.Files.writeString(
        paths,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /pets:\n    post:\n"
            + "      operationId: petCreated\n      responses:\n"
            + "        '201':\n          description: created\n");
    Path hooks = dir.resolve("hooks.yaml");
    java.nio.file.Files.writeString(
        hooks,
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nwebhooks:\n  newPet:\n    post:\n"
            + "      operationId: petCreated\n      responses:\n"
            + "        '200':\n          description: ok\n"
            + "  oldPet:\n    post:\n"
            + "      operationId: petCreated\n      responses:\n"
            + "        '200':\n          description: ok\n");

    MergeResult result = OpenApiMerger.merge(List.of(paths, hooks));

    assertThat(result.conflicts())
        .extracting(Finding::format)
        .containsExactly(
            hooks
                + ":6:7 error merge-operation-id-clash operationId 'petCreated' of POST webhook"
                + " newPet is also the operationId of POST /pets at "
                + paths
                + ":6:7 (#/paths/~1pets/post/operationId); operationIds must be unique, rename"
                + " one.",
            hooks
                + ":12:7 error merge-operation-id-clash operationId 'petCreated' of POST webhook"
                + " oldPet is also the operationId of POST /pets at "
                + paths
                + ":6:7 (#/paths/~1pets/post/operationId); operationIds must be unique, rename"
                + " one.");
  }

  @Test
  void merge_pathsThatDifferOnlyInParameterNames_isAnError(@TempDir Path dir) throws Exception {
    Path other = dir.resolve("petid.yaml");
    java.nio.file.Files.writeString(
        other,
        "openapi: 3.0.3\npaths:\n  /pets/{id}:\n    delete:\n      responses:\n"
            + "        '204':\n          description: gone\n");

    MergeResult result = OpenApiMerger.merge(List.of(app(), other));

    assertThat(result.conflicts())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.format())
                    .startsWith(other + ":3:3 error merge-path-template-clash")
                    .contains("/pets/{petId} at " + app() + ":34:3"));
  }

  @Test
  void merge_pathsNotAMapping_isUnreadableInputNamingPlace() {
    Path bad = resource("merge/conflict/badshape.yaml");

    assertThatThrownBy(() -> OpenApiMerger.merge(List.of(app(), bad)))
        .isInstanceOf(ApiSpecException.class)
        .isNotInstanceOf(MergeConflictException.class)
        .hasMessage(bad + ":3:3: #/paths/~1x must be a mapping, not a list.");
  }

  @Test
  void merge_missingFile_isUnreadableInput() {
    Path missing = app().resolveSibling("nope.yaml");

    assertThatThrownBy(() -> OpenApiMerger.merge(List.of(app(), missing)))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void merge_duplicateKey_isUnreadableInputNamingBothLines() {
    Path dup = resource("merge/conflict/dupkey.yaml");

    assertThatThrownBy(() -> OpenApiMerger.merge(List.of(dup)))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining(dup.toString())
        .hasMessageContaining("5")
        .hasMessageContaining("3");
  }

  @Test
  void merge_refsTheMergedDocumentCannotResolve_warnWithTheirLocation() {
    Path owner = resource("merge/refs/owner.yaml");

    MergeResult result = OpenApiMerger.merge(List.of(app(), owner));

    assertThat(result.hasConflicts()).isFalse();
    assertThat(result.findings())
        .extracting(Finding::format)
        .containsExactly(
            owner
                + ":12:11 warning merge-unresolved-ref $ref '#/components/schemas/Pett' names"
                + " nothing in the merged document; add the fragment that defines it, or fix the"
                + " reference.",
            owner
                + ":14:11 warning merge-external-ref $ref 'address.yaml#/Address' points to"
                + " another file; in the merged document it resolves against the output's folder,"
                + " so keep the output beside the fragments or move the definition into a"
                + " fragment.");
  }

  @Test
  void merge_swagger2Fragments_combinesDefinitionsAndSecurityDefinitions() throws Exception {
    MergeResult result =
        OpenApiMerger.merge(
            List.of(
                resource("merge/version/swagger.yaml"),
                resource("merge/version/swagger-more.yaml")));

    assertThat(result.findings()).isEmpty();
    JsonNode merged = YAML.readTree(result.yaml());
    assertThat(merged.fieldNames())
        .toIterable()
        .containsExactly(
            "swagger", "info", "basePath", "paths", "definitions", "securityDefinitions");
    assertThat(merged.get("paths").size()).isEqualTo(2);
    assertThat(merged.at("/securityDefinitions/key/in").asText()).isEqualTo("header");
  }

  @Test
  void merge_differentBasePaths_conflict() {
    Path other = resource("merge/version/swagger-other-base.yaml");

    MergeResult result =
        OpenApiMerger.merge(List.of(resource("merge/version/swagger-more.yaml"), other));

    assertThat(result.conflicts())
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.format())
                    .startsWith(
                        other
                            + ":5:1 error merge-conflict #/basePath is \"/v2\" here but"
                            + " \"/v1\" in "));
  }

  @Test
  void merge_ofItsOwnOutput_isIdempotent(@TempDir Path dir) throws Exception {
    String merged = OpenApiMerger.merge(List.of(app(), gateway())).yaml();
    Path out = java.nio.file.Files.writeString(dir.resolve("merged.yaml"), merged);

    assertThat(OpenApiMerger.merge(List.of(out)).yaml()).isEqualTo(merged);
    assertThat(OpenApiMerger.merge(List.of(out, out)).yaml()).isEqualTo(merged);
    assertThat(OpenApiMerger.merge(List.of(out, gateway(), app())).yaml()).isEqualTo(merged);
  }
}
