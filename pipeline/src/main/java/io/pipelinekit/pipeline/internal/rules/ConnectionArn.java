package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import java.util.regex.Pattern;

/**
 * {@code pipeline-connection-arn}: A GitHub, Bitbucket or GitLab source names a CodeConnections
 * connection ARN. Page: {@code docs/rules/pipeline-connection-arn.md}.
 */
final class ConnectionArn extends PipelineRule {

  static final Pattern CONNECTION_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[\\w-]+");

  ConnectionArn() {
    super(
        "pipeline-connection-arn",
        "A GitHub, Bitbucket or GitLab source names a CodeConnections connection ARN.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof Source source
            && source.kind() == Source.Kind.CODE_CONNECTIONS
            && !CONNECTION_ARN.matcher(source.connectionArn().orElse("")).matches()) {
          String where = Model.at(stage, action);
          report.problem(
              where,
              where
                  + ": '"
                  + source.connectionArn().orElse("")
                  + "' is not a CodeConnections connection ARN"
                  + " (arn:aws:codeconnections:REGION:ACCOUNT:connection/ID)");
        }
      }
    }
  }
}
