package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinekit.core.Finding;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 9 item 5 and issue 8 item 5: the API publication's specFile and execution mode. */
class ApiSpecFileRuleTest {

  private static Pipeline.Builder publishingAs(String specFile) {
    ApiPublication api =
        ApiPublication.of("a1b2c3d4e5", "dev", "service/api/openapi.yaml", "service/api/ops.yaml")
            .toBuilder()
            .specFile(specFile)
            .build();
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().project(project().api(api).build()).build()),
        Stage.named("Deploy", deploy().build()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pipeline.json",
        "pipeline.mmd",
        "buildspec.yaml",
        "codebuild-project.json",
        "iam/pipeline-role-policy.json",
        "cloudformation/pipeline.template.json",
        "../escape.yaml",
        "api/../../escape.yaml",
        "/tmp/openapi.yaml",
        "C:\\\\openapi.yaml",
        "api/",
        "imagedefinitions.json",
        "imageDetail.json",
        "service/api/ops.yaml"
      })
  void build_whenSpecFileClashesOrEscapes_rejectsWithRuleId(String specFile) {
    DefinitionException e =
        catchThrowableOfType(DefinitionException.class, () -> publishingAs(specFile).build());
    assertThat(e).as(specFile).isNotNull();
    assertThat(e.problems()).extracting(Finding::ruleId).containsExactly("pipeline-api-spec-file");
    assertThat(e.problems().get(0).message())
        .startsWith("CodeBuild project 'service-build' API a1b2c3d4e5: specFile '" + specFile + "'")
        .contains("use a relative file name of its own");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openapi.yaml", "api/openapi.json", "published/service-api.yaml"})
  void build_whenSpecFileIsItsOwnRelativeFile_accepts(String specFile) {
    Pipeline p = publishingAs(specFile).build();
    assertThat(Synthesis.of(p, TestTool.ARTIFACT).files()).doesNotContainKey(specFile);
  }

  @ParameterizedTest
  @EnumSource(ExecutionMode.class)
  void build_publishingApi_rejectsOnlyParallelExecution(ExecutionMode mode) {
    Pipeline.Builder b = valid().executionMode(mode);
    if (mode == ExecutionMode.PARALLEL) {
      DefinitionException e = catchThrowableOfType(DefinitionException.class, b::build);
      assertThat(e.problems())
          .extracting(Finding::ruleId)
          .containsExactly("pipeline-api-execution-mode");
      assertThat(e.getMessage())
          .contains(
              "runs in PARALLEL execution mode, so two executions can publish to stage 'dev'");
    } else {
      assertThat(b.build().executionMode()).contains(mode);
    }
  }
}
