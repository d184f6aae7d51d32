package io.pipelinekit.pipeline;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Definitions that exercise every IAM grant: full clones through CodeStar connections, through
 * CodeConnections and from CodeCommit, batch builds, a rolling deploy whose family the definition
 * does not name, blue/green and approvals with SNS (the kitchen sink).
 */
final class IamDefinitions {
  static final String CODESTAR_CONNECTION =
      "arn:aws:codestar-connections:eu-west-1:111122223333:connection/4e1f0c2a-9b8d-4c7e-a6f5-0d1e2f3a4b5c";

  private IamDefinitions() {}

  /** A GitHub full clone through a connection ARN of the old {@code codestar-connections} kind. */
  static Pipeline codeStarFullClone() {
    return Fixtures.pipeline(
            Stage.named(
                "Source",
                Source.gitHub(CODESTAR_CONNECTION, "acme/service", "main").toBuilder()
                    .outputFormat(OutputArtifactFormat.CODEBUILD_CLONE_REF)
                    .build()),
            Stage.named("Build", Fixtures.build().build()),
            Stage.named(
                "Deploy",
                EcsDeployAction.builder()
                    .input("BuildOutput")
                    .clusterName("service")
                    .serviceName("service")
                    .passRoleArns("arn:aws:iam::111122223333:role/service-task")
                    .build()))
        .build();
  }

  /** A GitHub full clone through a {@code codeconnections} connection. */
  static Pipeline codeConnectionsFullClone() {
    return Fixtures.pipeline(
            Stage.named(
                "Source",
                Fixtures.source().toBuilder()
                    .outputFormat(OutputArtifactFormat.CODEBUILD_CLONE_REF)
                    .build()),
            Stage.named("Build", Fixtures.build().build()),
            Stage.named("Deploy", Fixtures.deploy().build()))
        .build();
  }

  /** A CodeCommit full clone built as a batch. */
  static Pipeline codeCommitFullCloneBatch() {
    return Fixtures.pipeline(
            Stage.named(
                "Source",
                Source.codeCommit("service", "main").toBuilder()
                    .outputFormat(OutputArtifactFormat.CODEBUILD_CLONE_REF)
                    .build()),
            Stage.named("Build", Fixtures.build().batchEnabled(true).build()),
            Stage.named("Deploy", Fixtures.deploy().build()))
        .build();
  }

  /** Every case by name (the kitchen sink has blue/green and an approval that notifies SNS). */
  static Map<String, Pipeline> all() {
    Map<String, Pipeline> all = new LinkedHashMap<>();
    all.put("codestar-full-clone", codeStarFullClone());
    all.put("codeconnections-full-clone", codeConnectionsFullClone());
    all.put("codecommit-full-clone-batch", codeCommitFullCloneBatch());
    all.put("kitchen-sink", KitchenSink.pipeline());
    all.put("valid", Fixtures.valid().build());
    return all;
  }
}
