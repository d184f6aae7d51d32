package io.pipelinekit.cli;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LintOptions;
import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import io.pipelinekit.pipeline.DocumentKind;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline lint FILE…}: lints OpenAPI documents for API Gateway (and buildspec files),
 * detected by content. Exit 0 clean, 1 findings at or above {@code --fail-on}, 2 a file could not
 * be read or is not a document this command knows.
 */
public final class LintCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    text,
    json,
    sarif
  }

  /** The lowest severity that makes the command fail. */
  public enum FailOn {
    error(Severity.ERROR),
    warning(Severity.WARNING),
    info(Severity.INFO);

    final Severity severity;

    FailOn(Severity severity) {
      this.severity = severity;
    }
  }

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  List<Path> files;

  Format format = Format.text;

  FailOn failOn = FailOn.error;

  CommandSupport.RemoteRefs remoteRefs = new CommandSupport.RemoteRefs();

  List<String> disabled = new ArrayList<>();

  Long maxBytes;

  int maxDepth = LoadOptions.DEFAULT_MAX_DEPTH;

  int maxStringLength = LoadOptions.DEFAULT_MAX_STRING_LENGTH;

  int maxNumberLength = LoadOptions.DEFAULT_MAX_NUMBER_LENGTH;

  int maxNodes = LoadOptions.DEFAULT_MAX_NODES;

  int maxAliases = LoadOptions.DEFAULT_MAX_ALIASES;

  int maxAliasNodes = LoadOptions.DEFAULT_MAX_ALIAS_NODES;

  String rulesBaseUrl;

  /**
   * The options of this command that take a value, and those that do not (but help and version), as
   * {@link #commandSpec} declares them (LintPreparationTest holds the two to it), for {@link
   * #looksLikeALint}: that look comes before picocli builds the model (about 50 ms on a cold JVM).
   */
  static final Set<String> OPTIONS_WITH_A_VALUE =
      Set.of(
          "--format",
          "--fail-on",
          "--allow-remote-refs",
          "--max-ref-files",
          "--disable",
          "--max-bytes",
          "--max-depth",
          "--max-string-length",
          "--max-number-length",
          "--max-nodes",
          "--max-aliases",
          "--max-alias-nodes",
          "--rules-base-url");

  static final Set<String> OPTIONS_WITHOUT_A_VALUE = Set.of("--verbose");

  /**
   * Whether picocli will run this command on {@code args} (the whole command line, {@code lint}
   * first), as far as a look at them tells before parsing: at least one file, no help or version
   * option, no option the command does not have. What only parsing finds (an option value picocli
   * refuses, say) starts swagger-parser's preparation for nothing; what this look does not know
   * (clustered short options) starts it once parsed ({@code PipelineCli}'s execution strategy).
   */
  static boolean looksLikeALint(String[] args) {
    boolean files = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        return files || i + 1 < args.length;
      }
      if (arg.length() > 1 && arg.startsWith("-")) {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        if (OPTIONS_WITH_A_VALUE.contains(name)) {
          i += equals < 0 ? 1 : 0; // its value
        } else if (!OPTIONS_WITHOUT_A_VALUE.contains(name) || equals >= 0) {
          return false; // help, version, or not an option of lint: picocli will say so
        }
      } else {
        files = true;
      }
    }
    return files;
  }

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "lint");
    s.description(
        "Lints OpenAPI documents for API Gateway REST import, and CodeBuild buildspec files;"
            + " the kind is detected by content.",
        "Prints file:line:col severity rule-id message; rules are explained in docs/rules/.",
        "Exit codes: 0 no findings at or above --fail-on; 1 there are; 2 a file is unreadable or"
            + " invalid.");
    spec = s.spec();
    s.mixin(global.specs());
    s.parameter("files")
        .arity("1..*")
        .paramLabel("FILE")
        .description(
            "Files to lint; - for standard input, and pipes such as <(git show main:FILE) are read"
                + " too.");
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .description(
            "Output format: text, json or sarif (SARIF 2.1.0). Default: ${DEFAULT-VALUE}.");
    s.option("failOn", "--fail-on")
        .paramLabel("SEVERITY")
        .description(
            "Exit 1 when a finding is at least this serious: error, warning or info. Default:"
                + " ${DEFAULT-VALUE}.");
    s.mixin(remoteRefs.specs());
    s.option("disabled", "--disable")
        .paramLabel("RULE")
        .splitRegex(",")
        .description(
            "Do not report this rule (repeatable, or comma-separated); 'pipeline rules' lists the"
                + " ids.");
    s.option("maxBytes", "--max-bytes")
        .paramLabel("N")
        .description(
            "Largest file accepted, in bytes. Default: 16 MiB for OpenAPI, 1 MiB for buildspecs.");
    s.option("maxDepth", "--max-depth")
        .paramLabel("N")
        .description("Deepest nesting accepted. Default: ${DEFAULT-VALUE}.");
    s.option("maxStringLength", "--max-string-length")
        .paramLabel("N")
        .description("Longest string accepted, in characters. Default: ${DEFAULT-VALUE}.");
    s.option("maxNumberLength", "--max-number-length")
        .paramLabel("N")
        .description("Most digits accepted in one number. Default: ${DEFAULT-VALUE}.");
    s.option("maxNodes", "--max-nodes")
        .paramLabel("N")
        .description(
            "Most values (mappings, lists and scalars) accepted in a file. Default: ${DEFAULT-VALUE}.");
    s.option("maxAliases", "--max-aliases")
        .paramLabel("N")
        .description("Most YAML aliases accepted in a file. Default: ${DEFAULT-VALUE}.");
    s.option("maxAliasNodes", "--max-alias-nodes")
        .paramLabel("N")
        .description("Most nodes YAML aliases may add when expanded. Default: ${DEFAULT-VALUE}.");
    s.option("rulesBaseUrl", "--rules-base-url")
        .paramLabel("URL")
        .description(
            "Base URL of the rule pages for SARIF helpUri (e.g. pipelinekit's docs/rules/ folder on"
                + " your Git host). Default: the docs/rules/ folder of this installation as a file:"
                + " URL, else the relative path docs/rules/.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // --disable, in one place: checked against every rule set before any file is read, and
    // applied to every file's findings below. The OpenAPI linter is told too, only so that it skips
    // the work (swagger-parser's validation is most of a large document's time).
    Set<String> disabledRules = RuleSets.checkDisabled(spec, disabled);
    options(disabledRules); // an invalid limit is a usage error before any input is read
    List<LintReport.FileReport> reports = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    // '-' and pipes are read first (once each), so that the loaders get their bytes.
    Inputs inputs = new Inputs(spec, maxBytes == null ? LoadOptions.DEFAULT_MAX_BYTES : maxBytes);
    List<Path> resolved = new ArrayList<>();
    for (Path file : files) {
      try {
        resolved.add(inputs.resolve(file));
      } catch (CliException e) {
        report(err, errors, e);
      }
    }
    LintOptions options = options(disabledRules, inputs);
    for (Path file : resolved) {
      try {
        reports.add(lintOne(file, inputs, options).without(disabledRules));
      } catch (ApiSpecException | BuildSpecException | CliException e) {
        report(err, errors, e);
      }
    }
    LintReport report = new LintReport(reports, errors);
    int exit =
        !errors.isEmpty()
            ? ExitCodes.USAGE
            : report.hasFindingsAtLeast(failOn.severity) ? ExitCodes.CHECK_FAILED : ExitCodes.OK;
    switch (format) {
      case text -> report.writeText(out, err);
      case json -> report.writeJson(out, exit == ExitCodes.OK);
      case sarif ->
          report.writeSarif(
              out, rulesBaseUrl != null ? rulesBaseUrl : installedRulesUrl(), version());
    }
    out.flush();
    err.flush();
    return exit;
  }

  private void report(PrintWriter err, List<String> errors, RuntimeException e) {
    errors.add(e.getMessage());
    err.println("pipeline: " + e.getMessage());
    if (global.verbose()) {
      e.printStackTrace(err);
    }
  }

  private LintOptions options(Set<String> disabledRules) {
    return options(disabledRules, null);
  }

  private LintOptions options(Set<String> disabledRules, Inputs inputs) {
    return CommandSupport.fromOptions(
        spec,
        () -> {
          LoadOptions.Builder load =
              LoadOptions.builder()
                  .maxBytes(maxBytes == null ? LoadOptions.DEFAULT_MAX_BYTES : maxBytes)
                  .maxDepth(maxDepth)
                  .maxStringLength(maxStringLength)
                  .maxNumberLength(maxNumberLength)
                  .maxNodes(maxNodes)
                  .maxAliases(maxAliases)
                  .maxAliasNodes(maxAliasNodes);
          if (inputs != null) {
            inputs.applyTo(load);
          }
          return LintOptions.builder()
              .loadOptions(remoteRefs.applyTo(load).build())
              .disabledRules(disabledRules)
              .build();
        });
  }

  private LintReport.FileReport lintOne(Path file, Inputs inputs, LintOptions options) {
    java.util.Optional<byte[]> streamed = inputs.bytes(file);
    DocumentKind kind =
        streamed
            .map(bytes -> DocumentKind.ofText(head(bytes)))
            .orElseGet(() -> DocumentKind.of(file));
    if (kind == DocumentKind.BUILDSPEC) {
      int limit =
          maxBytes == null
              ? BuildSpecLinter.DEFAULT_MAX_BYTES
              : (int) Math.min(Integer.MAX_VALUE, maxBytes);
      List<Finding> findings =
          streamed.isPresent()
              ? BuildSpecLinter.lint(streamed.get(), file.toString(), limit)
              : BuildSpecLinter.lint(file, limit);
      return LintReport.FileReport.buildSpec(file, findings);
    }
    LintResult result = OpenApiLinter.lint(file, options);
    return LintReport.FileReport.openApi(result);
  }

  /** The first 256 KiB of {@code bytes} as text, without a UTF-8 byte-order mark. */
  private static String head(byte[] bytes) {
    String head = new String(bytes, 0, Math.min(bytes.length, 256 * 1024), StandardCharsets.UTF_8);
    return head.startsWith("\uFEFF") ? head.substring(1) : head;
  }

  /**
   * The {@code docs/rules/} folder of this installation (found above the jar or classes folder), as
   * an absolute {@code file:} URL; {@code docs/rules/} when there is none.
   */
  static String installedRulesUrl() {
    try {
      Path p =
          Path.of(LintCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (int i = 0; i < 6 && p != null; i++, p = p.getParent()) {
        Path docs = p.resolve("docs/rules");
        if (Files.isRegularFile(docs.resolve("README.md"))) {
          return docs.toUri().toString();
        }
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // fall through: no installation folder to point at
    }
    return "docs/rules/";
  }

  private static String version() {
    return VersionProvider.version();
  }
}
