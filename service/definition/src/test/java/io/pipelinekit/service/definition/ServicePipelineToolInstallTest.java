package io.pipelinekit.service.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.ToolInstall;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the bundled service's CodeBuild project installs the tool: parameter {@code toolRepository}.
 */
class ServicePipelineToolInstallTest {
  private static ToolInstall toolInstall(Map<String, String> parameters) {
    Parameters p = Parameters.of(parameters);
    ToolInstall install = new ServicePipeline().define(p).codeBuildProjects().get(0).toolInstall();
    p.checkAllUsed();
    return install;
  }

  @Test
  void byDefault_buildsTheToolFromTheCheckout() {
    ToolInstall install = toolInstall(Map.of());
    assertThat(install.kind()).isEqualTo(ToolInstall.Kind.FROM_SOURCE);
    assertThat(install.launcher()).hasValue("bin/pipeline");
  }

  @Test
  void withToolRepository_fetchesThePinnedJarFromThatRepository() {
    ToolInstall install = toolInstall(Map.of("toolRepository", "file:///srv/maven"));
    assertThat(install.kind()).isEqualTo(ToolInstall.Kind.MAVEN_REPOSITORY);
    assertThat(install.repositoryUrl()).hasValue("file:///srv/maven");
  }
}
