package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A manual approval: the pipeline waits (up to seven days) for someone to approve. Optionally
 * notifies an SNS topic, links to something to review and carries a comment.
 */
public final class ManualApprovalAction extends ActionBase implements Action {
  private final String notificationArn;
  private final String externalEntityLink;
  private final String customData;

  private ManualApprovalAction(Builder b) {
    super(b, "ManualApprovalAction");
    this.notificationArn = b.notificationArn;
    this.externalEntityLink = b.externalEntityLink;
    this.customData = b.customData;
  }

  /** An approval named {@code name} with no notification. */
  public static ManualApprovalAction named(String name) {
    return builder().name(name).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = copyTo(new Builder());
    b.notificationArn = notificationArn;
    b.externalEntityLink = externalEntityLink;
    b.customData = customData;
    return b;
  }

  @Override
  public ActionCategory category() {
    return ActionCategory.APPROVAL;
  }

  @Override
  public String provider() {
    return "Manual";
  }

  @Override
  public List<String> inputArtifacts() {
    return List.of();
  }

  @Override
  public List<String> outputArtifacts() {
    return List.of();
  }

  /** The SNS topic notified when the approval is pending. */
  public Optional<String> notificationArn() {
    return Optional.ofNullable(notificationArn);
  }

  /** A URL for the reviewer. */
  public Optional<String> externalEntityLink() {
    return Optional.ofNullable(externalEntityLink);
  }

  /** A comment shown to the reviewer. */
  public Optional<String> customData() {
    return Optional.ofNullable(customData);
  }

  @Override
  public Map<String, String> configuration() {
    Map<String, String> c = new LinkedHashMap<>();
    if (notificationArn != null) {
      c.put("NotificationArn", notificationArn);
    }
    if (externalEntityLink != null) {
      c.put("ExternalEntityLink", externalEntityLink);
    }
    if (customData != null) {
      c.put("CustomData", customData);
    }
    return Collections.unmodifiableMap(c);
  }

  /**
   * Empty: the approval's variables are not listed here, so references to an approval's namespace
   * are not checked by name.
   */
  @Override
  public String describe() {
    return "Manual approval";
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof ManualApprovalAction o
        && sameBase(o)
        && Objects.equals(notificationArn, o.notificationArn)
        && Objects.equals(externalEntityLink, o.externalEntityLink)
        && Objects.equals(customData, o.customData);
  }

  @Override
  public int hashCode() {
    return 31 * baseHash() + Objects.hash(notificationArn, externalEntityLink, customData);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return toStringStart("ManualApprovalAction")
        .add("notificationArn", notificationArn)
        .add("externalEntityLink", externalEntityLink)
        .add("customData", customData)
        .build();
  }

  /** Builds a {@link ManualApprovalAction}. */
  public static final class Builder extends ActionBase.Builder<Builder> {
    private String notificationArn;
    private String externalEntityLink;
    private String customData;

    private Builder() {
      super("Approve");
    }

    public Builder notificationArn(String arn) {
      this.notificationArn = arn;
      return this;
    }

    public Builder externalEntityLink(String url) {
      this.externalEntityLink = url;
      return this;
    }

    public Builder customData(String comment) {
      this.customData = comment;
      return this;
    }

    public ManualApprovalAction build() {
      return Checks.building(() -> new ManualApprovalAction(this));
    }
  }
}
