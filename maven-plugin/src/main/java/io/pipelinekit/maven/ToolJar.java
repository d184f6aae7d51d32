package io.pipelinekit.maven;

import io.pipelinekit.pipeline.ToolArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;

/**
 * The pipeline command line's runnable jar ({@code io.pipelinekit:pipeline-cli:<version>:jar:all})
 * that a generated buildspec installs in CodeBuild: resolved from the project's repositories, as
 * Maven resolves any artifact, and hashed, so that the buildspec pins the exact bytes.
 */
record ToolJar(String coordinates, String version, String sha256, Path file) {
  private static final String GROUP_ID = ToolArtifact.GROUP_ID;
  private static final String ARTIFACT_ID = ToolArtifact.ARTIFACT_ID;
  private static final String CLASSIFIER = ToolArtifact.CLASSIFIER;

  static ToolJar resolve(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories,
      String version)
      throws MojoFailureException {
    DefaultArtifact artifact =
        new DefaultArtifact(GROUP_ID, ARTIFACT_ID, CLASSIFIER, "jar", version);
    ArtifactResult result;
    try {
      result = system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null));
    } catch (ArtifactResolutionException e) {
      throw new MojoFailureException(
          "cannot resolve "
              + GROUP_ID
              + ":"
              + ARTIFACT_ID
              + ":"
              + version
              + ":jar:"
              + CLASSIFIER
              + ", the pipeline tool the generated buildspec installs in CodeBuild, from the"
              + " project's repositories: "
              + e.getMessage()
              + ". Check the repositories (and mirrors) Maven uses, or -o (offline) with an empty"
              + " local repository");
    }
    Path file = result.getArtifact().getFile().toPath();
    String coordinates = GROUP_ID + ":" + ARTIFACT_ID + ":" + version + ":jar:" + CLASSIFIER;
    return new ToolJar(coordinates, version, sha256(file), file);
  }

  static String sha256(Path file) throws MojoFailureException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new MojoFailureException(
          file + ": cannot read the resolved pipeline tool: " + e.getMessage());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
