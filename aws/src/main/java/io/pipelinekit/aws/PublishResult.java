package io.pipelinekit.aws;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@link RestApiPublisher#publish} did. */
public final class PublishResult {
  private final boolean changed;
  private final String deploymentId;
  private final String previousDeploymentId;
  private final String invokeUrl;
  private final String documentHash;
  private final List<String> warnings;

  private PublishResult(Builder b) {
    this.changed = b.changed;
    this.deploymentId = Objects.requireNonNull(b.deploymentId, "deploymentId");
    this.previousDeploymentId = b.previousDeploymentId;
    this.invokeUrl = Objects.requireNonNull(b.invokeUrl, "invokeUrl");
    this.documentHash = Objects.requireNonNull(b.documentHash, "documentHash");
    this.warnings = List.copyOf(b.warnings);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .changed(changed)
        .deploymentId(deploymentId)
        .previousDeploymentId(previousDeploymentId)
        .invokeUrl(invokeUrl)
        .documentHash(documentHash)
        .warnings(warnings);
  }

  /** False when the stage already served this document and nothing was written. */
  public boolean changed() {
    return changed;
  }

  /** The deployment the stage serves now. */
  public String deploymentId() {
    return deploymentId;
  }

  /** The deployment the stage served before, if it existed. */
  public Optional<String> previousDeploymentId() {
    return Optional.ofNullable(previousDeploymentId);
  }

  /** {@code https://ID.execute-api.REGION.amazonaws.com/STAGE}. */
  public String invokeUrl() {
    return invokeUrl;
  }

  /** The hash recorded in the deployment description. */
  public String documentHash() {
    return documentHash;
  }

  /** Warnings API Gateway returned from the import. */
  public List<String> warnings() {
    return warnings;
  }

  public static final class Builder {
    private boolean changed;
    private String deploymentId;
    private String previousDeploymentId;
    private String invokeUrl;
    private String documentHash;
    private List<String> warnings = List.of();

    private Builder() {}

    public Builder changed(boolean changed) {
      this.changed = changed;
      return this;
    }

    public Builder deploymentId(String deploymentId) {
      this.deploymentId = deploymentId;
      return this;
    }

    public Builder previousDeploymentId(String previousDeploymentId) {
      this.previousDeploymentId = previousDeploymentId;
      return this;
    }

    public Builder invokeUrl(String invokeUrl) {
      this.invokeUrl = invokeUrl;
      return this;
    }

    public Builder documentHash(String documentHash) {
      this.documentHash = documentHash;
      return this;
    }

    public Builder warnings(List<String> warnings) {
      this.warnings = List.copyOf(warnings);
      return this;
    }

    public PublishResult build() {
      return new PublishResult(this);
    }
  }
}
