package io.pipelinekit.cli;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineGraph;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline graph}: the pipeline as a Mermaid or Graphviz picture on standard output. */
final class GraphCommand implements Callable<Integer> {
  enum Format {
    mermaid,
    dot
  }

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  DefinitionOptions definition = new DefinitionOptions();

  Format format;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "graph");
    s.description(
        "Prints the pipeline as a picture: stages, actions and the artifacts between them.");
    s.exitCodes("0:printed", "2:usage error or the definition breaks a rule");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(definition.specs());
    definition.mixee = s.spec();
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("mermaid")
        .description("mermaid or dot (default: ${DEFAULT-VALUE}).");
    return s.build();
  }

  @Override
  public Integer call() {
    Pipeline pipeline = definition.load();
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.dot ? PipelineGraph.dot(pipeline) : PipelineGraph.mermaid(pipeline));
    out.flush();
    return ExitCodes.OK;
  }
}
