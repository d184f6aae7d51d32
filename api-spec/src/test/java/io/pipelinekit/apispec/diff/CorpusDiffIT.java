package io.pipelinekit.apispec.diff;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.OpenApiDiff;
import io.pipelinekit.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diffs of the large GitHub description (565 paths, many shared and recursive schemas). */
class CorpusDiffIT {
  @Test
  void compare_githubWithItself_hasNoChanges() {
    Path github = Corpus.file("github-api.github.com.json");

    assertThat(OpenApiDiff.compare(github, github).changes()).isEmpty();
  }

  @Test
  void compare_githubWithAPathRemovedAndASharedTypeChanged_findsBoth(@TempDir Path dir)
      throws Exception {
    Path github = Corpus.file("github-api.github.com.json");
    String text = Files.readString(github);
    String changed =
        text.replaceFirst("\"/zen\": \\{", "\"/zen-removed\": {")
            .replaceFirst(
                "(\"simple-user\": \\{\\s*\"title\": \"Simple User\",[\\s\\S]*?\"login\": \\{\\s*\"type\": )\"string\"",
                "$1\"integer\"");
    assertThat(changed).isNotEqualTo(text);
    Path modified = Files.writeString(dir.resolve("github-modified.json"), changed);

    DiffResult result = OpenApiDiff.compare(github, modified);

    assertThat(result.changes())
        .extracting(c -> c.kind().id() + " " + c.pointer())
        .contains(
            "path-removed /paths/~1zen",
            "path-added /paths/~1zen-removed",
            "type-changed /components/schemas/simple-user/properties/login/type");
    assertThat(result.changes())
        .filteredOn(c -> c.kind() == ApiChange.Kind.TYPE_CHANGED)
        .hasSize(1);
  }
}
