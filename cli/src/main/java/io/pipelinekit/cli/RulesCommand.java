package io.pipelinekit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelinekit.core.Rule;
import io.pipelinekit.core.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline rules}: every rule of every rule set (OpenAPI/API Gateway, buildspec, …) with its
 * id, severity, one-line summary and page.
 */
final class RulesCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  Format format;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "rules");
    s.description(
        "Lists every rule: id, severity, summary and its page under docs/rules/.",
        "A rule id is what --disable takes and what findings name.");
    s.exitCodes("0:listed", "2:usage error");
    spec = s.spec();
    s.mixin(global.specs());
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("text")
        .description("text or json (default: ${DEFAULT-VALUE}).");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      writeJson(out);
    } else {
      writeText(out);
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** {@code id severity summary page}, one rule a line, columns aligned. */
  private static void writeText(PrintWriter out) {
    int idWidth = RuleSets.rules().stream().mapToInt(r -> r.id().length()).max().orElse(0);
    for (Rule r : RuleSets.rules()) {
      out.println(
          pad(r.id(), idWidth)
              + "  "
              + pad(r.severity().label(), 7)
              + "  "
              + r.summary()
              + "  "
              + r.docPath());
    }
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }

  private static void writeJson(PrintWriter out) {
    try (JsonGenerator g = LintReport.generator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("rules");
      for (RuleSet set : RuleSets.all()) {
        for (Rule r : set.rules()) {
          g.writeStartObject();
          g.writeStringField("id", r.id());
          g.writeStringField("ruleSet", set.name());
          g.writeStringField("severity", r.severity().label());
          g.writeStringField("summary", r.summary());
          g.writeStringField("doc", r.docPath());
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
  }
}
