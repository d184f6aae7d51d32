package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A shared base pipeline specialised with {@code toBuilder()}: collection setters replace (as in
 * the AWS SDK v2), the {@code add…}, {@code insert…}, {@code replace…} and {@code remove…} methods
 * change one element.
 */
class SpecialisingTest {

  private static List<String> stageNames(Pipeline p) {
    return p.stages().stream().map(Stage::name).toList();
  }

  private static final Stage APPROVE =
      Stage.named("Approve", ManualApprovalAction.named("Approve"));

  @Test
  void stages_onToBuilder_replacesTheBaseStages() {
    Pipeline base = valid().build();

    Pipeline p =
        base.toBuilder()
            .stages(
                Stage.named("Source", source()),
                Stage.named("Build", build().build()),
                APPROVE,
                Stage.named("Deploy", deploy().build()))
            .build();

    assertThat(stageNames(p)).containsExactly("Source", "Build", "Approve", "Deploy");
  }

  @Test
  void insertStageBeforeAndAfter_putTheStageNextToTheNamedOne() {
    Pipeline base = valid().build();

    assertThat(stageNames(base.toBuilder().insertStageBefore("Deploy", APPROVE).build()))
        .containsExactly("Source", "Build", "Approve", "Deploy");
    assertThat(stageNames(base.toBuilder().insertStageAfter("Build", APPROVE).build()))
        .containsExactly("Source", "Build", "Approve", "Deploy");
    assertThat(stageNames(base.toBuilder().insertStage(2, APPROVE).build()))
        .containsExactly("Source", "Build", "Approve", "Deploy");
    assertThat(stageNames(base.toBuilder().addStage(APPROVE).build()))
        .containsExactly("Source", "Build", "Deploy", "Approve");
  }

  @Test
  void replaceStage_changesOneStage_andKeepsTheRest() {
    Pipeline base = valid().build();
    Stage prod =
        Stage.named("Deploy", deploy().clusterName("prod").serviceName("service-prod").build());

    Pipeline p = base.toBuilder().name("service-prod").replaceStage("Deploy", prod).build();

    assertThat(p.stages().get(2)).isEqualTo(prod);
    assertThat(p.stages().subList(0, 2)).isEqualTo(base.stages().subList(0, 2));
    assertThat(base.stages().get(2)).isNotEqualTo(prod);
  }

  @Test
  void replaceAction_changesOneActionOfAStage() {
    Stage base = Stage.named("Deploy", deploy().build(), ManualApprovalAction.named("Check"));
    EcsDeployAction prod = deploy().clusterName("prod").build();

    Stage s = base.toBuilder().replaceAction("Deploy", prod).build();

    assertThat(s.actions()).containsExactly(prod, ManualApprovalAction.named("Check"));
    assertThat(base.toBuilder().removeAction("Check").build().actions())
        .containsExactly(deploy().build());
    assertThat(base.toBuilder().addAction(ManualApprovalAction.named("More")).build().actions())
        .hasSize(3);
  }

  @Test
  void removeStage_dropsTheNamedStage() {
    Pipeline withApproval =
        valid().build().toBuilder().insertStageBefore("Deploy", APPROVE).build();

    assertThat(stageNames(withApproval.toBuilder().removeStage("Approve").build()))
        .containsExactly("Source", "Build", "Deploy");
  }

  @Test
  void replaceStage_whenNoStageHasTheName_rejectsNamingTheStagesThereAre() {
    assertThatThrownBy(() -> valid().build().toBuilder().replaceStage("Deplyo", APPROVE))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "pipeline 'service': no stage named 'Deplyo'; there are 'Source', 'Build', 'Deploy'");
    assertThatThrownBy(() -> valid().build().toBuilder().insertStage(9, APPROVE))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("cannot insert a stage at position 9; use 0–3");
  }

  @Test
  void projectCollections_onToBuilder_replace_andAddImageAdds() {
    CodeBuildProject base =
        Fixtures.project()
            .environmentVariables(EnvironmentVariable.plaintext("STAGE", "dev"))
            .build();
    ContainerImage worker = ContainerImage.of("worker", "service/worker", "Dockerfile");

    CodeBuildProject replaced = base.toBuilder().images(worker).build();
    CodeBuildProject added = base.toBuilder().addImage(worker).build();
    CodeBuildProject swapped =
        base.toBuilder()
            .replaceImage("nginx", worker)
            .environmentVariables(EnvironmentVariable.plaintext("STAGE", "prod"))
            .build();

    assertThat(replaced.images()).containsExactly(worker);
    assertThat(added.images())
        .extracting(ContainerImage::containerName)
        .containsExactly("app", "nginx", "worker");
    assertThat(swapped.images())
        .extracting(ContainerImage::containerName)
        .containsExactly("app", "worker");
    assertThat(swapped.environmentVariables())
        .containsExactly(EnvironmentVariable.plaintext("STAGE", "prod"));
  }

  @Test
  void projectDefaults_onToBuilder_followTheNewSettings() {
    CodeBuildProject tests =
        CodeBuildProject.builder()
            .name("service-tests")
            .serviceRoleArn("arn:aws:iam::111122223333:role/service-codebuild")
            .build();

    CodeBuildProject images =
        tests.toBuilder()
            .name("service-images")
            .images(ContainerImage.of("app", "service/app", "Dockerfile"))
            .build();

    assertThat(tests.cache()).isEqualTo(BuildCache.none());
    assertThat(images.cache())
        .isEqualTo(
            BuildCache.local(
                BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE,
                BuildCache.LocalMode.LOCAL_SOURCE_CACHE));
    assertThat(images.logGroupName()).isEqualTo("/aws/codebuild/service-images");
  }

  @Test
  void taskDefinitionContainers_onToBuilder_replace_andAddContainerAdds() {
    TaskDefinition base = Fixtures.taskDefinition().build();

    assertThat(base.toBuilder().containers("worker").build().containers())
        .containsExactly("worker");
    assertThat(base.toBuilder().addContainer("worker").build().containers())
        .containsExactly("app", "nginx", "worker");
  }

  @Test
  void patternsExcluding_keepsTheExcludesAlreadyThere() {
    Patterns p = Patterns.include("main").excluding("a").excluding("b");

    assertThat(p.excludes()).containsExactly("a", "b");
    assertThat(p.toBuilder().excludes(List.of("c")).build().excludes()).containsExactly("c");
  }
}
