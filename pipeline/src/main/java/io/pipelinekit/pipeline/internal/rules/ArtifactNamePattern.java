package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.regex.Pattern;

/**
 * {@code pipeline-artifact-name-pattern}: Artifact names use 1–100 characters from A-Z a-z 0-9 _ -
 * (no dots or spaces). Page: {@code docs/rules/pipeline-artifact-name-pattern.md}.
 */
final class ArtifactNamePattern extends PipelineRule {

  static final Pattern ARTIFACT = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  ArtifactNamePattern() {
    super(
        "pipeline-artifact-name-pattern",
        "Artifact names use 1–100 characters from A-Z a-z 0-9 _ - (no dots or spaces).");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        for (String artifact : Model.concat(action.inputArtifacts(), action.outputArtifacts())) {
          if (!ARTIFACT.matcher(artifact).matches()) {
            String where = Model.at(stage, action);
            report.problem(
                where,
                where
                    + ": artifact name '"
                    + artifact
                    + "' is not allowed: use 1–100 characters from A-Z a-z 0-9 _ - (no dots or"
                    + " spaces)");
          }
        }
      }
    }
  }
}
