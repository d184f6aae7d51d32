package io.pipelinekit.pipeline;

import java.util.List;

/**
 * An ECS service a pipeline deploys to, for checks against the live service: where the action is,
 * the cluster and service, and the container names its image definitions name.
 */
public record EcsTarget(
    String stageName,
    String actionName,
    String clusterName,
    String serviceName,
    List<String> containerNames) {
  public EcsTarget {
    containerNames = List.copyOf(containerNames);
  }
}
