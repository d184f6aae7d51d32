package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.buildspec.Artifacts;
import io.pipelinekit.buildspec.BuildSpec;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the rules assume about the buildspecs holds for the buildspecs actually synthesized: the
 * files a deploy reads are in the artifact it reads, each output is a secondary artifact, and each
 * referenced variable is exported.
 */
class SynthesisConsistencyTest {
  private static final Pattern IMAGE_DEFINITIONS_NAMES = Pattern.compile(" ([A-Za-z0-9_-]+)=\\S+");

  @Test
  void deployInputs_holdTheFilesTheDeploysRead_inTheSynthesizedBuildspecs() {
    for (Pipeline p : List.of(Fixtures.valid().build(), KitchenSink.pipeline())) {
      Synthesis s = Synthesis.of(p, TestTool.ARTIFACT);
      for (Action action : p.actions()) {
        if (action instanceof EcsDeployAction ecs) {
          assertThat(files(p, s, ecs.input())).as(p.name()).contains(ecs.fileName());
        }
        if (action instanceof CodeDeployToEcsAction bg) {
          for (CodeDeployToEcsAction.Image image : bg.images()) {
            assertThat(files(p, s, image.artifact())).contains("imageDetail.json");
          }
        }
        if (action instanceof CodeBuildAction build && build.outputArtifacts().size() > 1) {
          BuildSpec spec = s.buildSpecs().get(build.project().name());
          assertThat(spec.artifacts().orElseThrow().secondaryArtifacts().keySet())
              .containsExactlyInAnyOrderElementsOf(build.outputArtifacts());
        }
      }
    }
  }

  @Test
  void imageDefinitionsCommand_namesExactlyTheTaskDefinitionsContainers() {
    Pipeline p = Fixtures.valid().build();
    BuildSpec spec = Synthesis.of(p, TestTool.ARTIFACT).buildSpecs().get("service-build");
    String command =
        spec.postBuild().orElseThrow().commands().stream()
            .filter(c -> c.contains(" image-definitions -o "))
            .findFirst()
            .orElseThrow();
    Matcher m = IMAGE_DEFINITIONS_NAMES.matcher(command);
    List<String> names = new java.util.ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    EcsDeployAction deploy = (EcsDeployAction) p.stages().get(2).actions().get(0);
    assertThat(names).isEqualTo(deploy.taskDefinition().orElseThrow().containers());
  }

  @Test
  void referencedVariables_areExportedByTheSynthesizedBuildspec() {
    Pipeline p = KitchenSink.pipeline();
    BuildSpec spec = Synthesis.of(p, TestTool.ARTIFACT).buildSpecs().get("kitchen-images");
    assertThat(spec.env().orElseThrow().exportedVariables()).contains("IMAGE_TAG", "VERSION");
  }

  private static List<String> files(Pipeline p, Synthesis s, String artifact) {
    for (Action action : p.actions()) {
      if (action instanceof CodeBuildAction build && build.outputArtifacts().contains(artifact)) {
        Artifacts artifacts = s.buildSpecs().get(build.project().name()).artifacts().orElseThrow();
        if (build.outputArtifacts().size() > 1 || !artifacts.secondaryArtifacts().isEmpty()) {
          return artifacts.secondaryArtifacts().get(artifact).files();
        }
        return artifacts.files();
      }
    }
    throw new AssertionError("no CodeBuild action outputs " + artifact);
  }
}
