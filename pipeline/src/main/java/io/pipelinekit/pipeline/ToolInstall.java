package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.ToString;
import java.util.Objects;
import java.util.Optional;

/**
 * How a CodeBuild project gets the {@code pipeline} command its buildspec calls ({@code pipeline
 * image-definitions}, {@code pipeline deploy-api}, ...): the generated {@code install} phase puts
 * it on {@code PATH}, and fails — before anything is built or pushed — when it cannot.
 *
 * <ul>
 *   <li>{@link #mavenCentral()} (the default) and {@link #mavenRepository(String)}: the exact
 *       {@link ToolArtifact} that synthesized the buildspec, downloaded by version and checked
 *       against its SHA-256;
 *   <li>{@link #s3(String, String, String)}: a copy of the runnable jar in S3 (organisations that
 *       mirror their tools), checked against the SHA-256 given; the project's role may read exactly
 *       that object;
 *   <li>{@link #onImage()}: already on a custom build image's {@code PATH};
 *   <li>{@link #fromSource(String)}: built from the checked-out repository (pipelinekit's own
 *       service), with the Maven repository cached between builds.
 * </ul>
 */
public final class ToolInstall {
  /** Where the tool comes from. */
  public enum Kind {
    /** The runnable jar from a Maven repository (Maven Central by default). */
    MAVEN_REPOSITORY,
    /** The runnable jar from an S3 object. */
    S3,
    /** Already on the build image. */
    ON_IMAGE,
    /** Built from the checked-out repository. */
    FROM_SOURCE
  }

  /** Maven Central's repository URL. */
  public static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";

  private static final ToolInstall CENTRAL =
      new ToolInstall(Kind.MAVEN_REPOSITORY, MAVEN_CENTRAL, null, null, null, null);
  private static final ToolInstall ON_IMAGE =
      new ToolInstall(Kind.ON_IMAGE, null, null, null, null, null);

  private final Kind kind;
  private final String repositoryUrl;
  private final String bucket;
  private final String key;
  private final String sha256;
  private final String launcher;

  private ToolInstall(
      Kind kind, String repositoryUrl, String bucket, String key, String sha256, String launcher) {
    this.kind = kind;
    this.repositoryUrl = repositoryUrl;
    this.bucket = bucket;
    this.key = key;
    this.sha256 = sha256;
    this.launcher = launcher;
  }

  /** The tool's runnable jar from Maven Central (the default). */
  public static ToolInstall mavenCentral() {
    return CENTRAL;
  }

  /**
   * The tool's runnable jar from another Maven repository: a mirror ({@code
   * https://nexus.example.com/repository/maven-public}) or, in tests, a {@code file://} folder in
   * the Maven 2 layout.
   */
  public static ToolInstall mavenRepository(String url) {
    Objects.requireNonNull(url, "url");
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    return new ToolInstall(Kind.MAVEN_REPOSITORY, trimmed, null, null, null, null);
  }

  /**
   * The tool's runnable jar ({@code pipeline-cli-<version>-all.jar}) from {@code s3://bucket/key},
   * checked against {@code sha256} (64 hexadecimal digits, as {@code sha256sum} prints them). Adds
   * {@code s3:GetObject} on exactly that object to the project's role policy.
   */
  public static ToolInstall s3(String bucket, String key, String sha256) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    return new ToolInstall(Kind.S3, null, bucket, key, sha256, null);
  }

  /** {@code pipeline} is already on the build image's {@code PATH}: only checked. */
  public static ToolInstall onImage() {
    return ON_IMAGE;
  }

  /**
   * Built from the checked-out repository by its launcher, e.g. {@code bin/pipeline} (a path
   * relative to the source root): for pipelinekit's own service. The buildspec caches the Maven
   * repository ({@code /root/.m2}) and the project gets a local custom cache unless its cache is
   * set.
   */
  public static ToolInstall fromSource(String launcher) {
    Objects.requireNonNull(launcher, "launcher");
    return new ToolInstall(Kind.FROM_SOURCE, null, null, null, null, launcher);
  }

  public Kind kind() {
    return kind;
  }

  /** Whether synthesis needs the {@link ToolArtifact} to pin (a Maven repository install). */
  public boolean needsToolArtifact() {
    return kind == Kind.MAVEN_REPOSITORY;
  }

  /** The Maven repository's URL, without a trailing slash. */
  public Optional<String> repositoryUrl() {
    return Optional.ofNullable(repositoryUrl);
  }

  /** The S3 bucket of an S3 install. */
  public Optional<String> bucket() {
    return Optional.ofNullable(bucket);
  }

  /** The S3 object key of an S3 install. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** The SHA-256 an S3 install checks, as given. */
  public Optional<String> sha256() {
    return Optional.ofNullable(sha256);
  }

  /** The launcher a source install runs, relative to the source root. */
  public Optional<String> launcher() {
    return Optional.ofNullable(launcher);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof ToolInstall o
        && kind == o.kind
        && Objects.equals(repositoryUrl, o.repositoryUrl)
        && Objects.equals(bucket, o.bucket)
        && Objects.equals(key, o.key)
        && Objects.equals(sha256, o.sha256)
        && Objects.equals(launcher, o.launcher);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, repositoryUrl, bucket, key, sha256, launcher);
  }

  @Override
  public String toString() {
    return ToString.builder("ToolInstall")
        .add("kind", kind)
        .add("repositoryUrl", repositoryUrl)
        .add("bucket", bucket)
        .add("key", key)
        .add("sha256", sha256)
        .add("launcher", launcher)
        .build();
  }
}
