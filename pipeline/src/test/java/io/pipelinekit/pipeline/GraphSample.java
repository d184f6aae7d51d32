package io.pipelinekit.pipeline;

/**
 * A pipeline for the graph's golden files: two sources and two builds that run in parallel, a
 * manual approval that neither reads nor makes an artifact, and a deploy stage whose second run
 * order reads nothing from its first.
 */
public final class GraphSample {
  private GraphSample() {}

  public static Pipeline pipeline() {
    CodeBuildProject tests =
        CodeBuildProject.builder()
            .name("graph-tests")
            .serviceRoleArn("arn:aws:iam::111122223333:role/graph-tests")
            .buildCommands("mvn -B verify")
            .build();
    CodeBuildProject smoke =
        CodeBuildProject.builder()
            .name("graph-smoke")
            .serviceRoleArn("arn:aws:iam::111122223333:role/graph-smoke")
            .buildCommands("./smoke.sh")
            .build();
    return Fixtures.pipeline(
            Stage.named(
                "Source",
                Fixtures.source(),
                Source.codeCommit("graph-config", "main").toBuilder()
                    .name("Config")
                    .output("Config")
                    .build()),
            Stage.named(
                "Build",
                Fixtures.build()
                    .name("Images")
                    .inputs("Source", "Config")
                    .primarySource("Source")
                    .build(),
                CodeBuildAction.builder()
                    .name("UnitTests")
                    .project(tests)
                    .test(true)
                    .inputs("Source")
                    .build()),
            Stage.named("Approve", ManualApprovalAction.builder().name("Release").build()),
            Stage.named(
                "Deploy",
                Fixtures.deploy().name("Service").build(),
                CodeBuildAction.builder()
                    .name("SmokeTests")
                    .project(smoke)
                    .test(true)
                    .inputs("Source")
                    .runOrder(2)
                    .build()))
        .name("graph-sample")
        .build();
  }
}
