package io.pipelinekit.apispec;

import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The outcome of {@link OpenApiMerger#merge}: the findings (conflicts are errors; warnings do not
 * stop the merge) and, when nothing conflicts, the merged document as deterministic YAML or JSON.
 */
public final class MergeResult {
  private final List<Path> sources;
  private final List<Finding> findings;
  private final int pathCount;
  private final int operationCount;
  private final Supplier<String> yaml;
  private final Supplier<String> json;
  private String yamlText;
  private String jsonText;

  MergeResult(
      List<Path> sources,
      List<Finding> findings,
      int pathCount,
      int operationCount,
      Supplier<String> yaml,
      Supplier<String> json) {
    this.sources = List.copyOf(sources);
    this.findings = List.copyOf(findings);
    this.pathCount = pathCount;
    this.operationCount = operationCount;
    this.yaml = Objects.requireNonNull(yaml, "yaml");
    this.json = Objects.requireNonNull(json, "json");
  }

  /** The fragments, in the order they were merged. */
  public List<Path> sources() {
    return sources;
  }

  /** Every finding: conflicts (errors) first in the order found, then warnings. */
  public List<Finding> findings() {
    return findings;
  }

  /** The findings that stop the merge (severity error). */
  public List<Finding> conflicts() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).toList();
  }

  public boolean hasConflicts() {
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
  }

  /** This result, or a {@link MergeConflictException} listing the conflicts. */
  public MergeResult orThrow() {
    if (hasConflicts()) {
      throw new MergeConflictException(conflicts());
    }
    return this;
  }

  /** Paths in the merged document. */
  public int pathCount() {
    return pathCount;
  }

  /** Operations in the merged document. */
  public int operationCount() {
    return operationCount;
  }

  /**
   * The merged document as YAML: same fragments, same bytes. Top-level keys in OpenAPI's
   * conventional order, everything else in input order.
   *
   * @throws MergeConflictException when the fragments conflict
   */
  public synchronized String yaml() {
    orThrow();
    if (yamlText == null) {
      yamlText = yaml.get();
    }
    return yamlText;
  }

  /**
   * The merged document as JSON (two-space indent, final newline), in the same order as {@link
   * #yaml()}.
   *
   * @throws MergeConflictException when the fragments conflict
   */
  public synchronized String json() {
    orThrow();
    if (jsonText == null) {
      jsonText = json.get();
    }
    return jsonText;
  }
}
