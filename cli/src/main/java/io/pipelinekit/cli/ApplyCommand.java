package io.pipelinekit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelinekit.aws.ApplyPlan;
import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.aws.PipelineApplier;
import io.pipelinekit.aws.PipelineDeclarations;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Synthesis;
import io.pipelinekit.pipeline.ToolArtifact;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline apply}: creates or updates the CodeBuild project(s) and the pipeline. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or updates a definition's CodeBuild project(s) and its pipeline in AWS.",
      "First checks every ECS deploy target (DescribeServices, DescribeTaskDefinition): the service"
          + " exists and its task definition has a container for every image the pipeline builds."
          + " Then compares each resource with AWS and writes only what differs (CreateProject or"
          + " UpdateProject, then CreatePipeline or UpdatePipeline); a second apply without"
          + " changes writes nothing. --dry-run prints the plan and the differences only."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:applied, up to date, or (with --dry-run) planned",
      "1:an ECS target does not match, or AWS rejected a call",
      "2:usage error, the definition breaks a rule, no region or credentials"
    })
final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin DefinitionOptions definition;

  @Mixin ToolOptions tool;

  @Mixin AwsOptions aws;

  @Mixin RetryOptions retry;

  @Option(
      names = "--dry-run",
      description =
          "Check and compare only: print what would be created or updated, write nothing.")
  boolean dryRun;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description =
          "text or json: the plan as one JSON document on stdout (docs/commands.md). Default:"
              + " ${DEFAULT-VALUE}.",
      defaultValue = "text")
  Format format = Format.text;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Pipeline pipeline = definition.load();
    ToolArtifact artifact = tool.artifactFor(pipeline);
    PipelineDeclarations declarations =
        PipelineDeclarations.from(
            artifact == null ? Synthesis.of(pipeline) : Synthesis.of(pipeline, artifact));
    AwsClients clients = AwsClients.resolve(DeployApiCommand.settings(aws));
    if (!clients.region().id().equals(pipeline.region())) {
      throw CliException.invalidInput(
          "pipeline '"
              + pipeline.name()
              + "' is defined for region "
              + pipeline.region()
              + " but the AWS region is "
              + clients.region().id()
              + "; pass --region "
              + pipeline.region()
              + " (or define the pipeline for "
              + clients.region().id()
              + ")");
    }
    try (PipelineApplier applier =
        PipelineApplier.create(clients, retry.policy(), DeployApiCommand.printing(err))) {
      ApplyPlan plan = dryRun ? applier.plan(declarations) : applier.apply(declarations);
      if (format == Format.json) {
        writeJson(out, pipeline, clients.region().id(), plan);
        return ExitCodes.OK;
      }
      out.print(plan.render());
      if (plan.upToDate()) {
        out.println("up to date: pipeline '" + pipeline.name() + "' and its projects match AWS");
      } else if (dryRun) {
        out.println("dry run: nothing was changed; run without --dry-run to apply");
      } else {
        long created = count(plan, ApplyPlan.Action.CREATE);
        long updated = count(plan, ApplyPlan.Action.UPDATE);
        out.println(
            "applied pipeline '"
                + pipeline.name()
                + "' in "
                + clients.region().id()
                + ": "
                + created
                + " created, "
                + updated
                + " updated");
      }
    }
    return ExitCodes.OK;
  }

  /**
   * {@code {"ok": true, "pipeline", "region", "dryRun", "upToDate", "checks": [...], "changes":
   * [{"kind", "name", "action", "diff": [...]}], "summary": {"created", "updated", "unchanged"}}}.
   */
  private void writeJson(PrintWriter out, Pipeline pipeline, String region, ApplyPlan plan) {
    try (JsonGenerator g = LintReport.generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ok", true);
      g.writeStringField("pipeline", pipeline.name());
      g.writeStringField("region", region);
      g.writeBooleanField("dryRun", dryRun);
      g.writeBooleanField("upToDate", plan.upToDate());
      g.writeArrayFieldStart("checks");
      for (String check : plan.checks()) {
        g.writeString(check);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("changes");
      for (ApplyPlan.Change c : plan.changes()) {
        g.writeStartObject();
        g.writeStringField("kind", c.kind());
        g.writeStringField("name", c.name());
        g.writeStringField("action", c.action().word());
        g.writeArrayFieldStart("diff");
        for (String line : c.diff()) {
          g.writeString(line);
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

  private static long count(ApplyPlan plan, ApplyPlan.Action action) {
    return plan.changes().stream().filter(c -> c.action() == action).count();
  }
}
