package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How lint (the command line's and the Maven plugin's) tells a buildspec from OpenAPI. */
class DocumentKindTest {
  @TempDir Path dir;

  @Test
  void of_buildSpecByItsVersionAndPhases() throws Exception {
    Path file = write("buildspec.yml", "version: 0.2\nphases:\n  build:\n    commands: [make]\n");
    assertThat(DocumentKind.of(file)).isEqualTo(DocumentKind.BUILDSPEC);
    assertThat(DocumentKind.BUILDSPEC.ruleSet().rules()).isNotEmpty();
  }

  @Test
  void of_openApiByItsKey_evenWithABuildSpecShape() throws Exception {
    Path file = write("api.yaml", "openapi: 3.0.3\nversion: 0.2\nphases: {}\n");
    assertThat(DocumentKind.of(file)).isEqualTo(DocumentKind.OPENAPI);
  }

  @Test
  void ofText_aUtf8ByteOrderMarkDoesNotHideABuildSpec() {
    assertThat(DocumentKind.ofText("\uFEFFversion: 0.2\nphases: {}\n"))
        .isEqualTo(DocumentKind.BUILDSPEC);
  }

  @Test
  void ofText_anythingElseIsReadAsOpenApi() {
    assertThat(DocumentKind.ofText("components: {}\n")).isEqualTo(DocumentKind.OPENAPI);
  }

  @Test
  void of_aFolderIsRefusedNamingIt() {
    assertThatThrownBy(() -> DocumentKind.of(dir))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(dir + ": is a folder, not a file");
  }

  @Test
  void of_aMissingFileIsRefusedNamingIt() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> DocumentKind.of(missing))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(missing + ": no such file");
  }

  @Test
  void lintRuleSets_openApiThenBuildSpec() {
    assertThat(DocumentKind.lintRuleSets())
        .containsExactly(DocumentKind.OPENAPI.ruleSet(), DocumentKind.BUILDSPEC.ruleSet());
    assertThat(DocumentKind.OPENAPI.label()).isEqualTo("openapi");
    assertThat(DocumentKind.BUILDSPEC.label()).isEqualTo("buildspec");
  }

  private Path write(String name, String text) throws Exception {
    return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }
}
