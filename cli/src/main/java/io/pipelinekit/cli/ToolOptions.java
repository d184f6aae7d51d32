package io.pipelinekit.cli;

import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.ToolArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which {@code pipeline} command line the generated buildspecs install ({@code --tool-version},
 * {@code --tool-sha256}); by default this one: its version, and the SHA-256 of its runnable jar
 * {@code pipeline-cli-<version>-all.jar}. Shared by the commands that synthesize ({@code build},
 * {@code apply}).
 *
 * <p>The checksum is worked out only when a project installs the tool from a Maven repository: run
 * as {@code java -jar pipeline-cli-<version>-all.jar}, it is that jar's SHA-256 (about 0.1 s for 30
 * MB); run from the distribution archive ({@code lib/pipeline-cli-<version>.jar}) or the
 * development tree ({@code cli/target/}), it is read from the {@code
 * pipeline-cli-<version>-all.jar.sha256} file the build puts beside that jar.
 */
public final class ToolOptions {
  String version;

  String sha256;

  /** These options' model, mixed into commands (see {@link Specs}). */
  Specs specs() {
    Specs s = Specs.mixin(this);
    s.option("version", "--tool-version")
        .paramLabel("VERSION")
        .description(
            "The pipeline version the generated buildspecs install from a Maven repository (with"
                + " --tool-sha256). Default: this command line's own.");
    s.option("sha256", "--tool-sha256")
        .paramLabel("HASH")
        .description(
            "The SHA-256 of that version's pipeline-cli-VERSION-all.jar, which the install phase"
                + " verifies (with --tool-version). Default: this command line's own jar's.");
    return s;
  }

  /**
   * The tool to pin, or null when no project of {@code pipeline} installs it from a Maven
   * repository (nothing is computed then).
   *
   * @throws CliException (exit 2) when one is needed and cannot be known
   */
  ToolArtifact artifactFor(Pipeline pipeline) {
    if ((version == null) != (sha256 == null)) {
      throw CliException.invalidInput(
          "--tool-version and --tool-sha256 go together: give both (the version and the SHA-256"
              + " of its pipeline-cli-VERSION-all.jar), or neither to pin this command line");
    }
    Optional<CodeBuildProject> needing =
        pipeline.codeBuildProjects().stream()
            .filter(p -> p.installsTool() && p.toolInstall().needsToolArtifact())
            .findFirst();
    if (version != null) {
      try {
        return ToolArtifact.of(version.strip(), sha256.strip().toLowerCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CliException.invalidInput(e.getMessage());
      }
    }
    if (needing.isEmpty()) {
      return null;
    }
    String problem;
    String running = VersionProvider.version();
    if (running.equals("unknown")) {
      problem = "this command line does not know its version (it was not built by Maven)";
    } else {
      Path location = location();
      String fileName = ToolArtifact.ARTIFACT_ID + "-" + running + "-all.jar";
      if (location != null && Files.isRegularFile(location) && location.getFileName() != null) {
        if (location.getFileName().toString().equals(fileName)) {
          return ToolArtifact.of(running, sha256Of(location));
        }
        Path file = location.resolveSibling(fileName + ".sha256");
        if (Files.isRegularFile(file)) {
          return ToolArtifact.of(running, readChecksum(file));
        }
        problem = "there is no " + file + " beside this command line's jar";
      } else {
        problem =
            "this command line runs from classes, not from a release jar, so the SHA-256 of"
                + " its "
                + fileName
                + " is not known";
      }
    }
    CodeBuildProject project = needing.get();
    throw CliException.invalidInput(
        "CodeBuild project '"
            + project.name()
            + "' installs pipeline from "
            + project.toolInstall().repositoryUrl().orElseThrow()
            + " pinned to this command line's version and jar checksum, but "
            + problem
            + "; pass --tool-version VERSION --tool-sha256 HASH (from"
            + " pipeline-cli-VERSION-all.jar.sha256), or choose ToolInstall.onImage(),"
            + " ToolInstall.s3(bucket, key, sha256) or ToolInstall.fromSource(launcher) for the"
            + " project");
  }

  /** The jar (or classes folder) this command line was loaded from, if the JVM tells. */
  private static Path location() {
    CodeSource source = ToolOptions.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return null;
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return null;
    }
  }

  /** {@code <hash> <file name>}, as {@code sha256sum} and the build write it. */
  private static String readChecksum(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw CliException.invalidInput(file + ": " + io.pipelinekit.core.FileProblems.describe(e));
    }
    String hash = text.split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
    if (!hash.matches("[0-9a-f]{64}")) {
      throw CliException.invalidInput(
          file + ": does not start with a SHA-256 (64 hexadecimal digits); rebuild the tool");
    }
    return hash;
  }

  private static String sha256Of(Path jar) {
    try (InputStream in = Files.newInputStream(jar)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw CliException.invalidInput(jar + ": " + io.pipelinekit.core.FileProblems.describe(e));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
