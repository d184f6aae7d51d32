package io.pipelinekit.pipeline;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.RuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kinds of file {@code pipeline lint} and the Maven plugin's {@code pipeline:lint} read, told
 * apart by content, so that both decide the same way. Linting an OpenAPI document needs api-spec's
 * schema validation (swagger-parser) on the classpath, which a definition project leaves out: the
 * command line and the Maven plugin have it.
 */
public enum DocumentKind {
  /** An OpenAPI (or Swagger) document, linted for API Gateway's REST import. */
  OPENAPI("openapi"),
  /** A CodeBuild buildspec. */
  BUILDSPEC("buildspec");

  private static final int HEAD_BYTES = 256 * 1024;

  private final String label;

  DocumentKind(String label) {
    this.label = label;
  }

  /** {@code openapi} or {@code buildspec}, as reports name the kind. */
  public String label() {
    return label;
  }

  /** The rules a file of this kind is linted with. */
  public RuleSet ruleSet() {
    return this == OPENAPI ? OpenApiLinter.ruleSet() : BuildSpecLinter.ruleSet();
  }

  /** The rule sets lint applies: OpenAPI's, then the buildspec's. */
  public static List<RuleSet> lintRuleSets() {
    return List.of(OPENAPI.ruleSet(), BUILDSPEC.ruleSet());
  }

  /**
   * The kind of {@code file}, from its first 256 KiB. A FIFO or device is never opened: it would
   * block, or never end.
   *
   * @throws ApiSpecException when the file is not a regular file or cannot be read; the message
   *     starts with the file
   */
  public static DocumentKind of(Path file) {
    Objects.requireNonNull(file, "file");
    Optional<String> notAFile = FileProblems.notARegularFile(file);
    if (notAFile.isPresent()) {
      throw new ApiSpecException(file + ": " + notAFile.get());
    }
    String head;
    try (InputStream in = Files.newInputStream(file)) {
      head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ApiSpecException(file + ": cannot read the file: " + FileProblems.describe(e), e);
    }
    return ofText(head);
  }

  /**
   * The kind of a document from its start. An {@code openapi}/{@code swagger} key near the start
   * means OpenAPI; else a top-level {@code version} plus {@code phases}, {@code artifacts} or
   * {@code env} means a buildspec. Anything else is OpenAPI: the {@code openapi} key may come late
   * (Stripe's sorted keys put it after 4 MB of components), and the OpenAPI loader says "not an
   * OpenAPI document" when the top level has neither {@code openapi} nor {@code swagger}.
   */
  public static DocumentKind ofText(String head) {
    Objects.requireNonNull(head, "head");
    String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
    return !OpenApiLinter.looksLikeOpenApi(text) && BuildSpecLinter.looksLikeBuildSpec(text)
        ? BUILDSPEC
        : OPENAPI;
  }
}
