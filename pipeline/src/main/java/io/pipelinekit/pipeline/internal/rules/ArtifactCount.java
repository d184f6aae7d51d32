package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeDeployToEcsAction;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-artifact-count}: Each action type takes and produces the number of artifacts
 * CodePipeline allows. Page: {@code docs/rules/pipeline-artifact-count.md}.
 */
final class ArtifactCount extends PipelineRule {

  /** A problem when the action's {@code kind} (input/output) artifacts are not min–max. */
  private static void count(
      Report report,
      Stage stage,
      Action action,
      String verb,
      String kind,
      int count,
      int min,
      int max) {
    if (count < min || count > max) {
      String where = Model.at(stage, action);
      report.problem(
          where,
          where
              + ": "
              + action.provider()
              + " actions "
              + verb
              + " "
              + range(min, max)
              + " "
              + kind
              + " artifact"
              + (max == 1 ? "" : "s")
              + ", this one has "
              + count
              + "; "
              + (count > max ? "remove " + kind + "s" : "add an " + kind));
    }
  }

  /** Input min, max, output min, max per action type. */
  private static int[] limits(Action action) {
    if (action instanceof Source) {
      return new int[] {0, 0, 1, 1};
    } else if (action instanceof CodeBuildAction) {
      return new int[] {1, 5, 0, 5};
    } else if (action instanceof EcsDeployAction) {
      return new int[] {1, 1, 0, 0};
    } else if (action instanceof CodeDeployToEcsAction) {
      return new int[] {1, 3, 0, 0};
    } else {
      return new int[] {0, 0, 0, 0};
    }
  }

  private static String range(int min, int max) {
    return min == max ? String.valueOf(min) : min + "–" + max;
  }

  ArtifactCount() {
    super(
        "pipeline-artifact-count",
        "Each action type takes and produces the number of artifacts CodePipeline allows.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        int[] limits = limits(action);
        count(
            report,
            stage,
            action,
            "take",
            "input",
            action.inputArtifacts().size(),
            limits[0],
            limits[1]);
        count(
            report,
            stage,
            action,
            "produce",
            "output",
            action.outputArtifacts().size(),
            limits[2],
            limits[3]);
      }
    }
  }
}
