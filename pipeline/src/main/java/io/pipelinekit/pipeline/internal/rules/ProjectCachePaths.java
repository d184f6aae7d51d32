package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-project-cache-paths}: A local custom cache has paths to keep, and cache paths
 * have a cache that keeps them. Page: {@code docs/rules/pipeline-project-cache-paths.md}.
 *
 * <p>A local custom cache keeps only the directories the buildspec's {@code cache: paths} lists; an
 * S3 cache keeps those paths (or, with none, what CodeBuild guesses); no cache and the local source
 * and Docker layer modes keep none of them:
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-caching.html,
 * https://docs.aws.amazon.com/codebuild/latest/userguide/caching-local.html.
 */
final class ProjectCachePaths extends PipelineRule {

  ProjectCachePaths() {
    super(
        "pipeline-project-cache-paths",
        "A local custom cache has paths to keep, and cache paths have a cache that keeps them.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      BuildCache cache = project.cache();
      boolean custom =
          cache.type() == BuildCache.Type.LOCAL
              && cache.modes().contains(BuildCache.LocalMode.LOCAL_CUSTOM_CACHE);
      boolean keepsPaths = custom || cache.type() == BuildCache.Type.S3;
      String where = Model.project(project);
      if (custom && project.cachePaths().isEmpty()) {
        report.problem(
            where,
            where
                + ": has a local custom cache (LOCAL_CUSTOM_CACHE) but the buildspec lists no"
                + " cache paths, so it keeps nothing; add .cachePaths(\"/root/.m2/**/*\") (the"
                + " folders your build downloads into) or drop LOCAL_CUSTOM_CACHE");
      } else if (!keepsPaths && !project.extraCachePaths().isEmpty()) {
        report.problem(
            where,
            where
                + ": lists cache paths "
                + project.extraCachePaths()
                + " but its cache ("
                + cache.type()
                + (cache.modes().isEmpty() ? "" : " " + cache.modes())
                + ") keeps none of them; add LocalMode.LOCAL_CUSTOM_CACHE, use an S3 cache, or"
                + " leave the cache to its default");
      }
    }
  }
}
