package io.pipelinekit.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Where and as whom to call AWS, as the AWS CLI's {@code --region}, {@code --profile} and {@code
 * --endpoint-url} say; each absent value falls back to the SDK's default chain.
 */
public final class AwsSettings {
  private final String region;
  private final String profile;
  private final URI endpoint;

  private AwsSettings(Builder b) {
    this.region = blankToNull(b.region);
    this.profile = blankToNull(b.profile);
    this.endpoint = b.endpoint;
    if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null)) {
      throw new AwsSetupException(
          "--endpoint-url "
              + endpoint
              + " is not an absolute URL; give scheme and host, e.g. http://127.0.0.1:5000");
    }
  }

  /** Everything from the default chains. */
  public static AwsSettings defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().region(region).profile(profile).endpoint(endpoint);
  }

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  public Optional<URI> endpoint() {
    return Optional.ofNullable(endpoint);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  public static final class Builder {
    private String region;
    private String profile;
    private URI endpoint;

    private Builder() {}

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    public AwsSettings build() {
      return new AwsSettings(this);
    }
  }
}
