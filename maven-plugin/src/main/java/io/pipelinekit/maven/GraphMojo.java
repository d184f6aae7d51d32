package io.pipelinekit.maven;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineGraph;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * {@code pipeline:graph}: the project's pipeline as a picture — stages, actions and the artifacts
 * between them — in {@code target/pipeline/pipeline.mmd} (Mermaid) or {@code pipeline.dot}
 * (Graphviz).
 */
@Mojo(
    name = "graph",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class GraphMojo extends DefinitionMojo {
  /** {@code mermaid} or {@code dot}. */
  @Parameter(property = "pipeline.graph.format", defaultValue = "mermaid")
  String format;

  @Override
  String goal() {
    return "graph";
  }

  @Override
  void execute(ProjectDefinition definition, String className, Pipeline pipeline)
      throws MojoExecutionException, MojoFailureException {
    String f = format == null ? "mermaid" : format.trim().toLowerCase(Locale.ROOT);
    String text;
    Path file;
    switch (f) {
      case "mermaid" -> {
        text = PipelineGraph.mermaid(pipeline);
        file = outputDirectory.toPath().resolve("pipeline.mmd");
      }
      case "dot" -> {
        text = PipelineGraph.dot(pipeline);
        file = outputDirectory.toPath().resolve("pipeline.dot");
      }
      default ->
          throw new MojoFailureException(
              "<format> (pipeline.graph.format) is '" + format + "'; use mermaid or dot");
    }
    OutputFolder.write(file, text);
    getLog().info("wrote the " + f + " graph of " + className + " to " + file);
  }
}
