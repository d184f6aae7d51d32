package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.Pipeline;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tells a caller about each pipeline a definition builds as soon as its model exists, before the
 * structure rules check it: {@code pipeline build} starts loading what it needs for the pipeline's
 * API (on the other core) while the rules run. What the listener is given is not checked yet; it
 * must not fail, and it changes nothing that the definition or the rules see.
 */
public final class PipelineBuilt {
  private static final ThreadLocal<Consumer<Pipeline>> LISTENER = new ThreadLocal<>();

  private PipelineBuilt() {}

  /** Runs {@code work} on this thread with {@code listener} told of every pipeline built in it. */
  public static <T> T observing(Consumer<Pipeline> listener, Supplier<T> work) {
    Objects.requireNonNull(listener, "listener");
    Consumer<Pipeline> outer = LISTENER.get();
    LISTENER.set(listener);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        LISTENER.remove();
      } else {
        LISTENER.set(outer);
      }
    }
  }

  /** Called by {@code Pipeline.Builder.build()} with the model, before the rules run. */
  public static void built(Pipeline pipeline) {
    Consumer<Pipeline> listener = LISTENER.get();
    if (listener != null) {
      listener.accept(pipeline);
    }
  }
}
