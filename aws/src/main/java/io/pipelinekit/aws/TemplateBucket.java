package io.pipelinekit.aws;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link StackDeployer} uploads a template before CloudFormation reads it ({@code
 * TemplateURL}), as {@code aws cloudformation deploy --s3-bucket --s3-prefix} does
 * (https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/): an existing bucket in
 * the stack's region and an optional key prefix. The object is named by the template's SHA-256
 * ({@code PREFIX/HASH.template}), so uploading the same template again writes the same object.
 */
public final class TemplateBucket {
  /**
   * General purpose bucket names: 3 to 63 lowercase letters, digits, dots and hyphens, beginning
   * and ending with a letter or digit
   * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html).
   */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final String bucket;
  private final String prefix;

  private TemplateBucket(String bucket, String prefix) {
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /**
   * {@code bucket} with objects under {@code prefix} (null or empty: at the top; slashes at either
   * end are dropped).
   *
   * @throws StackTemplateException for a name S3 does not allow, or a prefix with a control
   *     character
   */
  public static TemplateBucket of(String bucket, String prefix) {
    Objects.requireNonNull(bucket, "bucket");
    if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new StackTemplateException(
          "--s3-bucket '"
              + bucket
              + "' is not an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-',"
              + " beginning and ending with a letter or digit (give the name, not s3:// or a URL)");
    }
    String p = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new StackTemplateException(
          "--s3-prefix has a control character; use letters, digits, '/', '-', '_' and '.'");
    }
    return new TemplateBucket(bucket, p);
  }

  public String bucket() {
    return bucket;
  }

  /** The key prefix, without slashes at either end; empty for none. */
  public String prefix() {
    return prefix;
  }

  /** The object key for a template whose SHA-256 is {@code sha256Hex}. */
  String key(String sha256Hex) {
    return (prefix.isEmpty() ? "" : prefix + "/") + sha256Hex + ".template";
  }
}
