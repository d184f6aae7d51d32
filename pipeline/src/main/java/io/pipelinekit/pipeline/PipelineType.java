package io.pipelinekit.pipeline;

/** CodePipeline's pipeline types. V2 is the default: triggers, variables and execution modes. */
public enum PipelineType {
  V1,
  V2
}
