package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.DefinitionException;
import io.pipelinekit.pipeline.ToolArtifact;
import io.pipelinekit.pipeline.ToolInstall;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code install} phase commands that put {@code pipeline} on {@code PATH}, for each {@link
 * ToolInstall} kind. They run in CodeBuild's one shell per build (buildspec 0.2: "all commands
 * [...] run in the same instance of the default shell", so {@code export PATH=...} carries to the
 * later phases: https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html). A
 * failed download or a checksum mismatch fails the command, hence the {@code install} phase, and
 * CodeBuild then goes on to {@code FINALIZING}: no {@code pre_build}, {@code build} or {@code
 * post_build}
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/view-build-details-phases.html).
 *
 * <p>The tool goes to {@code $HOME/.pipelinekit} ({@code bin/pipeline}, a small wrapper, and {@code
 * lib/}): the build user's own folder, writable without root (a project may {@code run-as} another
 * user), and outside the source folder, so it never lands in a Docker build context, the output
 * artifacts or the source cache.
 */
public final class ToolInstalls {
  /** The install folder, as a shell word to put inside double quotes. */
  static final String HOME = "$HOME/.pipelinekit";

  static final String BIN = HOME + "/bin";

  static final String LIB = HOME + "/lib";

  /**
   * The Java runtime for {@code runtime-versions}: Corretto 21, which the current standard images
   * (Amazon Linux 2023 x86_64 standard:5.0, Ubuntu 22.04 standard:7.0, Amazon Linux 2023 AArch64
   * standard:3.0) offer as {@code java: corretto21}:
   * https://docs.aws.amazon.com/codebuild/latest/userguide/available-runtimes.html and
   * https://docs.aws.amazon.com/codebuild/latest/userguide/runtime-versions.html. The tool needs
   * Java 17 or later.
   */
  public static final String JAVA_RUNTIME = "corretto21";

  /** The Maven repository a source install keeps between builds (CodeBuild runs as root). */
  public static final String MAVEN_CACHE_PATH = "/root/.m2/**/*";

  /** Words a shell takes as they are. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._/:@%+=,-]+");

  private ToolInstalls() {}

  /**
   * Whether the install phase selects Java through {@code runtime-versions}: for a jar or a source
   * build on a CodeBuild-managed image. Custom images do not support runtime version selection
   * (https://docs.aws.amazon.com/codebuild/latest/userguide/runtime-versions.html): there {@code
   * java} must be on the image.
   */
  public static boolean selectsJava(CodeBuildProject project) {
    return project.installsTool()
        && project.toolInstall().kind() != ToolInstall.Kind.ON_IMAGE
        && project.image().startsWith("aws/codebuild/");
  }

  /** The install commands, before the project's own. */
  public static List<String> commands(CodeBuildProject project, ToolArtifact tool) {
    ToolInstall install = project.toolInstall();
    List<String> commands = new ArrayList<>();
    switch (install.kind()) {
      case MAVEN_REPOSITORY -> {
        if (tool == null) {
          throw new DefinitionException(
              "CodeBuild project '"
                  + project.name()
                  + "' installs pipeline from the Maven repository "
                  + install.repositoryUrl().orElseThrow()
                  + ", which needs the exact tool version and its SHA-256; synthesize with"
                  + " Synthesis.of(pipeline, sourceRoot, ToolArtifact.of(version, sha256))"
                  + " (pipeline build and the Maven plugin pass their own), or choose"
                  + " ToolInstall.onImage() or ToolInstall.s3(bucket, key, sha256)");
        }
        String url = install.repositoryUrl().orElseThrow() + "/" + tool.repositoryPath();
        jar(
            commands,
            tool.fileName(),
            "curl -fsSL --retry 5 --retry-delay 2 --retry-connrefused -o \"%s\" " + quote(url),
            tool.sha256(),
            url);
      }
      case S3 -> {
        String object =
            "s3://" + install.bucket().orElseThrow() + "/" + install.key().orElseThrow();
        jar(
            commands,
            "pipeline-cli-all.jar",
            "aws s3 cp --only-show-errors " + quote(object) + " \"%s\"",
            install.sha256().orElseThrow().toLowerCase(java.util.Locale.ROOT),
            object);
      }
      case FROM_SOURCE -> {
        String launcher = install.launcher().orElseThrow();
        // Builds the tool from the checkout on first use (Maven; the repository is cached).
        commands.add(quote(launcher) + " --version");
        commands.add("mkdir -p \"" + BIN + "\"");
        commands.add(
            "printf '#!/bin/sh\\nexec \"%s\" \"$@\"\\n' \"$PWD/"
                + launcher
                + "\" > \""
                + BIN
                + "/pipeline\"");
        onPath(commands);
      }
      case ON_IMAGE -> {}
    }
    commands.add("pipeline --version");
    return commands;
  }

  /** Fetches a jar to a part file, checks it, then installs it and the wrapper. */
  private static void jar(
      List<String> commands, String fileName, String fetch, String sha256, String from) {
    String jar = LIB + "/" + fileName;
    String part = jar + ".part";
    commands.add("mkdir -p \"" + BIN + "\" \"" + LIB + "\"");
    commands.add(String.format(java.util.Locale.ROOT, fetch, part));
    commands.add(
        "echo \""
            + sha256
            + "  "
            + part
            + "\" | sha256sum -c - || { rm -f \""
            + part
            + "\"; echo \"pipeline: "
            + from
            + " does not have SHA-256 "
            + sha256
            + "; not installed\" >&2; false; }");
    commands.add("mv \"" + part + "\" \"" + jar + "\"");
    // Short-lived commands: the client JIT and the serial collector start fastest.
    commands.add(
        "printf '#!/bin/sh\\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar \"%s\""
            + " \"$@\"\\n' \""
            + jar
            + "\" > \""
            + BIN
            + "/pipeline\"");
    onPath(commands);
  }

  private static void onPath(List<String> commands) {
    commands.add("chmod +x \"" + BIN + "/pipeline\"");
    commands.add("export PATH=\"" + BIN + ":$PATH\"");
  }

  /** A shell word for {@code value}: as it is when plain, else in single quotes. */
  static String quote(String value) {
    if (PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
