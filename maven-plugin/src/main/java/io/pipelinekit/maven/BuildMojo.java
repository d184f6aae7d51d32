package io.pipelinekit.maven;

import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Synthesis;
import io.pipelinekit.pipeline.ToolArtifact;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * {@code pipeline:build}: synthesizes the project's pipeline definition into {@code
 * target/pipeline/} — the same files as {@code pipeline build}: {@code buildspec.yaml}, {@code
 * pipeline.json}, {@code codebuild-project.json}, the IAM policies, {@code pipeline.mmd} and the
 * merged {@code openapi.yaml}. Nothing is written when the definition breaks a rule; the build
 * fails listing every problem.
 */
@Mojo(
    name = "build",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class BuildMojo extends DefinitionMojo {
  /** The folder the definition's relative paths (API fragments, Dockerfiles) refer to. */
  @Parameter(property = "pipeline.sourceRoot", defaultValue = "${project.basedir}")
  File sourceRoot;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  @Component RepositorySystem repositorySystem;

  @Override
  String goal() {
    return "build";
  }

  @Override
  void execute(ProjectDefinition definition, String className, Pipeline pipeline)
      throws MojoExecutionException, MojoFailureException {
    // The tool the generated buildspecs install, when one of the projects fetches it from a Maven
    // repository: the CLI's runnable jar of this plugin's version, resolved as Maven resolves any
    // artifact and pinned by its SHA-256. Nothing is resolved for
    // ToolInstall.s3/onImage/fromSource.
    ToolJar tool = null;
    if (pipeline.codeBuildProjects().stream()
        .anyMatch(p -> p.installsTool() && p.toolInstall().needsToolArtifact())) {
      tool =
          ToolJar.resolve(
              repositorySystem,
              session.getRepositorySession(),
              project.getRemoteProjectRepositories(),
              plugin.getVersion());
    }
    ToolArtifact artifact = tool == null ? null : ToolArtifact.of(tool.version(), tool.sha256());
    Path root = sourceRoot.toPath();
    Synthesis synthesis =
        definition.run(
            className,
            () ->
                artifact == null
                    ? Synthesis.of(pipeline, root)
                    : Synthesis.of(pipeline, root, artifact));
    List<Path> written = OutputFolder.writeAll(outputDirectory.toPath(), synthesis.files());
    synthesis.summary().forEach(line -> getLog().info(line));
    synthesis.warnings().forEach(w -> getLog().warn(w));
    if (tool != null) {
      getLog().info("tool: " + tool.coordinates() + " sha256 " + tool.sha256());
    }
    getLog()
        .info(
            "wrote "
                + written.size()
                + " files to "
                + relative(outputDirectory.toPath())
                + " from "
                + className
                + ":");
    for (Map.Entry<String, String> file : synthesis.files().entrySet()) {
      getLog()
          .info(
              String.format(
                  "  %-32s %7d bytes",
                  file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8).length));
    }
  }

  private Path relative(Path path) {
    Path base = project.getBasedir().toPath().toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(base) ? base.relativize(absolute) : absolute;
  }
}
