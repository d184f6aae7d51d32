package io.pipelinekit.apispec.diff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.OpenApiDiff;
import io.pipelinekit.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
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

  @Test
  void compare_githubSimpleUserIdTypeChanged_listsEveryOperationThatUsesIt(@TempDir Path dir)
      throws Exception {
    Path github = Corpus.file("github-api.github.com.json");
    String text = Files.readString(github);
    String changed =
        text.replaceFirst(
            "(\"simple-user\": \\{\\s*\"title\": \"Simple User\",[\\s\\S]*?\"id\": \\{\\s*\"type\": )\"integer\"",
            "$1\"string\"");
    assertThat(changed).isNotEqualTo(text);
    Path modified = Files.writeString(dir.resolve("github-modified.json"), changed);

    DiffResult result = OpenApiDiff.compare(github, modified);

    assertThat(result.changes()).hasSize(1);
    ApiChange change = result.changes().get(0);
    assertThat(change.pointer()).isEqualTo("/components/schemas/simple-user/properties/id/type");
    Set<String> expected = operationsReaching(github, "#/components/schemas/simple-user");
    assertThat(expected).hasSizeGreaterThan(180); // the issue counted 187 by hand
    assertThat(change.operations()).doesNotHaveDuplicates();
    assertThat(change.operations()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(change.message()).contains(" and " + (expected.size() - 1) + " other operations)");
  }

  /**
   * The operations ({@code GET /path}) from which any chain of {@code $ref}s reaches {@code target}
   * — counted independently of the differ, by following every {@code $ref} in the operation.
   */
  private static Set<String> operationsReaching(Path file, String target) throws Exception {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Set<String> operations = new TreeSet<>();
    root.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        op -> {
                          if (METHODS.contains(op.getKey())
                              && reaches(root, op.getValue(), target, new HashSet<>())) {
                            operations.add(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                          }
                        }));
    return operations;
  }

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static boolean reaches(JsonNode root, JsonNode node, String target, Set<String> seen) {
    JsonNode ref = node.get("$ref");
    if (ref != null && ref.isTextual()) {
      String r = ref.textValue();
      return r.equals(target)
          || seen.add(r) && reaches(root, root.at(r.substring(1)), target, seen);
    }
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (reaches(root, item, target, seen)) {
          return true;
        }
      }
    } else if (node.isObject()) {
      var fields = node.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        if (!field.getKey().equals("examples")
            && !field.getKey().equals("example")
            && reaches(root, field.getValue(), target, seen)) {
          return true;
        }
      }
    }
    return false;
  }
}
