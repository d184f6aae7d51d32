package io.pipelinekit.aws.internal;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiDocument;
import io.pipelinekit.apispec.OpenApiLoader;
import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The bytes that will be sent to PutRestApi, with the few top-level facts publishing needs (which
 * {@code x-amazon-apigateway-*} extensions it sets). Parsed by the shared safe loader ({@link
 * OpenApiLoader#parse}) (alias, depth and size limits; {@code $ref}s checked, never fetched).
 */
public final class PublishedDocument {
  /** API Gateway's import limit (6 MB), in bytes. */
  public static final long MAX_BYTES = 6L * 1024 * 1024;

  private final Path file;
  private final byte[] bytes;
  private final OpenApiDocument root;

  private PublishedDocument(Path file, byte[] bytes, OpenApiDocument root) {
    this.file = file;
    this.bytes = bytes;
    this.root = root;
  }

  public static PublishedDocument read(Path file) {
    Optional<String> notAFile = FileProblems.notARegularFile(file);
    if (notAFile.isPresent()) {
      throw new ApiSpecException(file + ": " + notAFile.get() + "; check --spec");
    }
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new ApiSpecException(file + ": no such file; check --spec");
    } catch (IOException e) {
      throw new ApiSpecException(file + ": cannot read: " + FileProblems.describe(e), e);
    }
    if (size > MAX_BYTES) {
      throw new ApiSpecException(
          file
              + ": "
              + size
              + " bytes is over API Gateway's 6 MB import limit ("
              + MAX_BYTES
              + " bytes); split the API or drop unused components (e.g. examples) before"
              + " publishing");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ApiSpecException(file + ": cannot read: " + FileProblems.describe(e), e);
    }
    OpenApiDocument root = parse(file);
    return new PublishedDocument(file, bytes, root);
  }

  /** The shared safe loader: size, depth, alias and string limits; {@code $ref}s checked. */
  private static OpenApiDocument parse(Path file) {
    return OpenApiLoader.parse(file, LoadOptions.builder().maxBytes(MAX_BYTES).build());
  }

  public Path file() {
    return file;
  }

  /** The bytes exactly as read (sent as the PutRestApi body). */
  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  /** Whether the document sets this top-level field (e.g. {@code x-amazon-apigateway-policy}). */
  public boolean hasTopLevel(String field) {
    return root.hasTopLevel(field);
  }

  /** The OpenAPI version string, or "" when absent. */
  public String version() {
    return root.specVersion();
  }

  /**
   * Hex SHA-256 of the bytes followed by each extra part (mode, parameters ...), newline-separated.
   */
  public String sha256(String... extra) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(bytes);
      for (String part : extra) {
        md.update((byte) '\n');
        md.update(part.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
