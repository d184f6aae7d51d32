package io.pipelinekit.apispec;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.internal.CanonicalJson;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.OperationKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * An OpenAPI document read safely and checked by swagger-parser: its file, version, size and the
 * operations it declares. Obtain one from {@link OpenApiLoader#load(Path)}.
 */
public final class OpenApiDocument {
  static final List<String> METHODS = OperationKeys.HTTP_METHODS;

  private final LoadedDocument loaded;
  private final List<String> operations;
  private final List<String> notes;

  OpenApiDocument(LoadedDocument loaded, List<String> notes) {
    this.loaded = Objects.requireNonNull(loaded, "loaded");
    this.notes = List.copyOf(notes);
    List<String> ops = new ArrayList<>();
    JsonNode paths = loaded.root().path("paths");
    for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      for (Iterator<String> m = paths.get(path).fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (METHODS.contains(method)) {
          ops.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
        }
      }
    }
    this.operations = Collections.unmodifiableList(ops);
  }

  /** The file as given. */
  public Path file() {
    return loaded.file();
  }

  /** {@code openapi} or {@code swagger} version string, e.g. {@code 3.0.3} or {@code 2.0}. */
  public String specVersion() {
    return loaded.specVersion();
  }

  /** The file's size in bytes. */
  public long sizeBytes() {
    return loaded.sizeBytes();
  }

  /** Every operation as {@code METHOD /path}, in document order. */
  public List<String> operations() {
    return operations;
  }

  /**
   * Notes about the document that are not errors, e.g. that API Gateway's REST import does not
   * accept OpenAPI 3.1.
   */
  public List<String> notes() {
    return notes;
  }

  /** Whether the document sets this top-level field (e.g. {@code x-amazon-apigateway-policy}). */
  public boolean hasTopLevel(String field) {
    return loaded.root().has(Objects.requireNonNull(field, "field"));
  }

  /**
   * The document as loaded, written as compact JSON: object members in document order, every key
   * and string as the loader read it (a YAML {@code 200:} key is {@code "200"}; {@code on} and
   * {@code yes} are strings, as YAML 1.2 reads them), numbers as loaded. Publishing sends this, so
   * API Gateway receives what was checked rather than its own reading of the YAML.
   *
   * @throws ApiSpecException naming file, line and pointer when the document holds a number JSON
   *     cannot express ({@code .inf}, {@code .nan})
   */
  public String canonicalJson() {
    return CanonicalJson.write(loaded);
  }

  LoadedDocument loaded() {
    return loaded;
  }

  @Override
  public String toString() {
    return "OpenApiDocument{" + file() + ", " + specVersion() + ", " + operations.size() + " ops}";
  }
}
