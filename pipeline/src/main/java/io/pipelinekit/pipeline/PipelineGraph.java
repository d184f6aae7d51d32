package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Graphs;
import java.util.Objects;

/** A pipeline as a picture: stages, actions and the artifacts between them. */
public final class PipelineGraph {
  private PipelineGraph() {}

  /** The graph in Mermaid's flowchart syntax (what {@code pipeline.mmd} holds). */
  public static String mermaid(Pipeline pipeline) {
    return Graphs.mermaid(Objects.requireNonNull(pipeline, "pipeline"));
  }

  /** The graph in Graphviz's DOT language. */
  public static String dot(Pipeline pipeline) {
    return Graphs.dot(Objects.requireNonNull(pipeline, "pipeline"));
  }
}
