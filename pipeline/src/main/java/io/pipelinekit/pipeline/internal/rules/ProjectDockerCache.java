package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-project-docker-cache}: A CodeBuild project that builds container images caches
 * Docker layers. Page: {@code docs/rules/pipeline-project-docker-cache.md}.
 */
final class ProjectDockerCache extends PipelineRule {

  ProjectDockerCache() {
    super(
        "pipeline-project-docker-cache",
        "A CodeBuild project that builds container images caches Docker layers.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (!project.images().isEmpty()
          && !(project.cache().type() == BuildCache.Type.LOCAL
              && project.cache().modes().contains(BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE))) {
        // Docker layers are cached by a local cache mode only; an S3 cache keeps the buildspec's
        // cache paths, never Docker layers:
        // https://docs.aws.amazon.com/codebuild/latest/userguide/build-caching.html
        String where = Model.project(project);
        String why =
            project.cache().type() == BuildCache.Type.S3
                ? ": builds container images with an S3 cache, which keeps the buildspec's cache"
                    + " paths but never Docker layers (LOCAL_DOCKER_LAYER_CACHE is a local cache"
                    + " mode only)"
                : ": builds container images without a Docker layer cache";
        report.problem(
            where,
            where
                + why
                + "; use BuildCache.local(LocalMode.LOCAL_DOCKER_LAYER_CACHE) (the default)");
      }
    }
  }
}
