package io.pipelinekit.apispec;

import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.load.SwaggerValidation;
import io.pipelinekit.apispec.internal.rules.ApiGatewayRules;
import io.pipelinekit.apispec.internal.rules.RuleCatalog;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.core.internal.LineStartKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Lints OpenAPI documents for API Gateway REST import: swagger-parser's validation (rules {@code
 * oas-*}, one per kind of violation) plus the {@code apigw-*} rules listed by {@link #ruleSet()},
 * each documented under {@code docs/rules/}.
 */
public final class OpenApiLinter {

  /** Whether swagger-parser's preparation has been started in this JVM. */
  private static final AtomicBoolean PREPARING = new AtomicBoolean();

  private OpenApiLinter() {}

  /** Every rule this linter applies (id, severity, summary, page), in a stable order. */
  public static RuleSet ruleSet() {
    return RuleCatalog.ruleSet();
  }

  /**
   * Whether {@code text} looks like an OpenAPI or Swagger document (a top-level {@code openapi} or
   * {@code swagger} key near the start), without parsing it.
   */
  public static boolean looksLikeOpenApi(String text) {
    // (?m)^(\s*\{\s*)?["']?(openapi|swagger)["']?\s*: in the first 64 KiB, without the regex
    int limit = Math.min(text.length(), 65_536);
    return LineStartKey.find(text, 0, limit, "openapi", true)
        || LineStartKey.find(text, 0, limit, "swagger", true)
        || within(text, "\"openapi\"", limit)
        || within(text, "\"swagger\"", limit);
  }

  /** Whether {@code word} occurs in {@code text}'s first {@code limit} chars. */
  private static boolean within(String text, String word, int limit) {
    int at = text.indexOf(word);
    return at >= 0 && at + word.length() <= limit;
  }

  /**
   * Starts getting swagger-parser's validator ready on another thread, for a caller that is about
   * to lint and has a little to do first (the command line reads its arguments): what the
   * validation of any document needs first (about half of a small lint's validation on a cold JVM).
   * A lint that follows uses it rather than doing it again; without one it is wasted.
   */
  public static void prepareInBackground() {
    if (PREPARING.compareAndSet(false, true)) {
      SwaggerValidation.prepareInBackground();
    }
  }

  /** {@link #lint(Path, LintOptions)} with default options. */
  public static LintResult lint(Path file) {
    return lint(file, LintOptions.defaults());
  }

  /**
   * Reads {@code file} safely and runs every rule.
   *
   * @throws ApiSpecException when the file cannot be read at all: unreadable, a limit exceeded,
   *     invalid YAML/JSON, an unsafe {@code $ref}, or not an OpenAPI document (exit 2 on the
   *     command line). Problems inside a readable document are findings.
   */
  public static LintResult lint(Path file, LintOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    return lint(
        file, options, parsed -> OpenApiLoader.loadRaw(file, options.loadOptions(), parsed));
  }

  /** {@link #lintText(Path, String, LintOptions)} with default options. */
  public static LintResult lintText(Path file, String text) {
    return lintText(file, text, LintOptions.defaults());
  }

  /**
   * Lints a document already in memory: {@code text} stands for the content of {@code file} (say, a
   * file just written from it, or about to be), which is not read. The findings, their locations
   * and any error are those {@link #lint(Path, LintOptions)} gives for a file named {@code file}
   * holding {@code text} (as UTF-8); its relative {@code $ref}s resolve in {@code file}'s folder.
   *
   * @throws ApiSpecException as {@link #lint(Path, LintOptions)} does: a limit exceeded, invalid
   *     YAML/JSON, an unsafe {@code $ref}, or not an OpenAPI document
   */
  public static LintResult lintText(Path file, String text, LintOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(options, "options");
    return lint(
        file, options, parsed -> OpenApiLoader.loadRaw(file, text, options.loadOptions(), parsed));
  }

  private static LintResult lint(
      Path file, LintOptions options, Function<Consumer<LoadedDocument>, LoadedDocument> load) {
    boolean validate = !options.disabledRules().containsAll(SwaggerValidation.RULES);
    // swagger-parser's validation gets ready on its own thread while this one reads the document,
    // then validates it beside the $ref checks and the API Gateway rules (all read the same
    // immutable-by-convention tree; when a check fails, its findings are dropped with the tree).
    CompletableFuture<LoadedDocument> loaded = new CompletableFuture<>();
    CompletableFuture<List<Finding>> validation =
        validate
            ? SwaggerValidation.validateInBackground(loaded)
            : CompletableFuture.completedFuture(List.of());
    LoadedDocument doc;
    try {
      doc = load.apply(loaded::complete);
    } catch (RuntimeException | Error e) {
      loaded.completeExceptionally(e);
      throw e;
    }
    List<Finding> findings =
        new ArrayList<>(ApiGatewayRules.check(doc, options.disabledRules(), options.loadOptions()));
    try {
      for (Finding f : validation.join()) {
        if (!options.disabledRules().contains(f.ruleId())) {
          findings.add(f);
        }
      }
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
    return new LintResult(file, doc.specVersion(), findings);
  }
}
