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

class DiffCommandTest {
  private static final String OLD =
      """
      openapi: 3.0.3
      info:
        title: Pets
        version: 1.0.0
      paths:
        /pets:
          get:
            parameters:
              - name: limit
                in: query
                schema:
                  type: integer
            responses:
              '200':
                description: The pets
              '201':
                description: Created
      """;
  private static final String NEW =
      """
      openapi: 3.0.3
      info:
        title: Pets
        version: 2.0.0
      paths:
        /pets:
          get:
            parameters:
              - name: limit
                in: query
                schema:
                  type: integer
              - name: page
                in: query
                schema:
                  type: integer
            responses:
              '200':
                description: The pets
      """;

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private Path oldFile;
  private Path newFile;

  @BeforeEach
  void writeDocuments() throws IOException {
    oldFile = Files.writeString(dir.resolve("old.yaml"), OLD);
    newFile = Files.writeString(dir.resolve("new.yaml"), NEW);
  }

  private int run(String... args) {
    return PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void diff_printsEachChangeAndSummary() {
    int code = run("diff", oldFile.toString(), newFile.toString());

    assertThat(code).isEqualTo(0);
    assertThat(out.toString())
        .isEqualTo(
            newFile
                + ":13:11 non-breaking parameter-added GET /pets: optional query parameter 'page'"
                + " was added.\n"
                + oldFile
                + ":16:9 breaking response-removed GET /pets: response 201 was removed.\n"
                + "2 changes: 1 breaking, 1 non-breaking.\n");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void diff_failOnBreaking_exits1() {
    int code = run("diff", "--fail-on-breaking", oldFile.toString(), newFile.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("1 breaking change from " + oldFile + " to " + newFile);
  }

  @Test
  void diff_failOnBreakingWithOnlyAdditions_exits0() {
    int code = run("diff", "--fail-on-breaking", newFile.toString(), newFile.toString());

    assertThat(code).isEqualTo(0);
    assertThat(out.toString()).isEqualTo("No API changes.\n");
  }

  @Test
  void diff_jsonFormat_printsJson() {
    int code = run("diff", "--format", "json", oldFile.toString(), newFile.toString());

    assertThat(code).isEqualTo(0);
    assertThat(out.toString())
        .startsWith("{\n  \"ok\": true,\n  \"old\": \"" + oldFile + "\",\n")
        .contains("\"summary\": {\"breaking\": 1, \"nonBreaking\": 1}")
        .contains("{\"kind\": \"response-removed\", \"breaking\": true, \"message\": ")
        .contains(
            "\"location\": {\"file\": \""
                + oldFile
                + "\", \"line\": 16, \"column\": 9, \"pointer\":"
                + " \"/paths/~1pets/get/responses/201\"}, \"operations\": [\"GET /pets\"]}");
  }

  @Test
  void diff_unreadableDocument_exits2WithoutStackTrace() throws IOException {
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "openapi: 3.0.3\npaths: {\n");

    int code = run("diff", oldFile.toString(), broken.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("pipeline: " + broken + ":").doesNotContain("\tat ");
  }

  @Test
  void diff_oneFile_isUsageError() {
    int code = run("diff", oldFile.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Run 'pipeline diff --help'");
  }

  @Test
  void diff_aliasBomb_exits2QuicklyNamingTheFile() throws IOException {
    StringBuilder bomb = new StringBuilder("openapi: 3.0.3\na0: &a0 [lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      bomb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 5; j++) {
        bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      bomb.append("]\n");
    }
    Path laughs = Files.writeString(dir.resolve("laughs.yaml"), bomb.toString());
    long start = System.nanoTime();

    int code = run("diff", oldFile.toString(), laughs.toString());

    assertThat(code).isEqualTo(2);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    assertThat(err.toString()).startsWith("pipeline: " + laughs + ":").doesNotContain("\tat ");
  }
}
