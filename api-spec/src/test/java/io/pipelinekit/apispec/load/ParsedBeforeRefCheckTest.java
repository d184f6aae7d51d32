package io.pipelinekit.apispec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tree is handed on as soon as it is read, before its {@code $ref}s are checked, so that lint's
 * swagger-parser validation starts on it while the checks run (issue 15: ~0.08 s of a 4 MB
 * document's lint); a failing check still fails the load, with its own message.
 */
class ParsedBeforeRefCheckTest {
  @TempDir Path dir;

  private Path spec(String ref) throws IOException {
    Path file = dir.resolve("api/openapi.yaml");
    Files.createDirectories(file.getParent());
    return Files.writeString(
        file, "openapi: 3.0.3\ncomponents:\n  schemas:\n    A:\n      $ref: '" + ref + "'\n");
  }

  @Test
  void theTreeIsHandedOnBeforeAnUnsafeRefFailsTheLoad() throws IOException {
    Path file = spec("../../etc/passwd");
    List<LoadedDocument> handed = new ArrayList<>();
    assertThatThrownBy(() -> SafeLoader.load(file, LoadOptions.defaults(), handed::add))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageStartingWith(file + ":5:7: $ref '../../etc/passwd' points outside");
    assertThat(handed).singleElement().satisfies(d -> assertThat(d.root().has("openapi")).isTrue());
  }

  @Test
  void theTreeHandedOnIsTheOneReturned() throws IOException {
    Path file = spec("#/components/schemas/A");
    List<LoadedDocument> handed = new ArrayList<>();
    LoadedDocument loaded = SafeLoader.load(file, LoadOptions.defaults(), handed::add);
    assertThat(handed).singleElement().isSameAs(loaded);
    String text = Files.readString(file);
    List<LoadedDocument> fromText = new ArrayList<>();
    LoadedDocument inMemory = SafeLoader.load(file, text, LoadOptions.defaults(), fromText::add);
    assertThat(fromText).singleElement().isSameAs(inMemory);
  }

  @Test
  void lint_ofAnUnsafeRef_stillFailsWithTheRefsMessage() throws IOException {
    Path file = spec("../../etc/passwd");
    assertThatThrownBy(() -> OpenApiLinter.lint(file))
        .isInstanceOf(ApiSpecException.class)
        .hasMessageStartingWith(file + ":5:7: $ref '../../etc/passwd' points outside");
  }
}
