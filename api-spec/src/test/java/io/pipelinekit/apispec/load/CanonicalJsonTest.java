package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code OpenApiDocument.canonicalJson()}: the loaded tree as JSON, as the loader read it. */
class CanonicalJsonTest {
  @TempDir Path dir;

  private String canonical(String yaml) throws IOException {
    Path file = dir.resolve("openapi.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return OpenApiLoader.parse(file, LoadOptions.defaults()).canonicalJson();
  }

  @Test
  void canonicalJson_keepsYamlKeysAsWrittenAndYaml11WordsAsStrings_inDocumentOrder()
      throws IOException {
    String json =
        canonical(
            "openapi: 3.0.1\n"
                + "info: {title: t, version: '1'}\n"
                + "paths:\n"
                + "  /b:\n"
                + "    get:\n"
                + "      responses:\n"
                + "        200: {description: ok}\n"
                + "        404: {description: missing}\n"
                + "      x-flag: yes\n"
                + "      x-when: on\n"
                + "  /a:\n"
                + "    get:\n"
                + "      responses: {'200': {description: ok}}\n"
                + "x-numbers: {int: 7, big: 123456789012345678901, float: 1.5, hex: 0x1F, t: true}\n");

    assertThat(json)
        .isEqualTo(
            "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
                + "\"paths\":{\"/b\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"},"
                + "\"404\":{\"description\":\"missing\"}},\"x-flag\":\"yes\",\"x-when\":\"on\"}},"
                + "\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}},"
                + "\"x-numbers\":{\"int\":7,\"big\":123456789012345678901,\"float\":1.5,"
                + "\"hex\":31,\"t\":true}}");
  }

  @Test
  void canonicalJson_infinity_isRefusedNamingLineAndPointer() throws IOException {
    assertThatThrownBy(
            () ->
                canonical(
                    "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths: {}\n"
                        + "x-limit: .inf\n"))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageContaining("openapi.yaml:4:")
        .hasMessageContaining("/x-limit")
        .hasMessageContaining("quote it");
  }
}
