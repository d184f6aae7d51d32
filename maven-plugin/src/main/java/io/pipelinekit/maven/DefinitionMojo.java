package io.pipelinekit.maven;

import io.pipelinekit.pipeline.Pipeline;
import java.io.File;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What {@code pipeline:build} and {@code pipeline:graph} share: which definition, its parameters.
 */
public abstract class DefinitionMojo extends AbstractMojo {
  /** The project whose definition runs. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** This plugin (its version is the pipeline tool's version). */
  @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
  protected PluginDescriptor plugin;

  /**
   * The class implementing {@code io.pipelinekit.pipeline.PipelineDefinition}. Default: the one
   * class registered in the project's {@code
   * META-INF/services/io.pipelinekit.pipeline.PipelineDefinition}.
   */
  @Parameter(property = "pipeline.definition")
  protected String definition;

  /** The definition's parameters, as {@code -P name=value} on the command line. */
  @Parameter protected Map<String, String> parameters;

  /** Where the files go. */
  @Parameter(
      property = "pipeline.outputDirectory",
      defaultValue = "${project.build.directory}/pipeline")
  protected File outputDirectory;

  /** Skips the goal. */
  @Parameter(property = "pipeline.skip", defaultValue = "false")
  protected boolean skip;

  /** The goal's name, for log lines. */
  abstract String goal();

  /** The goal's work, with the project's pipeline loaded and its class loader open. */
  abstract void execute(ProjectDefinition definition, String className, Pipeline pipeline)
      throws MojoExecutionException, MojoFailureException;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("pipeline:" + goal() + " skipped (pipeline.skip)");
      return;
    }
    warnOnOtherLibraryVersion();
    try (ProjectDefinition loaded = ProjectDefinition.open(project)) {
      String className = loaded.className(definition);
      Pipeline pipeline = loaded.load(className, parameters);
      execute(loaded, className, pipeline);
    }
  }

  /**
   * The definition runs against the plugin's definition library; a project built against another
   * version may break at run time, so say so.
   */
  private void warnOnOtherLibraryVersion() {
    for (Artifact artifact : project.getArtifacts()) {
      if ("io.pipelinekit".equals(artifact.getGroupId())
          && "pipeline".equals(artifact.getArtifactId())
          && !artifact.getBaseVersion().equals(plugin.getVersion())) {
        getLog()
            .warn(
                "the project depends on io.pipelinekit:pipeline:"
                    + artifact.getBaseVersion()
                    + " but the plugin is "
                    + plugin.getVersion()
                    + "; the definition runs with the plugin's "
                    + plugin.getVersion()
                    + ": use one version for both");
      }
    }
  }
}
