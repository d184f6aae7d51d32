package io.pipelinekit.apispec.internal.rules;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.util.Optional;

/** Which OpenAPI versions are accepted, and what API Gateway makes of them. */
public final class VersionCheck {
  static final String NOTE_31 =
      "OpenAPI 3.1 is accepted here, but API Gateway's REST import supports only OpenAPI 2.0 and"
          + " 3.0: declare 'openapi: 3.0.3' and avoid 3.1-only features (type arrays such as"
          + " [string, 'null'], 'const', 'examples' in schemas, webhooks, pathItems in components)";

  private VersionCheck() {}

  /** Throws unless the document declares OpenAPI 3.0.x, 3.1.x or Swagger 2.0. */
  public static void requireKnown(LoadedDocument doc) {
    String field = doc.root().has("openapi") ? "openapi" : "swagger";
    String version = doc.specVersion();
    boolean ok =
        field.equals("openapi")
            ? version.matches("3\\.[01](\\.\\d+)?(-.*)?")
            : version.equals("2.0");
    if (!ok) {
      throw new ApiSpecException(
          doc.locate("/" + field)
              + ": unsupported "
              + field
              + " version '"
              + version
              + "'; use openapi 3.0.x (or 3.1.x, or swagger \"2.0\" quoted as a string)");
    }
  }

  /** The note for OpenAPI 3.1 documents; empty for others. */
  public static Optional<String> note(LoadedDocument doc) {
    return is31(doc) ? Optional.of(NOTE_31) : Optional.empty();
  }

  static boolean is31(LoadedDocument doc) {
    return doc.root().has("openapi") && doc.specVersion().startsWith("3.1");
  }
}
