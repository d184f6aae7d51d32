package io.pipelinekit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.aws.ApplyException;
import io.pipelinekit.aws.ApplyPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The plan of {@code apply} and {@code drift} as JSON (docs/commands.md, "JSON output"): one
 * document on standard output, also when the command fails.
 */
final class PlanOutput {
  private static final ObjectMapper VALUES = new ObjectMapper();

  private PlanOutput() {}

  /**
   * {@code {"ok", "pipeline", "region", "dryRun", "upToDate", "checks", "warnings", "changes":
   * [{"kind", "name", "action", "diff": [line], "differences": [{"op", "path", "subject", "before",
   * "after"}]}], "summary": {"created", "updated", "unchanged"}}}; {@code dryRun} is left out when
   * null (drift).
   */
  static void plan(
      PrintWriter out, boolean ok, String pipeline, String region, Boolean dryRun, ApplyPlan plan) {
    try (JsonGenerator g = LintReport.generator(out)) {
      g.setCodec(VALUES);
      g.writeStartObject();
      g.writeBooleanField("ok", ok);
      g.writeStringField("pipeline", pipeline);
      g.writeStringField("region", region);
      if (dryRun != null) {
        g.writeBooleanField("dryRun", dryRun);
      }
      g.writeBooleanField("upToDate", plan.upToDate());
      strings(g, "checks", plan.checks());
      strings(g, "warnings", plan.warnings());
      g.writeArrayFieldStart("changes");
      for (ApplyPlan.Change c : plan.changes()) {
        g.writeStartObject();
        g.writeStringField("kind", c.kind());
        g.writeStringField("name", c.name());
        g.writeStringField("action", c.action().word());
        strings(g, "diff", c.diff());
        g.writeArrayFieldStart("differences");
        for (ApplyPlan.Difference d : c.differences()) {
          g.writeStartObject();
          g.writeStringField("op", d.op().word());
          g.writeStringField("path", d.path());
          g.writeStringField("subject", d.subject());
          g.writeFieldName("before");
          g.writeObject(d.before());
          g.writeFieldName("after");
          g.writeObject(d.after());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("created", count(plan, ApplyPlan.Action.CREATE));
      g.writeNumberField("updated", count(plan, ApplyPlan.Action.UPDATE));
      g.writeNumberField("unchanged", count(plan, ApplyPlan.Action.UNCHANGED));
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }

  /**
   * {@code {"ok": false, "pipeline", "region", "dryRun", "errors": [message], "problems":
   * [problem]}}: what stopped the command; {@code problems} lists each missing or mismatched
   * resource the checks found (empty when a call failed).
   */
  static void failure(
      PrintWriter out, String pipeline, String region, Boolean dryRun, RuntimeException e) {
    try (JsonGenerator g = LintReport.generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ok", false);
      g.writeStringField("pipeline", pipeline);
      g.writeStringField("region", region);
      if (dryRun != null) {
        g.writeBooleanField("dryRun", dryRun);
      }
      strings(g, "errors", List.of(String.valueOf(e.getMessage())));
      strings(g, "problems", e instanceof ApplyException a ? a.problems() : List.of());
      g.writeEndObject();
    } catch (IOException io) {
      throw new UncheckedIOException(io);
    }
    out.println();
    out.flush();
  }

  static long count(ApplyPlan plan, ApplyPlan.Action action) {
    return plan.changes().stream().filter(c -> c.action() == action).count();
  }

  private static void strings(JsonGenerator g, String name, List<String> values)
      throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
