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
 * What will be sent to PutRestApi: the document as the shared safe loader ({@link
 * OpenApiLoader#parse}: alias, depth and size limits; {@code $ref}s checked, never fetched) read
 * it, written as canonical JSON ({@link OpenApiDocument#canonicalJson()}) — not the file's bytes,
 * so API Gateway's YAML reading (1.1 vs 1.2: {@code on}, {@code yes}, unquoted {@code 200:} keys)
 * cannot make it deploy something other than what was linted. Also the few facts publishing needs
 * (top-level {@code x-amazon-apigateway-*} extensions, the operations and their integrations).
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

  /** The canonical JSON that is sent, as text. */
  public String json() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static PublishedDocument read(Path file) {
    checkFile(file);
    OpenApiDocument root = parse(file);
    byte[] bytes = root.canonicalJson().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw new ApiSpecException(
          file
              + ": as JSON (what is sent) the document is "
              + bytes.length
              + " bytes, over API Gateway's 6 MB import limit ("
              + MAX_BYTES
              + " bytes); split the API or drop unused components (e.g. examples) before"
              + " publishing");
    }
    return new PublishedDocument(file, bytes, root);
  }

  /**
   * A regular file within API Gateway's import limit, checked on its size before anything reads it
   * (the linter's own limit is larger).
   *
   * @throws ApiSpecException naming the file and what is wrong
   */
  public static void checkFile(Path file) {
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
  }

  /** The shared safe loader: size, depth, alias and string limits; {@code $ref}s checked. */
  private static OpenApiDocument parse(Path file) {
    return OpenApiLoader.parse(file, LoadOptions.builder().maxBytes(MAX_BYTES).build());
  }

  public Path file() {
    return file;
  }

  /** The canonical JSON, UTF-8 (sent as the PutRestApi body). */
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
   * Hex SHA-256 of the canonical JSON sent, followed by each extra part (mode, parameters ...),
   * newline-separated.
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
