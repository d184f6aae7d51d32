package io.pipelinekit.buildspec;

import io.pipelinekit.core.internal.JsonText;
import java.util.Objects;

/**
 * {@code imageDetail.json}, the file CodePipeline's CodeDeployToECS (blue/green) action reads:
 * {@code {"ImageURI": "<image>"}}. Validated when built like {@link ImageDefinitions}: an image URI
 * with a tag or digest, {@code :latest} only when explicitly allowed.
 */
public final class ImageDetail {
  private final ImageUri image;

  private ImageDetail(ImageUri image) {
    this.image = image;
  }

  /** The image detail for {@code imageUri}; {@code :latest} is rejected. */
  public static ImageDetail of(String imageUri) {
    return of(imageUri, false);
  }

  /** The image detail for {@code imageUri}, optionally allowing {@code :latest}. */
  public static ImageDetail of(String imageUri, boolean allowLatestTag) {
    ImageUri image = ImageUri.parse(Objects.requireNonNull(imageUri, "imageUri"));
    if (image.isLatest() && !allowLatestTag) {
      throw new BuildSpecException(
          "$.ImageURI: '"
              + imageUri
              + "' uses the :latest tag, which makes deploys unreproducible; tag images with the"
              + " commit id, or allow :latest explicitly");
    }
    return new ImageDetail(image);
  }

  /** The image URI as written. */
  public String imageUri() {
    return image.toString();
  }

  /** The parsed image reference. */
  public ImageUri image() {
    return image;
  }

  /** The file's content: two-space indentation, trailing newline. */
  public String toJson() {
    return "{\n  \"ImageURI\": " + JsonText.string(image.toString()) + "\n}\n";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageDetail d && image.equals(d.image);
  }

  @Override
  public int hashCode() {
    return image.hashCode();
  }

  @Override
  public String toString() {
    return "ImageDetail{" + image + "}";
  }
}
