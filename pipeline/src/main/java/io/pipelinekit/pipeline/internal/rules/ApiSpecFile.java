package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * {@code pipeline-api-spec-file}: An API publication's specFile is a relative path without '..'
 * that no other generated or built file uses. Page: {@code docs/rules/pipeline-api-spec-file.md}.
 */
final class ApiSpecFile extends PipelineRule {

  /** The files {@code pipeline build} writes besides the merged API documents. */
  private static final Pattern GENERATED =
      Pattern.compile(
          "pipeline\\.json|pipeline\\.mmd|buildspec(-[^/]+)?\\.yaml"
              + "|codebuild-project(-[^/]+)?\\.json|(iam|cloudformation)/.*");

  // The merged document is one more file of the build output (Synthesis.files()) and of the
  // build's working folder: it must not replace another one. Relative, as the buildspec's paths
  // are relative to the primary source folder
  // (https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html).
  static boolean generated(String name) {
    return GENERATED.matcher(name).matches();
  }

  ApiSpecFile() {
    super(
        "pipeline-api-spec-file",
        "An API publication's specFile is a relative path without '..' that no other generated or built file uses.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (project.api().isEmpty()) {
        continue;
      }
      ApiPublication api = project.api().get();
      String at = Model.project(project) + " API " + api.restApiId();
      String spec = api.specFile();
      String problem = null;
      if (spec.startsWith("/") || spec.contains("\\") || spec.matches("[A-Za-z]:.*")) {
        problem = "must be a relative path";
      } else if (Arrays.asList(spec.split("/", -1)).contains("..")) {
        problem = "must not contain '..'";
      } else if (spec.endsWith("/") || Arrays.asList(spec.split("/", -1)).contains("")) {
        problem = "must name a file";
      } else if (generated(spec)) {
        problem = "is a file that pipeline build writes itself";
      } else if (spec.equals(project.imageDefinitionsFile())
          || spec.equals(CodeBuildProject.IMAGE_DETAIL_FILE)) {
        problem = "is a file the build writes for the deploy";
      } else if (api.fragments().contains(spec)) {
        problem = "is one of the fragments it is merged from";
      }
      if (problem != null) {
        report.problem(
            at,
            at
                + ": specFile '"
                + spec
                + "' "
                + problem
                + "; use a relative file name of its own, e.g. .specFile(\"openapi.yaml\")");
      }
    }
  }
}
