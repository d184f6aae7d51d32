package io.pipelinekit.pipeline;

/** What a Git source action puts into its output artifact. */
public enum OutputArtifactFormat {
  /** A ZIP of the commit (the default). */
  CODE_ZIP,
  /** A reference CodeBuild uses to clone the repository with Git metadata (CodeBuild only). */
  CODEBUILD_CLONE_REF
}
