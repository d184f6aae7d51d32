package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work a short {@code pipeline lint} of an OpenAPI document does not need, and used to do before it
 * read the document: building the 59 pipeline structure rules (only {@code --disable}'s check of an
 * unknown id needs them), and asking every jar of {@code lib/} for swagger-parser's service files
 * (opening each of a hundred jars on a cold JVM). Each run is in a class loader of its own that
 * records the classes it defined and the resources it was asked for.
 */
class LintStartupWorkTest {
  @TempDir Path tmp;

  @Test
  void lintOfAnOpenApiDocument_buildsNoPipelineStructureRule() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    for (String[] args :
        new String[][] {
          {"lint", api.toString()},
          {"lint", "--disable", "oas-unknown-field,apigw-integration-missing", api.toString()}
        }) {
      try (RecordingCliLoader loader = new RecordingCliLoader()) {
        assertThat(loader.run(args)).as(loader.err).isBetween(0, 1);
        assertThat(loader.definedClasses())
            .as(String.join(" ", args))
            .isNotEmpty()
            .noneMatch(c -> c.startsWith("io.pipelinekit.pipeline.internal.rules."));
      }
    }
  }

  @Test
  void lintOfAnOpenApiDocument_looksUpNoServiceProvider() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    try (RecordingCliLoader loader = new RecordingCliLoader()) {
      assertThat(loader.run("lint", api.toString())).as(loader.err).isBetween(0, 1);
      assertThat(loader.out).contains("openapi.yaml");
      assertThat(loader.resources()).noneMatch(r -> r.startsWith("META-INF/services/"));
    }
  }

  @Test
  void disablingAPipelineStructureRule_isStillAUsageError() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    try (RecordingCliLoader loader = new RecordingCliLoader()) {
      assertThat(loader.run("lint", "--disable", "pipeline-source-first", api.toString()))
          .isEqualTo(2);
      assertThat(loader.err).contains("'pipeline-source-first' in --disable is a pipeline");
    }
  }

  /** A small API Gateway document with no findings (LintPreparationTest lints it too). */
  static final String SMALL_OPENAPI =
      """
      openapi: 3.0.3
      info: {title: small, version: 1.0.0}
      paths:
        /items:
          get:
            operationId: listItems
            x-amazon-apigateway-integration: {type: mock}
            responses:
              '200':
                description: the items
                content:
                  application/json:
                    schema: {type: array, items: {type: string}}
      """;
}
