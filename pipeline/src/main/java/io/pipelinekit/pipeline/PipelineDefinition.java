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

  /**
   * {@code definition.define(parameters)} with every missing or invalid setting of every part it
   * builds — pipeline, stages, actions, projects, images — and every required parameter not given,
   * reported together in one {@link DefinitionException} (one line each), rather than the first
   * alone. Inside, a part's {@code build()} with such a problem does not throw: it records the
   * problem and returns the part as set (the missing values null), so that the definition runs on
   * and the rest are found; an exception the definition then throws because of such a null is
   * dropped in favour of the problems. The structure rules ({@link PipelineRuleSet}) run once the
   * settings are complete. How {@code pipeline build}, {@code graph} and {@code apply} run a
   * definition.
   */
  static Pipeline define(PipelineDefinition definition, Parameters parameters) {
    java.util.Objects.requireNonNull(definition, "definition");
    java.util.Objects.requireNonNull(parameters, "parameters");
    return io.pipelinekit.pipeline.internal.Checks.building(() -> definition.define(parameters));
  }
}
