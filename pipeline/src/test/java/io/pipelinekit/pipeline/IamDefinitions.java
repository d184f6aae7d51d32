package io.pipelinekit.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Definitions that exercise every IAM grant: full clones through CodeStar connections, through
 * CodeConnections and from CodeCommit, batch builds, a rolling deploy whose family the definition
 * does not name, blue/green and approvals with SNS (the kitchen sink), blue/green with an artifact
 * key named by its alias and with its task definition not modelled.
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

  /**
   * The blue/green pipeline without its task definition modelled: the action registers whatever
   * {@code taskdef.json} the artifact holds, naming roles the definition does not know.
   */
  static Pipeline blueGreenWithoutTaskDefinition() {
    Pipeline p = BlueGreenPipeline.pipeline();
    List<Stage> stages = new ArrayList<>();
    for (Stage stage : p.stages()) {
      List<Action> actions = new ArrayList<>();
      for (Action action : stage.actions()) {
        actions.add(
            action instanceof CodeDeployToEcsAction c
                ? c.toBuilder().taskDefinition(null).build()
                : action);
      }
      stages.add(Stage.named(stage.name(), actions.toArray(Action[]::new)));
    }
    return p.toBuilder().stages(stages).build();
  }

  /** Every case by name (the kitchen sink has blue/green and an approval that notifies SNS). */
  static Map<String, Pipeline> all() {
    Map<String, Pipeline> all = new LinkedHashMap<>();
    all.put("codestar-full-clone", codeStarFullClone());
    all.put("codeconnections-full-clone", codeConnectionsFullClone());
    all.put("codecommit-full-clone-batch", codeCommitFullCloneBatch());
    all.put("kitchen-sink", KitchenSink.pipeline());
    all.put("valid", Fixtures.valid().build());
    all.put("blue-green-alias-key", BlueGreenPipeline.pipeline());
    all.put("blue-green-unmodelled-task", blueGreenWithoutTaskDefinition());
    return all;
  }
}
