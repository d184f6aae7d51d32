package io.pipelinekit.apispec.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LintOptions;
import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.testing.Corpus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link OpenApiLinter#lintText}: a document in memory, linted as the file it stands for, gives
 * what {@link OpenApiLinter#lint(Path)} gives for that file: the same findings at the same
 * locations, and the same errors.
 */
class LintTextTest {
  @TempDir Path dir;

  static Stream<Path> ruleFixtures() throws IOException, URISyntaxException {
    Path rules = Path.of(LintTextTest.class.getResource("/rules").toURI());
    try (Stream<Path> files = Files.walk(rules)) {
      return files.filter(Files::isRegularFile).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("ruleFixtures")
  void lintText_ofEveryRuleFixture_findsWhatLintOfTheFileFinds(Path fixture) throws IOException {
    LintResult fromFile = OpenApiLinter.lint(fixture);
    LintResult fromText = OpenApiLinter.lintText(fixture, Files.readString(fixture));

    assertThat(fromText.findings()).isEqualTo(fromFile.findings());
    assertThat(fromText.file()).isEqualTo(fixture);
    assertThat(fromText.specVersion()).isEqualTo(fromFile.specVersion());
  }

  @Test
  void lintText_ofTheTwilioCorpus_findsWhatLintOfTheFileFinds() throws IOException {
    Path file = Corpus.file("twilio_verify_v2.yaml");

    List<Finding> fromText = OpenApiLinter.lintText(file, Files.readString(file)).findings();

    assertThat(fromText).hasSizeGreaterThan(50).isEqualTo(OpenApiLinter.lint(file).findings());
  }

  @Test
  void lintText_readsNoFile_locationsNameTheGivenPath() {
    Path name = dir.resolve("never-written").resolve("openapi.yaml");

    LintResult result = OpenApiLinter.lintText(name, DOCUMENT_WITH_FINDINGS);

    assertThat(Files.exists(name)).isFalse();
    assertThat(result.findings()).isNotEmpty();
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.location().file()).isEqualTo(name));
    assertThat(result.findings())
        .anySatisfy(
            f -> {
              assertThat(f.ruleId()).isEqualTo("apigw-integration-missing");
              assertThat(f.location().line()).isEqualTo(7);
            });
  }

  @Test
  void lintText_relativeRef_resolvesInTheFilesFolder_asLintOfTheFile() throws IOException {
    Files.writeString(
        dir.resolve("paths.yaml"),
        "dogs:\n  get:\n    responses:\n      '200':\n        description: ok\n");
    String text = DOCUMENT_WITH_FINDINGS + "  /dogs:\n    $ref: 'paths.yaml#/dogs'\n";
    Path file = dir.resolve("openapi.yaml");
    Files.writeString(file, text);

    List<Finding> fromText = OpenApiLinter.lintText(file, text).findings();

    assertThat(fromText).isEqualTo(OpenApiLinter.lint(file).findings());
    // GET /dogs is only in paths.yaml: the reference was followed.
    assertThat(fromText).anySatisfy(f -> assertThat(f.message()).startsWith("GET /dogs has no"));
  }

  @Test
  void lintText_refToAMissingFile_failsAsLintOfTheFileDoes() throws IOException {
    String text =
        DOCUMENT_WITH_FINDINGS + "components:\n  schemas:\n    A:\n      $ref: 'gone.yaml'\n";
    Path file = dir.resolve("openapi.yaml");
    Files.writeString(file, text);
    String fromFile = messageOf(() -> OpenApiLinter.lint(file));

    assertThatThrownBy(() -> OpenApiLinter.lintText(file, text))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(fromFile)
        .hasMessageContaining("gone.yaml");
  }

  @Test
  void lintText_invalidYaml_failsWithTheFileLineAndColumn_asLintOfTheFile() throws IOException {
    String text = "openapi: 3.0.3\ninfo: {title: t, version: '1'\npaths: {}\n";
    Path file = dir.resolve("broken.yaml");
    Files.writeString(file, text);
    String fromFile = messageOf(() -> OpenApiLinter.lint(file));

    assertThatThrownBy(() -> OpenApiLinter.lintText(file, text))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(fromFile)
        .hasMessageStartingWith(file.toString() + ":");
  }

  @Test
  void lintText_notOpenApi_failsAsLintOfTheFile() throws IOException {
    String text = "version: 0.2\nphases: {}\n";
    Path file = dir.resolve("buildspec.yaml");
    Files.writeString(file, text);
    String fromFile = messageOf(() -> OpenApiLinter.lint(file));

    assertThatThrownBy(() -> OpenApiLinter.lintText(file, text))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(fromFile)
        .hasMessageContaining("not an OpenAPI document");
  }

  @Test
  void lintText_largerThanTheLimit_failsAsLintOfTheFile() throws IOException {
    String text = DOCUMENT_WITH_FINDINGS + "x-note: 'é'\n";
    Path file = dir.resolve("openapi.yaml");
    Files.writeString(file, text);
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    LintOptions options =
        LintOptions.builder()
            .loadOptions(LoadOptions.builder().maxBytes(bytes - 1).build())
            .build();
    String fromFile = messageOf(() -> OpenApiLinter.lint(file, options));

    assertThatThrownBy(() -> OpenApiLinter.lintText(file, text, options))
        .isInstanceOf(ApiSpecException.class)
        .hasMessage(fromFile)
        .hasMessageContaining(bytes + " bytes");
    assertThat(OpenApiLinter.lintText(file, text, withMaxBytes(bytes)).findings())
        .isEqualTo(OpenApiLinter.lint(file, withMaxBytes(bytes)).findings());
  }

  private static LintOptions withMaxBytes(long bytes) {
    return LintOptions.builder().loadOptions(LoadOptions.builder().maxBytes(bytes).build()).build();
  }

  private static String messageOf(Runnable lint) {
    try {
      lint.run();
    } catch (ApiSpecException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected lint to fail");
  }

  /** An operation without an API Gateway integration (line 7), for findings to compare. */
  private static final String DOCUMENT_WITH_FINDINGS =
      "openapi: 3.0.3\n"
          + "info:\n"
          + "  title: t\n"
          + "  version: '1'\n"
          + "paths:\n"
          + "  /pets:\n"
          + "    get:\n"
          + "      responses:\n"
          + "        '200':\n"
          + "          description: ok\n";
}
