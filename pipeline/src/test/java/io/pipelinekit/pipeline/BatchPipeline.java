package io.pipelinekit.pipeline;

/**
 * A pipeline whose build runs as a CodeBuild batch ({@code batchEnabled(true)}) with a batch role
 * of its own and limits: the bootstrap template creates that role, the pipeline template's project
 * refers to it.
 */
public final class BatchPipeline {
  private BatchPipeline() {}

  public static final String BATCH_ROLE = "arn:aws:iam::111122223333:role/ci/service-batch";

  public static Pipeline pipeline() {
    return pipeline(BuildBatch.builder().serviceRoleArn(BATCH_ROLE));
  }

  /** The same pipeline with {@code batch}'s role and these limits. */
  public static Pipeline pipeline(BuildBatch.Builder batch) {
    CodeBuildProject project =
        Fixtures.project()
            .batch(
                batch
                    .timeoutInMinutes(90)
                    .maximumBuildsAllowed(4)
                    .computeTypesAllowed("BUILD_GENERAL1_SMALL")
                    .combineArtifacts(true)
                    .build())
            .build();
    return Fixtures.pipeline(
            Stage.named("Source", Fixtures.source()),
            Stage.named("Build", Fixtures.build().project(project).batchEnabled(true).build()),
            Stage.named("Deploy", Fixtures.deploy().build()))
        .name("batch-service")
        .build();
  }
}
