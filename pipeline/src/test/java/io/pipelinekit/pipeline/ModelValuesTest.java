package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** Value semantics where they matter: one project used twice, text that is safe to log. */
class ModelValuesTest {

  private static CodeBuildProject.Builder project(ContainerImage... images) {
    return CodeBuildProject.builder()
        .name("service-build")
        .serviceRoleArn("arn:aws:iam::111122223333:role/service-codebuild")
        .images(images);
  }

  private static Pipeline.Builder buildingTwice(CodeBuildProject first, CodeBuildProject second) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named(
            "Build",
            build().project(first).build(),
            CodeBuildAction.builder()
                .name("Again")
                .project(second)
                .inputs("Source")
                .outputs("Other")
                .runOrder(2)
                .build()),
        Stage.named("Deploy", deploy().build()));
  }

  private static ContainerImage app() {
    return ContainerImage.of("app", "service/app", "service/release/app/Dockerfile");
  }

  private static ContainerImage nginx() {
    return ContainerImage.of("nginx", "service/nginx", "service/release/nginx/Dockerfile");
  }

  @Test
  void build_whenTheSameProjectIsBuiltTwiceFromSeparateObjects_acceptsItAsOneProject() {
    CodeBuildProject first = project(app(), nginx()).timeoutInMinutes(30).build();
    CodeBuildProject second = project(app(), nginx()).timeoutInMinutes(30).build();
    assertThat(first.images().get(0)).isNotSameAs(second.images().get(0));

    Pipeline p = buildingTwice(first, second).build();

    assertThat(p.codeBuildProjects()).containsExactly(first);
  }

  @Test
  void build_whenTwoProjectsShareAnImageObjectButNotTheTimeout_rejectsAsDefinedTwice() {
    ContainerImage app = app();
    ContainerImage nginx = nginx();
    CodeBuildProject first = project(app, nginx).timeoutInMinutes(60).build();
    CodeBuildProject second = project(app, nginx).timeoutInMinutes(480).build();

    DefinitionException e =
        catchThrowableOfType(DefinitionException.class, () -> buildingTwice(first, second).build());

    assertThat(e).as("expected the second definition to be rejected").isNotNull();
    assertThat(e.messages())
        .containsExactly(
            "CodeBuild project 'service-build' is defined twice with different settings; use one"
                + " object or rename one");
  }

  @Test
  void toString_namesTheTypeAndSettings_likeSdkV2() {
    ContainerImage image =
        ContainerImage.builder()
            .containerName("app")
            .repository("service/app")
            .target("runtime")
            .build();

    assertThat(image.toString())
        .startsWith(
            "ContainerImage(containerName=app, repository=service/app, dockerfile=Dockerfile")
        .contains("target=runtime")
        .doesNotContain("registryAccount")
        .endsWith(")");
  }

  @Test
  void toString_neverPrintsPlaintextValuesOrBuildArgValues() {
    String secret = "AKIAABCDEFGHIJKLMNOP";
    EnvironmentVariable plain = EnvironmentVariable.plaintext("DEPLOY_KEY", secret);
    ContainerImage image = app().toBuilder().buildArg("NPM_TOKEN", secret).build();
    CodeBuildProject project = project(image, nginx()).environmentVariables(plain).build();

    assertThat(plain.toString())
        .isEqualTo("EnvironmentVariable(name=DEPLOY_KEY, type=PLAINTEXT, value=*** redacted ***)");
    assertThat(image.toString()).contains("NPM_TOKEN").doesNotContain(secret);
    assertThat(project.toString()).contains("DEPLOY_KEY").doesNotContain(secret);
    assertThat(EnvironmentVariable.secretsManager("DB", "orders/db:password").toString())
        .contains("value=orders/db:password");
  }

  @Test
  void stageOf_whenEqualActionsSitInTwoStages_findsEachByIdentity() {
    ManualApprovalAction first = ManualApprovalAction.named("Approve");
    ManualApprovalAction second = ManualApprovalAction.named("Approve");
    Pipeline p =
        pipeline(
                Stage.named("Source", source()),
                Stage.named("Build", build().build()),
                Stage.named("ApproveStaging", first),
                Stage.named("ApproveProd", second),
                Stage.named("Deploy", deploy().build()))
            .build();

    assertThat(first).isEqualTo(second);
    assertThat(p.stageOf(first).orElseThrow().name()).isEqualTo("ApproveStaging");
    assertThat(p.stageOf(second).orElseThrow().name()).isEqualTo("ApproveProd");
  }
}
