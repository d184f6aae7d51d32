package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.ToolInstall;
import java.util.regex.Pattern;

/**
 * {@code pipeline-tool-source}: A source tool install runs a launcher inside the repository and
 * keeps the Maven repository in a cache. Page: {@code docs/rules/pipeline-tool-source.md}.
 */
final class ToolSource extends PipelineRule {
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._/-]+");

  ToolSource() {
    super(
        "pipeline-tool-source",
        "A source tool install runs a launcher inside the repository and caches the Maven"
            + " repository.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      ToolInstall install = project.toolInstall();
      if (install.kind() != ToolInstall.Kind.FROM_SOURCE) {
        continue;
      }
      String where = Model.project(project);
      String launcher = install.launcher().orElseThrow();
      boolean outside = launcher.startsWith("/") || ("/" + launcher + "/").contains("/../");
      if (!PATH.matcher(launcher).matches() || outside || launcher.endsWith("/")) {
        report.problem(
            where,
            where
                + ": tool launcher '"
                + launcher
                + "' is not a relative path inside the repository (letters, digits, . _ - /,"
                + " no '..'); e.g. ToolInstall.fromSource(\"bin/pipeline\")");
      }
      BuildCache cache = project.cache();
      boolean keepsPaths =
          cache.type() == BuildCache.Type.S3
              || (cache.type() == BuildCache.Type.LOCAL
                  && cache.modes().contains(BuildCache.LocalMode.LOCAL_CUSTOM_CACHE));
      if (!keepsPaths) {
        report.problem(
            where,
            where
                + ": builds the tool from source without a cache for the Maven repository, so"
                + " every build downloads it again; add BuildCache.LocalMode.LOCAL_CUSTOM_CACHE"
                + " to the cache (the default) or use an S3 cache");
      }
    }
  }
}
