package io.pipelinekit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Rule;
import io.pipelinekit.core.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The findings of one {@code pipeline lint} run, written as text, JSON or SARIF 2.1.0. */
final class LintReport {

  /** The findings of one file, as the linter sorted them. */
  record FileReport(Path file, String kind, String version, List<Finding> items) {
    static FileReport buildSpec(Path file, List<Finding> findings) {
      return new FileReport(file, "buildspec", "", findings);
    }

    static FileReport openApi(LintResult result) {
      return new FileReport(result.file(), "openapi", result.specVersion(), result.findings());
    }

    /** The same file without the findings of these rules. */
    FileReport without(Set<String> ruleIds) {
      return ruleIds.isEmpty()
          ? this
          : new FileReport(
              file,
              kind,
              version,
              items.stream().filter(f -> !ruleIds.contains(f.ruleId())).toList());
    }
  }

  private final List<FileReport> files;
  private final List<String> errors;

  LintReport(List<FileReport> files, List<String> errors) {
    this.files = List.copyOf(files);
    this.errors = List.copyOf(errors);
  }

  boolean hasFindingsAtLeast(Severity threshold) {
    return files.stream()
        .flatMap(f -> f.items().stream())
        .anyMatch(i -> i.severity().atLeast(threshold));
  }

  private long count(Severity s) {
    return files.stream().flatMap(f -> f.items().stream()).filter(i -> i.severity() == s).count();
  }

  void writeText(PrintWriter out, PrintWriter err) {
    StringBuilder sb = new StringBuilder(8192);
    for (FileReport file : files) {
      for (Finding item : file.items()) {
        sb.append(item.format()).append('\n');
        if (sb.length() > 1 << 16) {
          out.print(sb);
          sb.setLength(0);
        }
      }
    }
    out.print(sb);
    err.println(
        "lint: "
            + count(Severity.ERROR)
            + " error(s), "
            + count(Severity.WARNING)
            + " warning(s), "
            + count(Severity.INFO)
            + " info in "
            + files.size()
            + " file(s)"
            + (errors.isEmpty() ? "" : "; " + errors.size() + " file(s) could not be read"));
  }

  /**
   * The JSON convention of docs/commands.md: {@code ok} (the exit code is 0), {@code files} with
   * their {@code findings} ({@code rule}, {@code severity}, {@code message}, {@code location}),
   * {@code errors} (files that could not be read), {@code summary} (counts).
   */
  void writeJson(PrintWriter out, boolean ok) {
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ok", ok);
      g.writeArrayFieldStart("files");
      for (FileReport file : files) {
        g.writeStartObject();
        g.writeStringField("file", file.file().toString());
        g.writeStringField("kind", file.kind());
        g.writeStringField("version", file.version());
        g.writeArrayFieldStart("findings");
        for (Finding item : file.items()) {
          writeFinding(g, item);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("errors");
      for (String e : errors) {
        g.writeString(e);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("errors", count(Severity.ERROR));
      g.writeNumberField("warnings", count(Severity.WARNING));
      g.writeNumberField("info", count(Severity.INFO));
      g.writeNumberField("files", files.size());
      g.writeNumberField("unreadable", errors.size());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  /**
   * One finding as every command's JSON writes it: {@code {"rule", "severity", "message",
   * "location"}}.
   */
  static void writeFinding(JsonGenerator g, Finding item) throws IOException {
    g.writeStartObject();
    g.writeStringField("rule", item.ruleId());
    g.writeStringField("severity", item.severity().label());
    g.writeStringField("message", item.message());
    g.writeFieldName("location");
    writeLocation(g, item.location());
    g.writeEndObject();
  }

  /**
   * A place as every command's JSON writes it: {@code {"file", "line", "column", "pointer"}}; for a
   * place in the pipeline model {@code file} is null, {@code line} and {@code column} 0 and {@code
   * pointer} the model path ({@code stage 'Deploy' action 'Deploy'}).
   */
  static void writeLocation(JsonGenerator g, io.pipelinekit.core.Location location)
      throws IOException {
    g.writeStartObject();
    if (location.file() == null) {
      g.writeNullField("file");
    } else {
      g.writeStringField("file", location.file().toString());
    }
    g.writeNumberField("line", location.line());
    g.writeNumberField("column", location.column());
    g.writeStringField("pointer", location.pointer());
    g.writeEndObject();
  }

  void writeSarif(PrintWriter out, String rulesBaseUrl, String version) {
    boolean readStandardInput = files.stream().anyMatch(f -> isStandardInput(f.file()));
    List<Rule> rules = RuleSets.rules(RuleSets.lint());
    List<String> ruleIds = rules.stream().map(Rule::id).toList();
    String base = rulesBaseUrl.endsWith("/") ? rulesBaseUrl : rulesBaseUrl + "/";
    try (JsonGenerator g = generator(out)) {
      g.writeStartObject();
      g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
      g.writeStringField("version", "2.1.0");
      g.writeArrayFieldStart("runs");
      g.writeStartObject();
      g.writeObjectFieldStart("tool");
      g.writeObjectFieldStart("driver");
      g.writeStringField("name", "pipelinekit");
      g.writeStringField("semanticVersion", version);
      g.writeArrayFieldStart("rules");
      for (Rule r : rules) {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("name", r.id());
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", r.summary());
        g.writeEndObject();
        g.writeStringField("helpUri", base + r.id() + ".md");
        g.writeObjectFieldStart("help");
        g.writeStringField("text", r.summary() + " See " + r.docPath() + ".");
        g.writeEndObject();
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", level(r.severity()));
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeArrayFieldStart("invocations");
      g.writeStartObject();
      g.writeBooleanField("executionSuccessful", errors.isEmpty());
      g.writeArrayFieldStart("toolExecutionNotifications");
      for (String e : errors) {
        g.writeStartObject();
        g.writeStringField("level", "error");
        g.writeObjectFieldStart("message");
        g.writeStringField("text", e);
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      if (readStandardInput) {
        g.writeObjectFieldStart("stdin");
        writeStandardInputLocation(g);
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndArray();
      if (readStandardInput) {
        // Standard input has no URI (percent-encoding "<stdin>" made a relative file name of it).
        // SARIF 2.1.0, artifactLocation: at least one of uri and index, and index points into
        // run.artifacts; that entry, a top-level artifact, needs a location too: its own index,
        // described in words; its roles: the analysis target, a standard stream (artifact.roles).
        // https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/sarif-v2.1.0-errata01-os.html
        g.writeArrayFieldStart("artifacts");
        g.writeStartObject();
        g.writeObjectFieldStart("location");
        writeStandardInputLocation(g);
        g.writeEndObject();
        g.writeArrayFieldStart("roles");
        g.writeString("analysisTarget");
        g.writeString("standardStream");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
      }
      g.writeArrayFieldStart("results");
      for (FileReport file : files) {
        boolean standardInput = isStandardInput(file.file());
        String uri = standardInput ? null : uri(file.file());
        for (Finding item : file.items()) {
          g.writeStartObject();
          g.writeStringField("ruleId", item.ruleId());
          int index = ruleIds.indexOf(item.ruleId());
          if (index >= 0) {
            g.writeNumberField("ruleIndex", index);
          }
          g.writeStringField("level", level(item.severity()));
          g.writeObjectFieldStart("message");
          g.writeStringField("text", item.message());
          g.writeEndObject();
          g.writeArrayFieldStart("locations");
          g.writeStartObject();
          g.writeObjectFieldStart("physicalLocation");
          g.writeObjectFieldStart("artifactLocation");
          if (standardInput) {
            writeStandardInputLocation(g);
          } else {
            g.writeStringField("uri", uri);
            if (!uri.startsWith("file:")) {
              g.writeStringField("uriBaseId", "%SRCROOT%");
            }
          }
          g.writeEndObject();
          g.writeObjectFieldStart("region");
          g.writeNumberField("startLine", Math.max(1, item.location().line()));
          g.writeNumberField("startColumn", Math.max(1, item.location().column()));
          g.writeEndObject();
          g.writeEndObject();
          if (!item.location().pointer().isEmpty()) {
            g.writeArrayFieldStart("logicalLocations");
            g.writeStartObject();
            g.writeStringField("fullyQualifiedName", item.location().pointer());
            g.writeEndObject();
            g.writeEndArray();
          }
          g.writeEndObject();
          g.writeEndArray();
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }

  /** {@code -}: standard input, named {@code <stdin>} in the other formats. */
  private static boolean isStandardInput(Path file) {
    return Inputs.STANDARD_INPUT.equals(file);
  }

  /** Standard input's artifactLocation members: run.artifacts[0], described; it has no URI. */
  private static void writeStandardInputLocation(JsonGenerator g) throws IOException {
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("description");
    g.writeStringField("text", "standard input");
    g.writeEndObject();
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /** A relative, '/'-separated URI when the file is under the working folder; else file:. */
  static String uri(Path file) {
    Path cwd = Path.of("").toAbsolutePath();
    Path abs = file.toAbsolutePath().normalize();
    if (abs.startsWith(cwd)) {
      StringBuilder sb = new StringBuilder();
      for (Path part : cwd.relativize(abs)) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(
            java.net.URLEncoder.encode(part.toString(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"));
      }
      return sb.toString();
    }
    return abs.toUri().toString();
  }

  /** A JSON generator with two-space indentation, as every JSON output of the CLI is written. */
  static JsonGenerator generator(PrintWriter out) throws IOException {
    JsonGenerator g = new JsonFactory().createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    DefaultPrettyPrinter pp =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    g.setPrettyPrinter(pp);
    return g;
  }
}
