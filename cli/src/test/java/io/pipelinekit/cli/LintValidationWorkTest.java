package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * swagger-parser's validation in a short {@code pipeline lint} does its work once: it gets ready
 * while the command line and the document are read and then validates that document, instead of a
 * warm-up thread validating a practice document of its own beside it (reading it, building its own
 * Jackson mapper and deserializers, and looking up the URL handlers at the same time as the real
 * validation). Each run is in a class loader of its own that records the classes it defined.
 */
class LintValidationWorkTest {
  private static final String JSON_READER = "io.pipelinekit.apispec.internal.load.JsonReader";

  @TempDir Path tmp;

  @Test
  void lintOfAYamlDocument_readsNoOtherDocument() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    try (RecordingCliLoader loader = new RecordingCliLoader()) {
      assertThat(loader.run("lint", api.toString())).as(loader.err).isBetween(0, 1);
      // the validation ran: swagger-parser's finding is there
      assertThat(loader.out).contains("openapi.yaml:").contains("oas-");
      assertThat(loader.definedClasses())
          .contains("io.swagger.v3.parser.util.OpenAPIDeserializer")
          .doesNotContain(JSON_READER);
    }
  }

  @Test
  void lintOfAJsonDocument_stillReadsIt() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.json"), SMALL_JSON);
    try (RecordingCliLoader loader = new RecordingCliLoader()) {
      assertThat(loader.run("lint", api.toString())).as(loader.err).isBetween(0, 1);
      assertThat(loader.out).contains("openapi.json:").contains("oas-");
      assertThat(loader.definedClasses()).contains(JSON_READER);
    }
  }

  @Test
  void lint_getsSwaggerParserReadyWhileTheCommandLineIsRead() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), SMALL_OPENAPI);
    try (RecordingCliLoader loader = new RecordingCliLoader()) {
      assertThat(loader.run("lint", api.toString())).as(loader.err).isBetween(0, 1);
      assertThat(loader.out).contains("oas-");
      // started with the command line, before picocli read the arguments: not by the lint itself
      assertThat(loader.definingThread(PREPARED)).contains("swagger-parser-preparation");
      assertThat(loader.definingThread("io.swagger.v3.parser.util.OpenAPIDeserializer"))
          .contains("swagger-parser-preparation");
    }
  }

  @Test
  void otherCommands_doNotGetSwaggerParserReady() throws Exception {
    try (RecordingCliLoader loader = new RecordingCliLoader()) {
      assertThat(loader.run("graph", "--help")).as(loader.err).isZero();
      assertThat(loader.definingThread(PREPARED)).isEmpty();
    }
  }

  private static final String PREPARED =
      "io.pipelinekit.apispec.internal.load.SwaggerValidation$Prepared";

  /** Findings of swagger-parser's (warnings): the operation has no responses. */
  private static final String SMALL_OPENAPI =
      """
      openapi: 3.0.3
      info: {title: small, version: 1.0.0}
      servers:
        - url: https://api.example.com/v1
      paths:
        /items:
          get:
            operationId: listItems
            x-amazon-apigateway-integration: {type: mock}
      """;

  private static final String SMALL_JSON =
      "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"small\",\"version\":\"1.0.0\"},\"paths\":"
          + "{\"/items\":{\"get\":{\"operationId\":\"listItems\","
          + "\"x-amazon-apigateway-integration\":{\"type\":\"mock\"}}}}}";
}
