package io.pipelinekit.cli;

import io.pipelinekit.aws.RestApiPublisher;
import io.pipelinekit.aws.RollbackResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline rollback-api}: points a stage back at an earlier deployment. */
final class RollbackApiCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  AwsOptions aws = new AwsOptions();

  RetryOptions retry = new RetryOptions();

  String restApiId;

  String stage;

  String to;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "rollback-api");
    s.description(
        "Points an API Gateway stage back at an earlier deployment (UpdateStage /deploymentId).",
        "Without --to: the deployment created just before the one the stage serves. Refuses when the"
            + " stage does not exist or there is no earlier deployment.");
    s.exitCodes(
        "0:the stage serves the target deployment",
        "1:nothing to roll back to, or AWS rejected a call",
        "2:usage error, no region or credentials");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(aws.specs());
    s.mixin(retry.specs());
    s.option("restApiId", "--rest-api-id")
        .paramLabel("ID")
        .required(true)
        .description("The REST API.");
    s.option("stage", "--stage")
        .paramLabel("STAGE")
        .required(true)
        .description("The stage to move.");
    s.option("to", "--to")
        .paramLabel("DEPLOYMENT")
        .description(
            "The deployment id to serve (default: the one before the current, by creation date).");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RestApiPublisher publisher = CommandSupport.publisher(aws, retry, err)) {
      RollbackResult result = publisher.rollback(restApiId, stage, Optional.ofNullable(to));
      if (result.changed()) {
        out.println(
            "rolled back stage '"
                + stage
                + "' of REST API "
                + restApiId
                + ": deployment "
                + result.fromDeploymentId()
                + " -> "
                + result.toDeploymentId()
                + describe(result));
      } else {
        out.println(
            "unchanged: stage '"
                + stage
                + "' already serves deployment "
                + result.toDeploymentId()
                + describe(result));
      }
      CommandSupport.printDeployment(out, result.toDeploymentId(), result.invokeUrl());
    }
    return ExitCodes.OK;
  }

  private static String describe(RollbackResult result) {
    return result.toDescription().isEmpty() ? "" : " (" + result.toDescription() + ")";
  }
}
