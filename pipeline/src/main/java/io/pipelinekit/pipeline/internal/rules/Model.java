package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;
import java.util.ArrayList;
import java.util.List;

/** What several rules need to know about a pipeline: places, producers, artifact files. */
final class Model {
  private Model() {}

  /** An action with its stage and that stage's index. */
  record Position(int stageIndex, Stage stage, Action action) {}

  /** {@code stage 'S' action 'A'}, as every message names an action. */
  static String at(Stage stage, Action action) {
    return "stage '" + stage.name() + "' action '" + action.name() + "'";
  }

  /** {@code pipeline 'P'}. */
  static String pipeline(Pipeline pipeline) {
    return "pipeline '" + pipeline.name() + "'";
  }

  /** {@code CodeBuild project 'P'}. */
  static String project(CodeBuildProject project) {
    return "CodeBuild project '" + project.name() + "'";
  }

  /** The action producing an artifact, if any. */
  static Action producer(Pipeline pipeline, String artifact) {
    for (Action action : pipeline.actions()) {
      if (action.outputArtifacts().contains(artifact)) {
        return action;
      }
    }
    return null;
  }

  /** The files a CodeBuild project puts into one of its action's output artifacts. */
  static List<String> filesOf(CodeBuildAction build, String artifact) {
    CodeBuildProject project = build.project();
    if (build.outputArtifacts().size() > 1 || !project.secondaryArtifacts().isEmpty()) {
      List<String> secondary = project.secondaryArtifacts().get(artifact);
      return secondary == null ? List.of() : secondary;
    }
    return project.artifactFiles();
  }

  static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
