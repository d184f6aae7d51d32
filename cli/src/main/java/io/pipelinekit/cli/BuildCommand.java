package io.pipelinekit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.DefinitionException;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Synthesis;
import io.pipelinekit.pipeline.ToolArtifact;
import io.pipelinekit.pipeline.internal.FragmentMerge;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline build}: synthesizes every file AWS needs for a pipeline definition. */
final class BuildCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  DefinitionOptions definition = new DefinitionOptions();

  ToolOptions tool = new ToolOptions();

  Path out;

  Path sourceRoot;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  Format format = Format.text;

  boolean listParameters;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "build");
    s.description(
        "Synthesizes every file AWS needs for a pipeline definition, checked against CodePipeline's"
            + " and CodeBuild's rules first: buildspec.yaml, pipeline.json (CreatePipeline input),"
            + " codebuild-project.json (CreateProject input), iam/*.json (least-privilege role"
            + " policies), pipeline.mmd and the merged openapi.yaml.",
        "Every file is rendered in memory and the whole set is written into a fresh hidden folder"
            + " beside DIR, which then replaces DIR in one step: a failure, or a kill at any moment,"
            + " leaves the complete earlier set or the complete new one. DIR then holds exactly the"
            + " new files (and .pipelinekit-output, their list); anything in it that pipeline build"
            + " did not write is refused (exit 2), as is a DIR that is not a folder. The same"
            + " definition gives the same bytes. Nothing is written when a rule is broken.");
    s.exitCodes(
        "0:written",
        "2:usage error, the definition breaks a rule (every problem listed), an API fragment is"
            + " invalid, or --out holds what pipeline build did not write");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(definition.specs());
    definition.mixee = s.spec();
    s.mixin(tool.specs());
    s.option("out", "--out")
        .paramLabel("DIR")
        .defaultValue("build/pipeline")
        .description("Output folder (default: ${DEFAULT-VALUE}).");
    s.option("sourceRoot", "--source-root")
        .paramLabel("DIR")
        .defaultValue(".")
        .description(
            "The repository the definition's relative paths (API fragments) refer to; nothing"
                + " outside it is read (default: the current folder).");
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("text")
        .description(
            "text (default) or json: the files written, or each broken rule (rule, severity, where,"
                + " message) as one JSON document on stdout. Default: ${DEFAULT-VALUE}.");
    s.option("listParameters", "--list-parameters")
        .description(
            "List the definition's parameters (-P NAME=VALUE) with their defaults; write nothing.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    if (listParameters) {
      definition
          .describeParameters()
          .forEach(
              (name, value) -> stdout.println(name + "=" + (value == null ? "(required)" : value)));
      stdout.flush();
      return ExitCodes.OK;
    }
    OutputFiles.requireNotEmpty(spec, "--out", out);
    OutputFiles.prepareToReplace(out);
    BuildCache cache = BuildCache.forThisTool();
    Synthesis synthesis;
    try {
      Pipeline pipeline = definition.load();
      ToolArtifact artifact = tool.artifactFor(pipeline);
      synthesis =
          FragmentMerge.using(
              fragments -> mergedApi(cache, fragments),
              () ->
                  artifact == null
                      ? Synthesis.of(pipeline, sourceRoot)
                      : Synthesis.of(pipeline, sourceRoot, artifact));
    } catch (DefinitionException e) {
      if (format == Format.json) {
        writeProblems(stdout, e);
      }
      throw e; // the message on stderr, exit 2, as with text
    }
    Path dir = out.toAbsolutePath().normalize();
    List<String> warnings = new ArrayList<>(synthesis.warnings());
    warnings.addAll(apiLintWarnings(synthesis, dir, cache));
    OutputFiles.writeAll(dir, synthesis.files());
    if (format == Format.json) {
      writeWritten(stdout, synthesis, warnings);
      PrintWriter stderr = spec.commandLine().getErr();
      warnings.forEach(w -> stderr.println("pipeline: warning: " + w));
      stderr.flush();
      return ExitCodes.OK;
    }
    synthesis.summary().forEach(stdout::println);
    PrintWriter stderr = spec.commandLine().getErr();
    warnings.forEach(w -> stderr.println("pipeline: warning: " + w));
    stderr.flush();
    stdout.println("wrote " + synthesis.files().size() + " files to " + out + ":");
    // Columns as wide as the longest name and the largest size, whatever the names are; each
    // file's size in bytes worked out once.
    Map<String, String> sizes = new LinkedHashMap<>();
    int nameWidth = 1;
    int sizeWidth = 1;
    for (Map.Entry<String, String> file : synthesis.files().entrySet()) {
      String size = String.valueOf(bytes(file.getValue()));
      sizes.put(file.getKey(), size);
      nameWidth = Math.max(nameWidth, file.getKey().length());
      sizeWidth = Math.max(sizeWidth, size.length());
    }
    // Padded by hand, not printf: Formatter's %d asks the locale's number symbols (about 0.01 s of
    // locale data on a cold JVM) and would print another locale's digits.
    StringBuilder rows = new StringBuilder();
    for (Map.Entry<String, String> file : sizes.entrySet()) {
      rows.append("  ").append(file.getKey());
      rows.append(
          " "
              .repeat(
                  nameWidth - file.getKey().length() + 2 + sizeWidth - file.getValue().length()));
      rows.append(file.getValue()).append(" bytes").append(System.lineSeparator());
    }
    stdout.print(rows);
    stdout.flush();
    return ExitCodes.OK;
  }

  /**
   * {@code {"ok": false, "errors": [message], "findings": [{"rule", "severity", "message",
   * "location"}]}} (docs/commands.md's JSON convention); a problem that is no structure rule (a
   * required setting, an unreadable fragment) has no findings, only the error.
   */
  private static void writeProblems(PrintWriter out, DefinitionException e) {
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ok", false);
      g.writeArrayFieldStart("errors");
      g.writeString(e.getMessage());
      g.writeEndArray();
      g.writeArrayFieldStart("findings");
      for (Finding f : e.problems()) {
        LintReport.writeFinding(g, f);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    out.println();
    out.flush();
  }

  /** {@code {"ok": true, "out": ..., "files": [{"path", "bytes"}], "summary": [...], ...}}. */
  private void writeWritten(PrintWriter out, Synthesis synthesis, List<String> warnings) {
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ok", true);
      g.writeStringField("out", this.out.toString());
      g.writeArrayFieldStart("files");
      for (Map.Entry<String, String> file : synthesis.files().entrySet()) {
        g.writeStartObject();
        g.writeStringField("path", file.getKey());
        g.writeNumberField("bytes", file.getValue().getBytes(StandardCharsets.UTF_8).length);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("summary");
      for (String line : synthesis.summary()) {
        g.writeString(line);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("warnings");
      for (String w : warnings) {
        g.writeString(w);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    out.println();
    out.flush();
  }

  /**
   * The lint errors of each merged API document to be written (what post_build's {@code deploy-api}
   * imports), as warnings naming its fragments: API Gateway would reject them only when the build
   * runs, so {@code pipeline build} says so now. Warnings, not failures: the files are still right.
   * Linted from memory, as the file it is written to in {@code dir}, before anything is written: a
   * document the linter cannot read at all leaves the earlier output as it was. A document this
   * tool linted before, the same text at the same path, is not linted again ({@link BuildCache}).
   */
  private static List<String> apiLintWarnings(Synthesis synthesis, Path dir, BuildCache cache) {
    List<String> warnings = new ArrayList<>();
    for (CodeBuildProject project : synthesis.pipeline().codeBuildProjects()) {
      if (project.api().isEmpty()) {
        continue;
      }
      ApiPublication api = project.api().get();
      // Synthesis names a second document with the same file name after its project.
      String name = project.name() + "-" + api.specFile();
      if (!synthesis.files().containsKey(name)) {
        name = api.specFile();
      }
      if (!synthesis.files().containsKey(name)
          || !OpenApiLinter.looksLikeOpenApi(synthesis.files().get(name))) {
        continue;
      }
      Path file = dir.resolve(name);
      String text = synthesis.files().get(name);
      List<String> key = List.of(file.toString(), text);
      boolean remembers = BuildCache.selfContained(text);
      List<String> errors = remembers ? cache.lookup(LINT, key) : null;
      if (errors == null) {
        errors = lintErrors(file, text);
        if (remembers) {
          cache.remember(LINT, key, errors);
        }
      }
      for (String error : errors) {
        warnings.add(
            "CodeBuild project '"
                + project.name()
                + "' API "
                + api.restApiId()
                + " (from "
                + String.join(", ", api.fragments())
                + "): "
                + error
                + "; API Gateway rejects it when the build runs deploy-api (see pipeline lint)");
      }
    }
    return warnings;
  }

  /** {@link BuildCache}'s kind of entry: a merged document's lint errors (key: path, text). */
  static final String LINT = "api-lint";

  /** {@link BuildCache}'s kind of entry: fragments' merged document (key: each path and text). */
  static final String MERGE = "api-merge";

  /**
   * The merged document of an API's {@code fragments}: remembered when this tool merged the very
   * same fragments (paths and bytes) before, else merged (then remembered, unless a fragment
   * changed meanwhile). What the merge throws is thrown, and nothing is remembered.
   */
  static String mergedApi(BuildCache cache, List<Path> fragments) {
    List<String> key = cache.enabled() ? fragmentsKey(fragments) : null;
    if (key == null) {
      return FragmentMerge.standard(fragments);
    }
    List<String> known = cache.lookup(MERGE, key);
    if (known != null && known.size() == 1) {
      return known.get(0);
    }
    String merged = FragmentMerge.standard(fragments);
    if (key.equals(fragmentsKey(fragments))) {
      cache.remember(MERGE, key, List.of(merged));
    }
    return merged;
  }

  /**
   * Each fragment's path and bytes (one character a byte, so that the key is the exact bytes); null
   * when one cannot be read, is larger than the cache keeps, or has a {@code $ref} that may name
   * another file (the merge checks that file too).
   */
  private static List<String> fragmentsKey(List<Path> fragments) {
    List<String> key = new ArrayList<>(2 * fragments.size());
    for (Path fragment : fragments) {
      try {
        if (Files.size(fragment) > BuildCache.MAX_TEXT) {
          return null;
        }
        String bytes = new String(Files.readAllBytes(fragment), StandardCharsets.ISO_8859_1);
        if (bytes.length() > BuildCache.MAX_TEXT || !BuildCache.selfContained(bytes)) {
          return null;
        }
        key.add(fragment.toString());
        key.add(bytes);
      } catch (IOException | RuntimeException e) {
        return null; // the merge reports it
      }
    }
    return key;
  }

  /** The errors {@code pipeline lint} finds in {@code text} as the file {@code file}. */
  private static List<String> lintErrors(Path file, String text) {
    List<String> errors = new ArrayList<>();
    for (Finding f : OpenApiLinter.lintText(file, text).findings()) {
      if (f.severity() == Severity.ERROR) {
        errors.add(f.format());
      }
    }
    return errors;
  }

  private static int bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  private static JsonGenerator generator(PrintWriter out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    g.setPrettyPrinter(
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));
    return g;
  }
}
