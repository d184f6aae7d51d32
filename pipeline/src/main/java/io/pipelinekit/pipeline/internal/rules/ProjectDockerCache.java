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
              && project.cache().modes().contains(BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE))
          && project.cache().type() != BuildCache.Type.S3) {
        String where = Model.project(project);
        report.problem(
            where,
            where
                + ": builds container images without a Docker layer cache; use"
                + " BuildCache.local(LocalMode.LOCAL_DOCKER_LAYER_CACHE) (the default)");
      }
    }
  }
}
