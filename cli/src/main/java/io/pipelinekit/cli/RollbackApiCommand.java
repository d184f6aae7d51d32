package io.pipelinekit.cli;

import io.pipelinekit.aws.RestApiPublisher;
import io.pipelinekit.aws.RollbackResult;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline rollback-api}: points a stage back at an earlier deployment. */
@Command(
    name = "rollback-api",
    mixinStandardHelpOptions = true,
    description = {
      "Points an API Gateway stage back at an earlier deployment (UpdateStage /deploymentId).",
      "Without --to: the deployment created just before the one the stage serves. Refuses when the"
          + " stage does not exist or there is no earlier deployment."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the stage serves the target deployment",
      "1:nothing to roll back to, or AWS rejected a call",
      "2:usage error, no region or credentials"
    })
final class RollbackApiCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin AwsOptions aws;

  @Mixin RetryOptions retry;

  @Option(
      names = "--rest-api-id",
      required = true,
      paramLabel = "ID",
      description = "The REST API.")
  String restApiId;

  @Option(
      names = "--stage",
      required = true,
      paramLabel = "STAGE",
      description = "The stage to move.")
  String stage;

  @Option(
      names = "--to",
      paramLabel = "DEPLOYMENT",
      description =
          "The deployment id to serve (default: the one before the current, by creation date).")
  String to;

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
