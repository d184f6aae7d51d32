package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
  private static final String APP =
      """
      openapi: 3.0.3
      info:
        title: Pets
        version: 1.0.0
      paths:
        /pets:
          get:
            operationId: listPets
            responses:
              '200':
                description: The pets
      """;
  private static final String GATEWAY =
      """
      openapi: 3.0.3
      info:
        title: gateway
        version: 1.0.0
      paths:
        /pets:
          get:
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: http://nlb.internal/pets
      """;
  private static final String CONFLICTING =
      """
      openapi: 3.0.3
      info:
        title: other
        version: 1.0.0
      paths:
        /pets:
          get:
            operationId: listPets
            responses:
              '200':
                description: All the pets
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path app;
  private Path gateway;

  @BeforeEach
  void writeFragments() throws IOException {
    app = Files.writeString(dir.resolve("openapi.yaml"), APP);
    gateway = Files.writeString(dir.resolve("gateway.yaml"), GATEWAY);
  }

  private int run(String... args) {
    return PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void merge_fragments_writesMergedDocumentAndSummary() throws IOException {
    Path target = dir.resolve("merged.yaml");

    int code = run("merge", app.toString(), gateway.toString(), "-o", target.toString());

    assertThat(code).isEqualTo(0);
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .isEqualTo("Merged 2 fragments: 1 paths, 1 operations -> " + target + "\n");
    assertThat(Files.readString(target))
        .isEqualTo(
            """
            openapi: 3.0.3
            info:
              title: Pets
              version: 1.0.0
            paths:
              /pets:
                get:
                  operationId: listPets
                  responses:
                    '200':
                      description: The pets
                  x-amazon-apigateway-integration:
                    type: http_proxy
                    httpMethod: GET
                    uri: http://nlb.internal/pets
            """);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("openapi.yaml", "gateway.yaml", "merged.yaml");
    }
  }

  @Test
  void merge_jsonTarget_writesJson() throws IOException {
    Path target = dir.resolve("merged.json");

    int code = run("merge", app.toString(), gateway.toString(), "-o", target.toString());

    assertThat(code).isEqualTo(0);
    assertThat(Files.readString(target)).startsWith("{\n  \"openapi\" : \"3.0.3\",\n");
  }

  @Test
  void merge_withoutOutput_printsYaml() {
    int code = run("merge", app.toString(), gateway.toString());

    assertThat(code).isEqualTo(0);
    assertThat(out.toString()).startsWith("openapi: 3.0.3\n").contains("x-amazon-apigateway");
  }

  @Test
  void merge_conflict_exits1NamingBothPlacesAndWritesNothing() throws IOException {
    Path other = Files.writeString(dir.resolve("other.yaml"), CONFLICTING);
    Path target = dir.resolve("merged.yaml");
    Files.writeString(target, "previous content\n");

    int code = run("merge", app.toString(), other.toString(), "-o", target.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains(
            other
                + ":11:11 error merge-conflict #/paths/~1pets/get/responses/200/description is"
                + " \"All the pets\" here but \"The pets\" in "
                + app
                + ":11:11")
        .contains("1 conflict between the fragments; " + target + " was not written")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(target)).isEqualTo("previous content\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("openapi.yaml", "gateway.yaml", "other.yaml", "merged.yaml");
    }
  }

  @Test
  void merge_unreadableFragment_exits2NamingFileAndLine() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\npaths: [\n");
    Path target = dir.resolve("merged.yaml");

    int code = run("merge", app.toString(), broken.toString(), "-o", target.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("pipeline: " + broken + ":").doesNotContain("\tat ");
    assertThat(target).doesNotExist();
  }

  @Test
  void merge_missingFragment_exits2() {
    int code = run("merge", app.toString(), dir.resolve("missing.yaml").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("missing.yaml: no such file");
  }

  @Test
  void merge_outputFolderMissing_isCreated() {
    Path target = dir.resolve("build/api/merged.yaml");

    int code = run("merge", app.toString(), "-o", target.toString());

    assertThat(code).isEqualTo(0);
    assertThat(target).hasContent(APP);
  }

  @Test
  void merge_fragmentWithRefOutsideItsFolder_exits2AndWritesNothing() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("api"));
    Path escaping =
        Files.writeString(
            sub.resolve("escaping.yaml"),
            "openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths: {}\ncomponents:\n"
                + "  schemas:\n    Secret:\n      $ref: '../../../../etc/passwd'\n");
    Path target = dir.resolve("merged.yaml");

    int code = run("merge", app.toString(), escaping.toString(), "-o", target.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("pipeline: " + escaping + ":9:")
        .doesNotContain("root:")
        .doesNotContain("\tat ");
    assertThat(target).doesNotExist();
  }

  @Test
  void merge_noFiles_isUsageError() {
    int code = run("merge");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Run 'pipeline merge --help'");
  }
}
