package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.ToString;
import java.util.Objects;
import java.util.Optional;

/**
 * How a built image is tagged. The default is the short commit id of the source revision, which
 * makes every deploy reproducible; {@code latest} only when asked for explicitly with {@link
 * #latest()}.
 */
public final class ImageTagPolicy {
  private static final ImageTagPolicy COMMIT_ID = new ImageTagPolicy(null, false);
  private static final ImageTagPolicy LATEST = new ImageTagPolicy("latest", true);

  private final String fixedTag;
  private final boolean explicitLatest;

  private ImageTagPolicy(String fixedTag, boolean explicitLatest) {
    this.fixedTag = fixedTag;
    this.explicitLatest = explicitLatest;
  }

  /**
   * The short (7-character) commit id of {@code CODEBUILD_RESOLVED_SOURCE_VERSION}: the default.
   */
  public static ImageTagPolicy commitId() {
    return COMMIT_ID;
  }

  /** A fixed tag such as {@code 1.4.2}. {@code latest} is rejected: use {@link #latest()}. */
  public static ImageTagPolicy fixed(String tag) {
    return new ImageTagPolicy(Objects.requireNonNull(tag, "tag"), false);
  }

  /** The mutable {@code latest} tag, asked for explicitly (deploys become unreproducible). */
  public static ImageTagPolicy latest() {
    return LATEST;
  }

  /** The fixed tag, or empty for the commit id. */
  public Optional<String> fixedTag() {
    return Optional.ofNullable(fixedTag);
  }

  /** Whether {@code latest} was asked for with {@link #latest()}. */
  public boolean explicitLatest() {
    return explicitLatest;
  }

  public boolean isCommitId() {
    return fixedTag == null;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof ImageTagPolicy o
        && Objects.equals(fixedTag, o.fixedTag)
        && explicitLatest == o.explicitLatest;
  }

  @Override
  public int hashCode() {
    return Objects.hash(fixedTag, explicitLatest);
  }

  /**
   * {@code ImageTagPolicy(commitId)}, {@code ImageTagPolicy(fixedTag=1.4.2)} or {@code
   * ImageTagPolicy(fixedTag=latest, explicitLatest=true)}.
   */
  @Override
  public String toString() {
    if (fixedTag == null) {
      return "ImageTagPolicy(commitId)";
    }
    return ToString.builder("ImageTagPolicy")
        .add("fixedTag", fixedTag)
        .add("explicitLatest", explicitLatest ? true : null)
        .build();
  }
}
