package io.pipelinekit.apispec;

import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.apispec.internal.merge.Merger;
import io.pipelinekit.apispec.internal.yaml.OpenApiWriter;
import io.pipelinekit.core.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Merges OpenAPI fragments into one document.
 *
 * <ul>
 *   <li>Paths and operations, components per type, tags (by name), security schemes and top-level
 *       {@code x-amazon-apigateway-*} fields are combined; identical duplicates collapse.
 *   <li>A duplicate that differs is a conflict naming both files, lines and JSON pointers — never a
 *       silent overwrite. So is an operationId used by two operations, and a major version
 *       mismatch.
 *   <li>An operation's gateway fields ({@code x-…} and {@code security}, such as {@code
 *       x-amazon-apigateway-integration}) may come from any fragment; its contract (every other
 *       field) must be identical wherever it appears. So an <em>overlay</em> operation — one with
 *       only gateway fields — adds them to the operation another fragment defines at the same path
 *       and method, and merging the merged document with its fragments again changes nothing. A
 *       security scheme's {@code x-amazon-apigateway-*} fields combine the same way.
 *   <li>{@code openapi} and {@code info} come from the first fragment that has them; {@code
 *       servers} too (a differing list is a warning).
 * </ul>
 *
 * <p>The output is deterministic: the same fragments in the same order give the same bytes.
 */
public final class OpenApiMerger {
  private OpenApiMerger() {}

  /** {@link #merge(List, LoadOptions)} with the default limits. */
  public static MergeResult merge(List<Path> fragments) {
    return merge(fragments, LoadOptions.defaults());
  }

  /**
   * Reads the fragments safely (the limits and {@code $ref} rules of {@link LoadOptions}) and
   * merges them, in the order given. Fragments are not validated one by one: an overlay is not a
   * complete document.
   *
   * @throws ApiSpecException when a fragment cannot be read, breaks a limit, has an unsafe {@code
   *     $ref}, or is not an OpenAPI mapping
   */
  public static MergeResult merge(List<Path> fragments, LoadOptions options) {
    Objects.requireNonNull(fragments, "fragments");
    Objects.requireNonNull(options, "options");
    List<LoadedDocument> documents = new ArrayList<>(fragments.size());
    for (Path fragment : fragments) {
      documents.add(SafeLoader.load(Objects.requireNonNull(fragment, "fragment"), options));
    }
    Merger.Merged merged = Merger.merge(documents);
    List<Finding> findings = new ArrayList<>(merged.findings());
    // most serious first; not Comparator.comparing(...).reversed(), a serializable lambda that the
    // start-up archive does not hold (its class was generated on every run)
    findings.sort((a, b) -> b.severity().compareTo(a.severity()));
    return new MergeResult(
        fragments,
        findings,
        merged.pathCount(),
        merged.operationCount(),
        () -> OpenApiWriter.yaml(merged.tree()),
        () -> OpenApiWriter.json(merged.tree()));
  }

  /** Reads and merges the fragments, in the order given. */
  public static MergeResult merge(Path first, Path... more) {
    List<Path> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(more));
    return merge(all);
  }
}
