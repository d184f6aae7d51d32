package io.pipelinekit.apispec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.core.Location;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A document read by the safe loader: its file, the raw tree (before any {@code $ref} is resolved),
 * and where each node came from. Rules, merge and diff work on this; nothing public exposes it.
 *
 * @param file the file as given
 * @param root the raw tree, object keys as strings (a YAML {@code 200:} key reads as "200")
 * @param locations JSON pointer → 1-based line and column of the node (of the key, for members)
 * @param sizeBytes the file's size in bytes
 */
public record LoadedDocument(
    Path file, JsonNode root, Map<String, int[]> locations, long sizeBytes) {
  public LoadedDocument {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(root, "root");
    // The safe loader's compact, unmodifiable index is kept as is; any other map is copied.
    locations =
        locations instanceof io.pipelinekit.apispec.internal.load.LocationIndex
            ? locations
            : Map.copyOf(locations);
  }

  /**
   * Where the node at {@code pointer} is; falls back to the nearest ancestor with a known place
   * (then to 1:1), so every finding has a line.
   */
  public Location locate(String pointer) {
    String p = pointer;
    while (true) {
      int[] lc = locations.get(p);
      if (lc != null) {
        return Location.inFile(file, lc[0], lc[1], pointer);
      }
      if (p.isEmpty()) {
        return Location.inFile(file, 1, 1, pointer);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  /** The OpenAPI version string ({@code openapi} or {@code swagger}), or "" when neither. */
  public String specVersion() {
    JsonNode v = root.has("openapi") ? root.get("openapi") : root.get("swagger");
    return v == null ? "" : v.asText();
  }

  /** Escapes one JSON pointer segment ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
  public static String escape(String segment) {
    return JsonPointers.escape(segment);
  }
}
