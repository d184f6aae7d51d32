package io.pipelinekit.pipeline;

/** How a pipeline runs overlapping executions. QUEUED and PARALLEL need a V2 pipeline. */
public enum ExecutionMode {
  SUPERSEDED,
  QUEUED,
  PARALLEL
}
