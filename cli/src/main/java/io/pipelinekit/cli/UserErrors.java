package io.pipelinekit.cli;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.pipeline.DefinitionException;
import java.util.List;

/**
 * The library exceptions that carry a user-facing message, and the exit code each maps to. Each
 * module has its own exception root (subclasses included); register a new one here once.
 */
final class UserErrors {
  record Kind(Class<? extends Throwable> type, int exitCode) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind(BuildSpecException.class, ExitCodes.USAGE),
          new Kind(ApiSpecException.class, ExitCodes.USAGE),
          // -- more exception roots below, one per line, each after its owner's marker
          // -- publishing
          new Kind(io.pipelinekit.aws.PublishException.class, ExitCodes.CHECK_FAILED),
          new Kind(io.pipelinekit.aws.AwsSetupException.class, ExitCodes.USAGE),
          new Kind(io.pipelinekit.aws.ApplyException.class, ExitCodes.CHECK_FAILED),
          // -- deploy-stack
          new Kind(io.pipelinekit.aws.StackTemplateException.class, ExitCodes.USAGE),
          new Kind(io.pipelinekit.aws.StackDeployException.class, ExitCodes.CHECK_FAILED),

          // -- end
          new Kind(DefinitionException.class, ExitCodes.USAGE));

  private UserErrors() {}
}
