package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A V2 pipeline trigger on a CodeConnections source action: push and pull-request filters (at most
 * three of each).
 */
public final class Trigger {
  private final String sourceActionName;
  private final List<PushFilter> push;
  private final List<PullRequestFilter> pullRequest;

  private Trigger(Builder b) {
    this.sourceActionName =
        Checks.requiredText(b.sourceActionName, "Trigger", "sourceActionName", "\"Source\"");
    this.push = Checks.copy(b.push, "Trigger on " + sourceActionName, "push");
    this.pullRequest = Checks.copy(b.pullRequest, "Trigger on " + sourceActionName, "pullRequest");
  }

  /** Pushes matching any of the filters start the pipeline. */
  public static Trigger onPush(String sourceActionName, PushFilter... filters) {
    return builder().sourceActionName(sourceActionName).push(Arrays.asList(filters)).build();
  }

  /** Pull requests matching any of the filters start the pipeline. */
  public static Trigger onPullRequest(String sourceActionName, PullRequestFilter... filters) {
    return builder().sourceActionName(sourceActionName).pullRequest(Arrays.asList(filters)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().sourceActionName(sourceActionName).push(push).pullRequest(pullRequest);
  }

  public String sourceActionName() {
    return sourceActionName;
  }

  public List<PushFilter> push() {
    return push;
  }

  public List<PullRequestFilter> pullRequest() {
    return pullRequest;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Trigger o
        && sourceActionName.equals(o.sourceActionName)
        && push.equals(o.push)
        && pullRequest.equals(o.pullRequest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceActionName, push, pullRequest);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("Trigger")
        .add("sourceActionName", sourceActionName)
        .add("push", push)
        .add("pullRequest", pullRequest)
        .build();
  }

  /** Builds {@link Trigger}. */
  public static final class Builder {
    private String sourceActionName;
    private final List<PushFilter> push = new ArrayList<>();
    private final List<PullRequestFilter> pullRequest = new ArrayList<>();

    private Builder() {}

    public Builder sourceActionName(String sourceActionName) {
      this.sourceActionName = sourceActionName;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder push(List<PushFilter> filters) {
      Checks.replaceAll(push, filters);
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder pullRequest(List<PullRequestFilter> filters) {
      Checks.replaceAll(pullRequest, filters);
      return this;
    }

    public Trigger build() {
      return Checks.building(() -> new Trigger(this));
    }
  }
}
