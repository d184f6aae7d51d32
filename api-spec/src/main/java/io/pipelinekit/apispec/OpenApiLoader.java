package io.pipelinekit.apispec;

import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import io.pipelinekit.apispec.internal.load.SwaggerValidation;
import io.pipelinekit.apispec.internal.rules.VersionCheck;
import io.pipelinekit.core.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads OpenAPI documents (YAML or JSON; OpenAPI 3.0, 3.1 and Swagger 2.0) safely and validates
 * them. Limits are described on {@link LoadOptions}; {@code $ref}s are checked before anything
 * resolves them and nothing is fetched from the network.
 */
public final class OpenApiLoader {
  private OpenApiLoader() {}

  /** A small YAML document in the shapes OpenAPI documents use (see {@link #prepareYaml}). */
  private static final String YAML_PRACTICE =
      String.join(
          "\n",
          "openapi: 3.0.3",
          "info:",
          "  title: t",
          "  version: '1'",
          "paths:",
          "  /a/{id}:",
          "    get:",
          "      summary: \"s\"",
          "      parameters:",
          "        - name: id",
          "          in: path",
          "          required: true",
          "          schema: {type: string}",
          "      responses:",
          "        '200':",
          "          description: >",
          "            ok",
          "          content:",
          "            application/json:",
          "              schema:",
          "                $ref: '#/components/schemas/S'",
          "components:",
          "  schemas:",
          "    S:",
          "      type: object",
          "      properties:",
          "        a: [1, 2]",
          "");

  /**
   * Reads a small YAML document in memory and drops it, for a caller that does so on another thread
   * before its first real read: on a cold JVM most of reading a small document is the YAML reader's
   * first use (classes initialised, call sites resolved, counters that get its methods compiled),
   * which the real read then finds done.
   */
  public static void prepareYaml() {
    SafeLoader.parseText(
        Path.of("practice.yaml"), YAML_PRACTICE, YAML_PRACTICE.length(), LoadOptions.defaults());
  }

  /** {@link #load(Path, LoadOptions)} with the default limits. */
  public static OpenApiDocument load(Path file) {
    return load(file, LoadOptions.defaults());
  }

  /**
   * Reads and validates {@code file}.
   *
   * @throws ApiSpecException when the file cannot be read, breaks a limit, has an unsafe {@code
   *     $ref}, is not an OpenAPI document, or swagger-parser reports a problem of severity error
   *     (all of them, each with its line); warnings (an undeclared {@code {proxy+}}, empty
   *     responses...) are not fatal, as they are not to API Gateway
   */
  public static OpenApiDocument load(Path file, LoadOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    LoadedDocument loaded = loadRaw(file, options);
    List<Finding> problems =
        SwaggerValidation.validate(loaded).stream()
            .filter(f -> f.severity() == io.pipelinekit.core.Severity.ERROR)
            .toList();
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder();
      for (Finding f : problems) {
        if (message.length() > 0) {
          message.append('\n');
        }
        message.append(f.location()).append(": ").append(f.message());
      }
      throw new ApiSpecException(message.toString());
    }
    List<String> notes = new ArrayList<>();
    VersionCheck.note(loaded).ifPresent(notes::add);
    return new OpenApiDocument(loaded, notes);
  }

  /**
   * Reads {@code file} with the same limits and {@code $ref} checks as {@link #load(Path,
   * LoadOptions)} and insists on an OpenAPI or Swagger root, without validating it against the
   * OpenAPI schema (what publishing needs: API Gateway validates on import).
   *
   * @throws ApiSpecException when the file cannot be read, breaks a limit, has an unsafe {@code
   *     $ref}, or is not an OpenAPI document
   */
  public static OpenApiDocument parse(Path file, LoadOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    LoadedDocument loaded = loadRaw(file, options);
    List<String> notes = new ArrayList<>();
    VersionCheck.note(loaded).ifPresent(notes::add);
    return new OpenApiDocument(loaded, notes);
  }

  /** Reads, checks limits and references, and insists on an OpenAPI or Swagger root. */
  static LoadedDocument loadRaw(Path file, LoadOptions options) {
    return loadRaw(file, options, parsed -> {});
  }

  /**
   * {@link #loadRaw(Path, LoadOptions)}, handing the tree to {@code parsed} as soon as it is read
   * (before the {@code $ref} and root checks; see {@link SafeLoader#load(Path, LoadOptions,
   * java.util.function.Consumer)}).
   */
  static LoadedDocument loadRaw(
      Path file, LoadOptions options, java.util.function.Consumer<LoadedDocument> parsed) {
    return requireOpenApi(file, SafeLoader.load(file, options, parsed));
  }

  /**
   * {@link #loadRaw(Path, LoadOptions)} of {@code text}, standing for the content of {@code file}.
   */
  static LoadedDocument loadRaw(Path file, String text, LoadOptions options) {
    return loadRaw(file, text, options, parsed -> {});
  }

  /** {@link #loadRaw(Path, String, LoadOptions)}, handing the tree to {@code parsed} as read. */
  static LoadedDocument loadRaw(
      Path file,
      String text,
      LoadOptions options,
      java.util.function.Consumer<LoadedDocument> parsed) {
    return requireOpenApi(file, SafeLoader.load(file, text, options, parsed));
  }

  private static LoadedDocument requireOpenApi(Path file, LoadedDocument loaded) {
    if (!loaded.root().isObject()
        || !(loaded.root().has("openapi") || loaded.root().has("swagger"))) {
      throw new ApiSpecException(
          file
              + ":1:1: not an OpenAPI document: the top level needs an 'openapi: 3.0.x' (or"
              + " 'swagger: \"2.0\"') field");
    }
    VersionCheck.requireKnown(loaded);
    return loaded;
  }
}
