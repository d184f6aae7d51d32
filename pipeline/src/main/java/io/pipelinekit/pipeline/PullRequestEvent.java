package io.pipelinekit.pipeline;

/** The pull-request events a V2 trigger can start on. */
public enum PullRequestEvent {
  OPEN,
  UPDATED,
  CLOSED
}
