package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.ToolInstall;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * {@code pipeline-tool-repository-url}: A Maven repository the tool is installed from is an https
 * (or, for tests, file) URL without credentials, query or fragment. Page: {@code
 * docs/rules/pipeline-tool-repository-url.md}.
 */
final class ToolRepositoryUrl extends PipelineRule {

  ToolRepositoryUrl() {
    super(
        "pipeline-tool-repository-url",
        "A Maven repository the tool is installed from is an https (or file) URL without"
            + " credentials, query or fragment.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      ToolInstall install = project.toolInstall();
      if (install.kind() != ToolInstall.Kind.MAVEN_REPOSITORY) {
        continue;
      }
      String url = install.repositoryUrl().orElseThrow();
      String problem = problem(url);
      if (problem != null) {
        String where = Model.project(project);
        report.problem(
            where,
            where
                + ": tool repository '"
                + url
                + "' "
                + problem
                + "; use e.g. ToolInstall.mavenRepository(\"https://repo.example.com/maven2\")");
      }
    }
  }

  private static String problem(String url) {
    if (url.isBlank()) {
      return "is blank";
    }
    for (int i = 0; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c <= ' ' || c == '\'' || c == '"' || c == '\\' || c == '`' || c == '$' || c > '~') {
        return "holds a character a URL does not (a space, quote, '$' or '\\')";
      }
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      return "is not a URL (" + e.getReason() + ")";
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("file")) {
      return "is not an https URL (" + (scheme.isEmpty() ? "no scheme" : scheme) + ")";
    }
    if (uri.getRawUserInfo() != null) {
      // The URL is written into the buildspec in plain text.
      return "holds credentials, which would be written into the buildspec in plain text";
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return "has a query or fragment, so the artifact path cannot be appended";
    }
    if (scheme.equals("https") && (uri.getHost() == null || uri.getHost().isEmpty())) {
      return "has no host";
    }
    return null;
  }
}
