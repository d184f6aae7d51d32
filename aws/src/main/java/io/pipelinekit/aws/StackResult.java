package io.pipelinekit.aws;

import java.util.List;
import java.util.Map;

/**
 * How an executed change set ended: the stack's final status and reason, whether that is success
 * ({@code CREATE_COMPLETE}, {@code UPDATE_COMPLETE}, {@code IMPORT_COMPLETE}), the events of the
 * resources that failed, the resources CloudFormation rolled back, and the stack's outputs.
 */
public record StackResult(
    String stackId,
    String status,
    String statusReason,
    boolean succeeded,
    List<StackEvent> failures,
    List<String> rolledBack,
    Map<String, String> outputs) {
  public StackResult {
    failures = List.copyOf(failures);
    rolledBack = List.copyOf(rolledBack);
    outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
  }
}
