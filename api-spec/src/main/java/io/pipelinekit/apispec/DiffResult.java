package io.pipelinekit.apispec;

import io.pipelinekit.core.internal.JsonText;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The changes from one version of an API to the next, in document order. */
public final class DiffResult {
  private final Path oldFile;
  private final Path newFile;
  private final List<ApiChange> changes;

  DiffResult(Path oldFile, Path newFile, List<ApiChange> changes) {
    this.oldFile = Objects.requireNonNull(oldFile, "oldFile");
    this.newFile = Objects.requireNonNull(newFile, "newFile");
    this.changes = List.copyOf(changes);
  }

  public Path oldFile() {
    return oldFile;
  }

  public Path newFile() {
    return newFile;
  }

  /** Every change: paths in the old document's order, then what the new one adds. */
  public List<ApiChange> changes() {
    return changes;
  }

  public List<ApiChange> breakingChanges() {
    return changes.stream().filter(ApiChange::breaking).toList();
  }

  public boolean hasBreakingChanges() {
    return changes.stream().anyMatch(ApiChange::breaking);
  }

  /** {@code N changes: B breaking, M non-breaking}, or {@code No changes.} */
  public String summary() {
    if (changes.isEmpty()) {
      return "No API changes.";
    }
    long breaking = changes.stream().filter(ApiChange::breaking).count();
    return changes.size()
        + (changes.size() == 1 ? " change: " : " changes: ")
        + breaking
        + " breaking, "
        + (changes.size() - breaking)
        + " non-breaking.";
  }

  /**
   * The result as JSON: {@code {"old": …, "new": …, "changes": [{"kind", "breaking", "message",
   * "location": {"file", "line", "column", "pointer"}, "operations": ["GET /pets", …]}], "summary":
   * {"breaking": n, "nonBreaking": n}}}, two-space indented, starting with <code>{\n</code> (the
   * location shape and names of every JSON the command line prints, docs/commands.md).
   */
  public String toJson() {
    long breaking = changes.stream().filter(ApiChange::breaking).count();
    StringBuilder json = new StringBuilder();
    json.append("{\n");
    json.append("  \"old\": ").append(JsonText.string(oldFile.toString())).append(",\n");
    json.append("  \"new\": ").append(JsonText.string(newFile.toString())).append(",\n");
    json.append("  \"changes\": [");
    for (int i = 0; i < changes.size(); i++) {
      ApiChange c = changes.get(i);
      json.append(i == 0 ? "\n" : ",\n");
      json.append("    {\"kind\": ").append(JsonText.string(c.kind().id()));
      json.append(", \"breaking\": ").append(c.breaking());
      json.append(", \"message\": ").append(JsonText.string(c.message()));
      json.append(", \"location\": {\"file\": ")
          .append(JsonText.string(c.location().file().toString()));
      json.append(", \"line\": ").append(c.location().line());
      json.append(", \"column\": ").append(c.location().column());
      json.append(", \"pointer\": ").append(JsonText.string(c.pointer())).append("}");
      json.append(", \"operations\": [");
      for (int j = 0; j < c.operations().size(); j++) {
        json.append(j == 0 ? "" : ", ").append(JsonText.string(c.operations().get(j)));
      }
      json.append("]}");
    }
    json.append(changes.isEmpty() ? "],\n" : "\n  ],\n");
    json.append("  \"summary\": {\"breaking\": ")
        .append(breaking)
        .append(", \"nonBreaking\": ")
        .append(changes.size() - breaking)
        .append("}\n");
    json.append("}\n");
    return json.toString();
  }
}
