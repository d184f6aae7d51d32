package io.pipelinekit.pipeline;

/**
 * A pipeline defined in Java: a class with a public no-argument constructor that {@code pipeline
 * build --definition FQCN} loads by name. Account, region, ARNs and ids should come from the
 * parameters ({@code -P name=value}) with documented example defaults.
 *
 * <pre>{@code
 * public final class MyPipeline implements PipelineDefinition {
 *   public Pipeline define(Parameters p) {
 *     return Pipeline.builder().name("my-service").account(p.get("account", "111122223333"))...build();
 *   }
 * }
 * }</pre>
 */
public interface PipelineDefinition {
  /** The pipeline for the given parameters; building it checks every rule. */
  Pipeline define(Parameters parameters);
}
