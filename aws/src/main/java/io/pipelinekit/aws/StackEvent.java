package io.pipelinekit.aws;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One CloudFormation stack event (DescribeStackEvents): a resource, or the stack itself, reaching a
 * status such as {@code CREATE_IN_PROGRESS}, {@code CREATE_FAILED} or {@code ROLLBACK_COMPLETE},
 * with CloudFormation's reason when it gave one.
 */
public record StackEvent(
    Instant timestamp,
    String logicalId,
    String physicalId,
    String resourceType,
    String status,
    String reason) {
  public StackEvent {
    Objects.requireNonNull(logicalId, "logicalId");
    Objects.requireNonNull(status, "status");
    resourceType = resourceType == null ? "" : resourceType;
  }

  /** Whether this is a resource failing ({@code CREATE_FAILED}, {@code UPDATE_FAILED}, …). */
  public boolean failed() {
    return status.endsWith("_FAILED");
  }

  /** The stack's own events have the stack as their resource. */
  public boolean isStack() {
    return "AWS::CloudFormation::Stack".equals(resourceType);
  }

  public Optional<String> reasonText() {
    return reason == null || reason.isBlank() ? Optional.empty() : Optional.of(reason);
  }

  /** {@code LOGICAL_ID (TYPE) STATUS: reason}, one line. */
  public String line() {
    return logicalId
        + (resourceType.isEmpty() ? "" : " (" + resourceType + ")")
        + " "
        + status
        + reasonText().map(r -> ": " + r).orElse("");
  }
}
