package io.pipelinekit.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An action in a stage: a source, a CodeBuild build or test, an ECS deploy (rolling or blue/green)
 * or a manual approval. Each knows the CodePipeline declaration it becomes.
 */
public sealed interface Action
    permits Source, CodeBuildAction, EcsDeployAction, CodeDeployToEcsAction, ManualApprovalAction {

  /** The action's name, unique in its stage ({@code [A-Za-z0-9.@_-]{1,100}}). */
  String name();

  /** When the action runs in its stage: equal values run in parallel. Default 1. */
  int runOrder();

  /** The namespace its output variables are published under ({@code #{Namespace.VAR}}). */
  Optional<String> namespace();

  ActionCategory category();

  /** {@code AWS}, {@code ThirdParty} or {@code Custom}. */
  String owner();

  /** The provider, e.g. {@code CodeBuild}, {@code ECS}, {@code CodeStarSourceConnection}. */
  String provider();

  /** The action type version; {@code 1} for every AWS-owned type. */
  default String version() {
    return "1";
  }

  List<String> inputArtifacts();

  List<String> outputArtifacts();

  /** The action's configuration as CodePipeline takes it, keys in a fixed order. */
  Map<String, String> configuration();

  /** The output variables the action publishes under its namespace (none by default). */
  default Set<String> outputVariables() {
    return Set.of();
  }

  /** A short description for summaries and graphs, e.g. {@code GitHub acme/service@main}. */
  String describe();
}
