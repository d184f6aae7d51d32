package io.pipelinekit.cli;

import io.pipelinekit.aws.ApplyException;
import io.pipelinekit.aws.ApplyPlan;
import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.aws.AwsSetupException;
import io.pipelinekit.aws.PipelineApplier;
import io.pipelinekit.aws.PipelineDeclarations;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Synthesis;
import io.pipelinekit.pipeline.ToolArtifact;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline drift}: the live pipeline and projects against the definition, for CI. */
final class DriftCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  DefinitionOptions definition = new DefinitionOptions();

  ToolOptions tool = new ToolOptions();

  AwsOptions aws = new AwsOptions();

  RetryOptions retry = new RetryOptions();

  ApplyCommand.Format format = ApplyCommand.Format.text;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "drift");
    s.description(
        "Compares the live pipeline and CodeBuild project(s) with the definition, as apply's plan"
            + " does (the whole declarations, stages and actions matched by name), and exits 3 when"
            + " they differ. Read-only: BatchGetProjects and GetPipeline.");
    s.exitCodes(
        "0:AWS matches the definition",
        "1:AWS rejected a call",
        "2:usage error, the definition breaks a rule, no region or credentials",
        "3:AWS differs from the definition (or a resource does not exist yet)");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(definition.specs());
    definition.mixee = s.spec();
    s.mixin(tool.specs());
    s.mixin(aws.specs());
    s.mixin(retry.specs());
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("text")
        .description(
            "text or json: the differences as one JSON document on stdout (docs/commands.md)."
                + " Default: ${DEFAULT-VALUE}.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Pipeline pipeline = definition.load();
    try {
      return run(pipeline);
    } catch (ApplyException | AwsSetupException | CliException e) {
      if (format == ApplyCommand.Format.json) {
        PlanOutput.failure(out, pipeline.name(), pipeline.region(), null, e);
      }
      throw e;
    }
  }

  private int run(Pipeline pipeline) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ToolArtifact artifact = tool.artifactFor(pipeline);
    PipelineDeclarations declarations =
        PipelineDeclarations.from(
            artifact == null ? Synthesis.of(pipeline) : Synthesis.of(pipeline, artifact));
    AwsClients clients = ApplyCommand.clients(pipeline, aws);
    try (PipelineApplier applier =
        PipelineApplier.create(clients, retry.policy(), DeployApiCommand.printing(err))) {
      ApplyPlan plan = applier.compare(declarations);
      int code = plan.upToDate() ? ExitCodes.OK : ExitCodes.CHANGES_PENDING;
      if (format == ApplyCommand.Format.json) {
        PlanOutput.plan(
            out, code == ExitCodes.OK, pipeline.name(), clients.region().id(), null, plan);
        return code;
      }
      out.print(plan.render());
      if (plan.upToDate()) {
        out.println("no drift: pipeline '" + pipeline.name() + "' and its projects match AWS");
      } else {
        out.println(
            "drift: AWS differs from the definition of pipeline '"
                + pipeline.name()
                + "' ("
                + PlanOutput.count(plan, ApplyPlan.Action.CREATE)
                + " missing, "
                + PlanOutput.count(plan, ApplyPlan.Action.UPDATE)
                + " changed); run 'pipeline apply' to make AWS match it");
      }
      return code;
    }
  }
}
