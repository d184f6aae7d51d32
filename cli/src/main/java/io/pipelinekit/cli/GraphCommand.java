package io.pipelinekit.cli;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineGraph;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pipeline graph}: the pipeline as a Mermaid or Graphviz picture on standard output. */
@Command(
    name = "graph",
    mixinStandardHelpOptions = true,
    description =
        "Prints the pipeline as a picture: stages, actions and the artifacts between them.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:usage error or the definition breaks a rule"})
final class GraphCommand implements Callable<Integer> {
  enum Format {
    mermaid,
    dot
  }

  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Mixin DefinitionOptions definition;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "mermaid or dot (default: ${DEFAULT-VALUE}).",
      defaultValue = "mermaid")
  Format format;

  @Override
  public Integer call() {
    Pipeline pipeline = definition.load();
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.dot ? PipelineGraph.dot(pipeline) : PipelineGraph.mermaid(pipeline));
    out.flush();
    return ExitCodes.OK;
  }
}
