package io.pipelinekit.aws;

import java.util.Objects;

/** What {@link RestApiPublisher#rollback} did: the stage moved from one deployment to another. */
public final class RollbackResult {
  private final String stageName;
  private final String fromDeploymentId;
  private final String toDeploymentId;
  private final String toDescription;
  private final boolean changed;
  private final String invokeUrl;

  private RollbackResult(Builder b) {
    this.stageName = Objects.requireNonNull(b.stageName, "stageName");
    this.fromDeploymentId = Objects.requireNonNull(b.fromDeploymentId, "fromDeploymentId");
    this.toDeploymentId = Objects.requireNonNull(b.toDeploymentId, "toDeploymentId");
    this.toDescription = b.toDescription == null ? "" : b.toDescription;
    this.changed = b.changed;
    this.invokeUrl = Objects.requireNonNull(b.invokeUrl, "invokeUrl");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .stageName(stageName)
        .fromDeploymentId(fromDeploymentId)
        .toDeploymentId(toDeploymentId)
        .toDescription(toDescription)
        .changed(changed)
        .invokeUrl(invokeUrl);
  }

  public String stageName() {
    return stageName;
  }

  public String fromDeploymentId() {
    return fromDeploymentId;
  }

  public String toDeploymentId() {
    return toDeploymentId;
  }

  /** The description of the deployment now served (commit and document hash). */
  public String toDescription() {
    return toDescription;
  }

  /** False when the stage already served the requested deployment. */
  public boolean changed() {
    return changed;
  }

  public String invokeUrl() {
    return invokeUrl;
  }

  public static final class Builder {
    private String stageName;
    private String fromDeploymentId;
    private String toDeploymentId;
    private String toDescription;
    private boolean changed;
    private String invokeUrl;

    private Builder() {}

    public Builder stageName(String stageName) {
      this.stageName = stageName;
      return this;
    }

    public Builder fromDeploymentId(String fromDeploymentId) {
      this.fromDeploymentId = fromDeploymentId;
      return this;
    }

    public Builder toDeploymentId(String toDeploymentId) {
      this.toDeploymentId = toDeploymentId;
      return this;
    }

    public Builder toDescription(String toDescription) {
      this.toDescription = toDescription;
      return this;
    }

    public Builder changed(boolean changed) {
      this.changed = changed;
      return this;
    }

    public Builder invokeUrl(String invokeUrl) {
      this.invokeUrl = invokeUrl;
      return this;
    }

    public RollbackResult build() {
      return new RollbackResult(this);
    }
  }
}
