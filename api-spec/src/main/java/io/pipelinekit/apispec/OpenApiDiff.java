package io.pipelinekit.apispec;

import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.diff.Differ;
import io.pipelinekit.apispec.internal.load.SafeLoader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Compares two versions of an OpenAPI document (3.x or Swagger 2.0) and classifies each change as
 * breaking or not.
 *
 * <p>Breaking: a removed path, operation, success response or media type; a parameter added as
 * required or made required; a request body added as required or made required; a property made
 * required in a request; a property removed from a response; a changed type; a removed enum value;
 * security added to an operation. Non-breaking: additions of paths, operations, optional
 * parameters, responses and enum values; relaxed requirements; removed security; deprecations.
 *
 * <p>Policy (docs/commands.md#diff): removing an operation the old document marks {@code
 * deprecated: true} (or a path whose operations all are), and removing a response that is not a
 * success ({@code 2xx}) or {@code default} response, are reported but not breaking — as oasdiff
 * rates them. A path without operations is not compared.
 *
 * <p>Local {@code $ref}s ({@code #/components/…}, {@code #/definitions/…}) are followed, with
 * protection against cycles; a change inside a shared schema is reported once, at the schema, with
 * every operation that uses it ({@link ApiChange#operations()}). Paths match by shape: {@code
 * /pets/{id}} and {@code /pets/{petId}} are the same path.
 */
public final class OpenApiDiff {
  private OpenApiDiff() {}

  /** {@link #compare(Path, Path, LoadOptions)} with the default limits. */
  public static DiffResult compare(Path oldFile, Path newFile) {
    return compare(oldFile, newFile, LoadOptions.defaults());
  }

  /**
   * Reads both documents safely (the limits and {@code $ref} rules of {@link LoadOptions}) and
   * compares them.
   *
   * @throws ApiSpecException when either document cannot be read, breaks a limit or has an unsafe
   *     {@code $ref}
   */
  public static DiffResult compare(Path oldFile, Path newFile, LoadOptions options) {
    Objects.requireNonNull(options, "options");
    LoadedDocument before = SafeLoader.load(Objects.requireNonNull(oldFile, "oldFile"), options);
    LoadedDocument after = SafeLoader.load(Objects.requireNonNull(newFile, "newFile"), options);
    return new DiffResult(oldFile, newFile, Differ.compare(before, after));
  }
}
