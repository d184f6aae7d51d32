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

/** {@code pipeline apply}: creates or updates the CodeBuild project(s) and the pipeline. */
final class ApplyCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  DefinitionOptions definition = new DefinitionOptions();

  ToolOptions tool = new ToolOptions();

  AwsOptions aws = new AwsOptions();

  RetryOptions retry = new RetryOptions();

  boolean dryRun;

  boolean detailedExitCode;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  Format format = Format.text;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "apply");
    s.description(
        "Creates or updates a definition's CodeBuild project(s) and its pipeline in AWS.",
        "First checks every resource the pipeline refers to (roles and their trust policies,"
            + " artifact bucket, source connection, ECR repositories, approval topics, CodeDeploy"
            + " application and group, ECS services and containers) and writes nothing if one is"
            + " missing, naming each. Then compares the whole declarations it would send with the"
            + " live ones (stages and actions matched by name) and writes only what differs"
            + " (CreateProject or UpdateProject, then CreatePipeline or UpdatePipeline); a second"
            + " apply without changes writes nothing. --dry-run prints the plan only.");
    s.exitCodes(
        "0:applied, up to date, or (with --dry-run) planned",
        "1:a resource the pipeline refers to is missing or does not match, or AWS rejected a call",
        "2:usage error, the definition breaks a rule, no region or credentials",
        "3:with --dry-run --detailed-exitcode: there are changes to apply");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(definition.specs());
    definition.mixee = s.spec();
    s.mixin(tool.specs());
    s.mixin(aws.specs());
    s.mixin(retry.specs());
    s.option("dryRun", "--dry-run")
        .description(
            "Check and compare only: print what would be created or updated, write nothing.");
    s.option("detailedExitCode", "--detailed-exitcode")
        .description(
            "With --dry-run: exit 3 when there are changes to apply, 0 when AWS matches the"
                + " definition.");
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("text")
        .description(
            "text or json: the plan as one JSON document on stdout, also on failure"
                + " (docs/commands.md). Default: ${DEFAULT-VALUE}.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Pipeline pipeline = definition.load();
    try {
      return run(pipeline);
    } catch (ApplyException | AwsSetupException | CliException e) {
      if (format == Format.json) {
        PlanOutput.failure(out, pipeline.name(), pipeline.region(), dryRun, e);
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
    AwsClients clients = clients(pipeline, aws);
    try (PipelineApplier applier =
        PipelineApplier.create(clients, retry.policy(), DeployApiCommand.printing(err))) {
      ApplyPlan plan = dryRun ? applier.plan(declarations) : applier.apply(declarations);
      int code =
          dryRun && detailedExitCode && !plan.upToDate() ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
      if (format == Format.json) {
        PlanOutput.plan(
            out, code == ExitCodes.OK, pipeline.name(), clients.region().id(), dryRun, plan);
        return code;
      }
      out.print(plan.render());
      if (plan.upToDate()) {
        out.println("up to date: pipeline '" + pipeline.name() + "' and its projects match AWS");
      } else if (dryRun) {
        out.println("dry run: nothing was changed; run without --dry-run to apply");
      } else {
        long created = PlanOutput.count(plan, ApplyPlan.Action.CREATE);
        long updated = PlanOutput.count(plan, ApplyPlan.Action.UPDATE);
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
      return code;
    }
  }

  /** Clients for the pipeline's region; another region is a usage error (exit 2). */
  static AwsClients clients(Pipeline pipeline, AwsOptions aws) {
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
    return clients;
  }
}
