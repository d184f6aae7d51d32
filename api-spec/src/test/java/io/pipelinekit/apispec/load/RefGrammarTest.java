package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiMerger;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.apispec.internal.rules.ApiGatewayRules;
import io.pipelinekit.core.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which {@code $ref}s are references: wherever the OpenAPI/JSON Schema grammar says so, whatever a
 * key is called; literal only inside example values, a schema's default/enum/const and the like.
 * Every reference here points at {@code api/link.yaml}, a symbolic link out of the folder, so a
 * checked one is refused and an unchecked one is accepted.
 */
class RefGrammarTest {
  private static final String SECRET = "TOPSECRET-a41c";

  @TempDir Path dir;
  private Path api;

  @BeforeEach
  void folders() throws IOException {
    api = Files.createDirectories(dir.resolve("api"));
    Path secret = Files.createDirectories(dir.resolve("secret")).resolve("s.yaml");
    Files.writeString(
        secret,
        "type: apiKey\nname: Authorization\nin: header\nx-amazon-apigateway-authorizer:\n"
            + "  type: "
            + SECRET
            + "\n");
    Files.createSymbolicLink(api.resolve("link.yaml"), secret);
  }

  private Path write(String name, String text) throws IOException {
    Path file = api.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }

  private static LoadedDocument load(Path file) {
    return SafeLoader.load(file, LoadOptions.defaults());
  }

  private static void assertRefusedAt(Path file, String place) {
    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining(place + ": $ref 'link.yaml' resolves through a symbolic link");
  }

  private static final String OAS = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

  @Test
  void responsesDefault_isAResponse_itsRefIsChecked() throws IOException {
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths:\n  /a:\n    get:\n      responses:\n        default:\n"
                + "          $ref: link.yaml\n");
    assertRefusedAt(file, "openapi.yaml:8:11");
  }

  @Test
  void componentsNamedDefaultOrExampleOrEnum_areComponents_theirRefsAreChecked()
      throws IOException {
    for (String section : new String[] {"schemas", "responses", "parameters", "securitySchemes"}) {
      for (String name : new String[] {"default", "example", "enum", "const"}) {
        Path file =
            write(
                "openapi.yaml",
                OAS
                    + "paths: {}\ncomponents:\n  "
                    + section
                    + ":\n    "
                    + name
                    + ":\n"
                    + "      $ref: link.yaml\n");
        assertRefusedAt(file, "openapi.yaml:7:7");
      }
    }
  }

  @Test
  void examplesNamedDefault_andHeadersNamedDefault_areStructure() throws IOException {
    Path example =
        write(
            "openapi.yaml",
            OAS
                + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
                + "          description: ok\n          content:\n            application/json:\n"
                + "              examples:\n                default:\n"
                + "                  $ref: link.yaml\n");
    assertRefusedAt(example, "openapi.yaml:13:19");
    Path header =
        write(
            "openapi.yaml",
            OAS
                + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
                + "          description: ok\n          headers:\n            default:\n"
                + "              $ref: link.yaml\n");
    assertRefusedAt(header, "openapi.yaml:11:15");
  }

  @Test
  void swagger2_responsesDefault_andDefinitionNamedDefault_areChecked() throws IOException {
    String head = "swagger: '2.0'\ninfo: {title: t, version: '1'}\n";
    Path response =
        write(
            "swagger.yaml",
            head
                + "paths:\n  /a:\n    get:\n      responses:\n        default:\n"
                + "          $ref: link.yaml\n");
    assertRefusedAt(response, "swagger.yaml:8:11");
    Path definition =
        write("swagger.yaml", head + "paths: {}\ndefinitions:\n  default:\n    $ref: link.yaml\n");
    assertRefusedAt(definition, "swagger.yaml:6:5");
  }

  @Test
  void literalData_isNotChecked_whereTheGrammarSaysItIsData() throws IOException {
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths:\n  /a:\n    get:\n      parameters:\n        - name: q\n"
                + "          in: query\n          schema: {type: object}\n"
                + "          example: {$ref: link.yaml}\n"
                + "          examples:\n            one: {value: {$ref: link.yaml}}\n"
                + "      responses:\n        '200':\n          description: ok\n"
                + "          content:\n            application/json:\n"
                + "              example: {$ref: link.yaml}\n"
                + "              examples:\n                default: {value: {$ref: link.yaml}}\n"
                + "              schema:\n                type: object\n"
                + "                default: {$ref: link.yaml}\n"
                + "                enum: [{$ref: link.yaml}]\n"
                + "                const: {$ref: link.yaml}\n"
                + "                example: {$ref: link.yaml}\n"
                + "components:\n  examples:\n    Pet: {value: {$ref: link.yaml}}\n");
    assertThat(load(file).root().has("paths")).isTrue();
  }

  @Test
  void swagger2_literalData_parameterDefaultEnumAndResponseExamples_isNotChecked()
      throws IOException {
    Path file =
        write(
            "swagger.yaml",
            "swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
                + "      parameters:\n        - {name: q, in: query, type: object,"
                + " default: {$ref: link.yaml}, enum: [{$ref: link.yaml}]}\n"
                + "      responses:\n        '200':\n          description: ok\n"
                + "          examples:\n            application/json: {$ref: link.yaml}\n");
    assertThat(load(file).root().has("paths")).isTrue();
  }

  @Test
  void schemaExamples_isDataIn31_butAnUnknownFieldIn30() throws IOException {
    String rest =
        "paths: {}\ncomponents:\n  schemas:\n    A:\n      examples:\n"
            + "        - $ref: link.yaml\n";
    Path v31 = write("openapi.yaml", "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n" + rest);
    assertThat(load(v31).root().has("components")).isTrue();
    Path v30 = write("openapi.yaml", OAS + rest);
    assertRefusedAt(v30, "openapi.yaml:8:11");
  }

  @Test
  void aPropertyNamedExampleOrDefault_isASchema_itsRefIsChecked() throws IOException {
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths: {}\ncomponents:\n  schemas:\n    A:\n      properties:\n"
                + "        default:\n          $ref: link.yaml\n");
    assertRefusedAt(file, "openapi.yaml:9:11");
  }

  @Test
  void exampleData_usedAsASchemaThroughALocalRef_isCheckedAsASchema() throws IOException {
    // The example is data where it sits, but the response's schema points at it: whatever resolves
    // that schema follows the $ref inside it, so it is checked.
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths:\n  /a:\n    get:\n      responses:\n        '200':\n"
                + "          description: ok\n          content:\n            application/json:\n"
                + "              schema:\n"
                + "                $ref: '#/components/schemas/A/example'\n"
                + "components:\n  schemas:\n    A:\n      example:\n        $ref: link.yaml\n");
    assertRefusedAt(file, "openapi.yaml:17:9");
  }

  @Test
  void referencedFile_isWalkedAsWhatReferredToIt() throws IOException {
    // pet.yaml is a schema: its example is data; its property's $ref is a reference.
    write(
        "schemas/pet.yaml",
        "type: object\nexample:\n  $ref: ../link.yaml\nproperties:\n  owner:\n"
            + "    $ref: ../link.yaml\n");
    Path file =
        write(
            "openapi.yaml",
            OAS + "paths: {}\ncomponents:\n  schemas:\n    Pet:\n      $ref: schemas/pet.yaml\n");
    assertThatThrownBy(() -> load(file))
        .hasMessageContaining("pet.yaml:6:5: $ref '../link.yaml' resolves through a symbolic link")
        .hasMessageNotContaining("pet.yaml:3:");
  }

  @Test
  void rulesResolver_refusesASymlinkOut_evenForATreeNobodyChecked() throws IOException {
    // The rules open files through the same resolver as the loader: handed a tree that skipped
    // the check, they still refuse the link instead of reading (and echoing) what it points at.
    String text =
        OAS + "paths: {}\ncomponents:\n  securitySchemes:\n    default:\n      $ref: link.yaml\n";
    Path file = write("openapi.yaml", text);
    LoadedDocument unchecked =
        SafeLoader.parseText(file, text, text.length(), LoadOptions.defaults());

    assertThatThrownBy(() -> ApiGatewayRules.check(unchecked, Set.of(), LoadOptions.defaults()))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining("$ref 'link.yaml' resolves through a symbolic link")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void rulesResolver_readsAFileInsideTheFolder() throws IOException {
    write(
        "auth.yaml",
        "type: apiKey\nname: Authorization\nin: header\nx-amazon-apigateway-authorizer:\n"
            + "  type: bogus\n");
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths: {}\ncomponents:\n  securitySchemes:\n    default:\n"
                + "      $ref: auth.yaml\n");

    assertThat(ApiGatewayRules.check(load(file), Set.of(), LoadOptions.defaults()))
        .extracting(Finding::message)
        .anyMatch(m -> m.contains("authorizer type 'bogus'"));
  }

  @Test
  void merge_warnsAboutAFileRefUnderResponsesDefault() throws IOException {
    write("common/error.yaml", "description: error\n");
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths:\n  /a:\n    get:\n      responses:\n        default:\n"
                + "          $ref: common/error.yaml\n"
                + "        '200':\n          description: ok\n"
                + "          content:\n            application/json:\n"
                + "              example: {$ref: not-a-reference.yaml}\n");

    MergeResult result = OpenApiMerger.merge(file);

    assertThat(result.findings())
        .extracting(f -> f.ruleId() + " " + f.location().line())
        .containsExactly("merge-external-ref 8");
  }

  @Test
  void cyclesThroughFragmentsOfAnotherFile_areWalkedOnce_andEnd() throws IOException {
    // Only fragments of defs.yaml are walked, never its top; each is walked once.
    write(
        "defs.yaml",
        "A:\n  properties:\n    self: {$ref: '#/A'}\n    again: {$ref: 'defs.yaml#/A'}\n"
            + "    bad:\n      example: {$ref: ../link.yaml}\n");
    Path file =
        write(
            "openapi.yaml",
            OAS + "paths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'defs.yaml#/A'}\n");

    assertThat(
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> load(file)))
        .isNotNull();
  }

  // ---------------------------------------------------------------- the file budget

  /** {@code openapi.yaml} naming {@code n} schema files; the last one refers to the link. */
  private Path namingFiles(int n) throws IOException {
    StringBuilder spec = new StringBuilder(OAS + "paths: {}\ncomponents:\n  schemas:\n");
    for (int i = 0; i < n; i++) {
      spec.append("    S").append(i).append(": {$ref: 's/").append(i).append(".yaml'}\n");
      write("s/" + i + ".yaml", i == n - 1 ? "not: {$ref: ../link.yaml}\n" : "type: string\n");
    }
    return write("openapi.yaml", spec.toString());
  }

  @Test
  void budget_theDefaultThousandFiles_spent_isAnErrorNamingTheLimitAndOption() throws IOException {
    Path file = namingFiles(LoadOptions.DEFAULT_MAX_REF_FILES + 1);

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(
            file
                + ":1006:13: $ref 's/1000.yaml' would make this document read more than 1000 files"
                + " through $refs, the limit; raise it with --max-ref-files");
  }

  @Test
  void budget_raised_everyFileIsChecked_toTheLast() throws IOException {
    Path file = namingFiles(LoadOptions.DEFAULT_MAX_REF_FILES + 1);
    LoadOptions more = LoadOptions.builder().maxRefFiles(1001).build();

    assertThatThrownBy(() -> SafeLoader.load(file, more))
        .hasMessageContaining("1000.yaml:1:7: $ref '../link.yaml' resolves through a symbolic link")
        .hasMessageNotContaining("--max-ref-files");
  }

  @Test
  void budget_countsEachFileOnce_andNotTheDocumentItself() throws IOException {
    write(
        "a.yaml",
        "type: object\nproperties:\n  b: {$ref: 'b.yaml'}\n  me: {$ref: 'openapi.yaml#/x'}\n");
    write("b.yaml", "type: object\nproperties:\n  a: {$ref: 'a.yaml'}\n");
    Path file =
        write(
            "openapi.yaml",
            OAS
                + "paths: {}\nx: {type: string}\ncomponents:\n  schemas:\n"
                + "    A: {$ref: a.yaml}\n    A2: {$ref: 'a.yaml#/properties/b'}\n"
                + "    B: {$ref: b.yaml}\n");

    assertThat(SafeLoader.load(file, LoadOptions.builder().maxRefFiles(2).build())).isNotNull();
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.builder().maxRefFiles(1).build()))
        .hasMessageContaining("more than 1 file through $refs");
  }
}
