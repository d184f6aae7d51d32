package io.pipelinekit.cli;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Synthesis;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline build}: synthesizes every file AWS needs for a pipeline definition. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    description = {
      "Synthesizes every file AWS needs for a pipeline definition, checked against CodePipeline's"
          + " and CodeBuild's rules first: buildspec.yaml, pipeline.json (CreatePipeline input),"
          + " codebuild-project.json (CreateProject input), iam/*.json (least-privilege role"
          + " policies), pipeline.mmd and the merged openapi.yaml.",
      "Every file is rendered in memory and the whole set is written into a fresh hidden folder"
          + " beside DIR, which then replaces DIR in one step: a failure, or a kill at any moment,"
          + " leaves the complete earlier set or the complete new one. DIR then holds exactly the"
          + " new files (and .pipelinekit-output, their list); anything in it that pipeline build"
          + " did not write is refused (exit 2), as is a DIR that is not a folder. The same"
          + " definition gives the same bytes. Nothing is written when a rule is broken."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:written",
      "2:usage error, the definition breaks a rule (every problem listed), an API fragment is"
          + " invalid, or --out holds what pipeline build did not write"
    })
final class BuildCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin DefinitionOptions definition;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: ${DEFAULT-VALUE}).",
      defaultValue = "build/pipeline")
  Path out;

  @Option(
      names = "--source-root",
      paramLabel = "DIR",
      description =
          "The repository the definition's relative paths (API fragments) refer to; nothing"
              + " outside it is read (default: the current folder).",
      defaultValue = ".")
  Path sourceRoot;

  @Option(
      names = "--list-parameters",
      description =
          "List the definition's parameters (-P NAME=VALUE) with their defaults; write nothing.")
  boolean listParameters;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    if (listParameters) {
      definition
          .describeParameters()
          .forEach(
              (name, value) -> stdout.println(name + "=" + (value == null ? "(required)" : value)));
      stdout.flush();
      return ExitCodes.OK;
    }
    OutputFiles.requireNotEmpty(spec, "--out", out);
    OutputFiles.prepareToReplace(out);
    Pipeline pipeline = definition.load();
    Synthesis synthesis = Synthesis.of(pipeline, sourceRoot);
    Path dir = out.toAbsolutePath().normalize();
    OutputFiles.writeAll(dir, synthesis.files());
    synthesis.summary().forEach(stdout::println);
    PrintWriter stderr = spec.commandLine().getErr();
    synthesis.warnings().forEach(w -> stderr.println("pipeline: warning: " + w));
    stderr.flush();
    stdout.println("wrote " + synthesis.files().size() + " files to " + out + ":");
    for (Map.Entry<String, String> file : synthesis.files().entrySet()) {
      stdout.printf(
          "  %-32s %7d bytes%n",
          file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8).length);
    }
    stdout.flush();
    return ExitCodes.OK;
  }
}
