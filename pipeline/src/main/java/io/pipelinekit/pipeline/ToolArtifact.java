package io.pipelinekit.pipeline;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The exact {@code pipeline} command line a generated buildspec installs: the runnable jar {@code
 * io.pipelinekit:pipeline-cli:<version>:jar:all} and its SHA-256. {@code pipeline build} passes the
 * one it runs from, the Maven plugin the one it resolves; the build's {@code install} phase
 * downloads that jar and refuses any other bytes.
 */
public final class ToolArtifact {
  /** The Maven group of the command line. */
  public static final String GROUP_ID = "io.pipelinekit";

  /** The Maven artifact of the command line. */
  public static final String ARTIFACT_ID = "pipeline-cli";

  /** The classifier of the runnable (shaded) jar. */
  public static final String CLASSIFIER = "all";

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** A Maven version: no path separators, whitespace or shell characters (it names a folder). */
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  private final String version;
  private final String sha256;

  private ToolArtifact(String version, String sha256) {
    this.version = version;
    this.sha256 = sha256;
  }

  /**
   * The command line of {@code version}, whose {@code -all} jar has the SHA-256 {@code sha256}.
   *
   * @param version the Maven version, e.g. {@code 0.1.0}
   * @param sha256 64 lowercase hexadecimal digits, as {@code sha256sum} prints them
   * @throws IllegalArgumentException when either is malformed
   */
  public static ToolArtifact of(String version, String sha256) {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(sha256, "sha256");
    if (version.isBlank() || !VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "tool version '"
              + version
              + "' is not a Maven version (letters, digits, '.', '-', '_', '+'), e.g. 0.1.0");
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException(
          "tool SHA-256 '"
              + sha256
              + "' is not 64 lowercase hexadecimal digits (as sha256sum prints it)");
    }
    return new ToolArtifact(version, sha256);
  }

  public String version() {
    return version;
  }

  /** The SHA-256 of the {@code -all} jar, 64 lowercase hexadecimal digits. */
  public String sha256() {
    return sha256;
  }

  /** The jar's file name: {@code pipeline-cli-<version>-all.jar}. */
  public String fileName() {
    return ARTIFACT_ID + "-" + version + "-" + CLASSIFIER + ".jar";
  }

  /**
   * The jar's path in a Maven repository (the Maven 2 layout): {@code
   * io/pipelinekit/pipeline-cli/<version>/pipeline-cli-<version>-all.jar}.
   */
  public String repositoryPath() {
    return GROUP_ID.replace('.', '/') + "/" + ARTIFACT_ID + "/" + version + "/" + fileName();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToolArtifact o && version.equals(o.version) && sha256.equals(o.sha256);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, sha256);
  }

  @Override
  public String toString() {
    return GROUP_ID
        + ":"
        + ARTIFACT_ID
        + ":"
        + version
        + ":jar:"
        + CLASSIFIER
        + " (sha256 "
        + sha256
        + ")";
  }
}
