package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static io.pipelinekit.pipeline.Fixtures.valid;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The failing and passing fixtures of the rules that keep the generated inputs inside AWS's API
 * model (issue 13): {@code pipeline-project-description}, {@code pipeline-project-environment},
 * {@code pipeline-tag-limits}, {@code pipeline-variable-limits} and the net, {@code
 * pipeline-aws-model}. Each failing one sits just past the limit, each passing one on it.
 */
final class AwsModelFixtures {
  private AwsModelFixtures() {}

  static void addTo(Map<String, PipelineRuleFixtures.Case> cases) {
    put(
        cases,
        "pipeline-project-description",
        () -> withProject(project().description("d".repeat(256))),
        () -> withProject(project().description("d".repeat(255))));
    put(
        cases,
        "pipeline-project-environment",
        () -> withProject(project().computeType("BUILD_GENERAL1_HUGE")),
        () -> withProject(project().computeType("BUILD_GENERAL1_LARGE")));
    put(
        cases,
        "pipeline-tag-limits",
        () -> valid().tag("k".repeat(128), "v".repeat(255)),
        () -> valid().tag("k".repeat(127), "v".repeat(255)));
    put(
        cases,
        "pipeline-variable-limits",
        () -> valid().variables(PipelineVariable.of("Env", "dev", "d".repeat(201))),
        () -> valid().variables(PipelineVariable.of("Env", "dev", "d".repeat(200))));
    put(
        cases,
        "pipeline-aws-model",
        () -> withApproval(ManualApprovalAction.builder().name("Approve").customData("")),
        () -> withApproval(ManualApprovalAction.builder().name("Approve").customData("Ship it?")));
  }

  /** {@code n} variables named V0, V1, … */
  static List<PipelineVariable> variables(int n) {
    List<PipelineVariable> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(PipelineVariable.of("V" + i, "x"));
    }
    return all;
  }

  private static void put(
      Map<String, PipelineRuleFixtures.Case> cases,
      String id,
      Supplier<Pipeline.Builder> failing,
      Supplier<Pipeline.Builder> passing) {
    cases.put(id, new PipelineRuleFixtures.Case(failing, passing, Set.of()));
  }

  private static Pipeline.Builder withProject(CodeBuildProject.Builder project) {
    return pipeline(
        Stage.named("Source", source()),
        Stage.named("Build", build().project(project.build()).build()),
        Stage.named("Deploy", deploy().build()));
  }

  private static Pipeline.Builder withApproval(ManualApprovalAction.Builder approval) {
    return valid().stage(Stage.named("Approve", approval.build()));
  }
}
