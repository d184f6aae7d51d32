package io.pipelinekit.pipeline.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code toString()} for the model types, in the AWS SDK v2 shape: {@code
 * ContainerImage(containerName=app, repository=service/app)}. Settings that are not set (null) are
 * left out; values that may be secret are passed through {@link #redacted()}.
 */
public final class ToString {
  private static final String REDACTED = "*** redacted ***";

  private final String type;
  private final List<String> fields = new ArrayList<>();

  private ToString(String type) {
    this.type = type;
  }

  public static ToString builder(String type) {
    return new ToString(type);
  }

  /** Adds {@code name=value}, unless the value is null. */
  public ToString add(String name, Object value) {
    if (value != null) {
      fields.add(name + "=" + value);
    }
    return this;
  }

  /** What stands in for a value that is never printed. */
  public static String redacted() {
    return REDACTED;
  }

  /** The map's keys, each with its value redacted (e.g. Docker build arguments). */
  public static Map<String, String> redactValues(Map<String, String> values) {
    Map<String, String> redacted = new LinkedHashMap<>();
    values.keySet().forEach(k -> redacted.put(k, REDACTED));
    return redacted;
  }

  public String build() {
    return type + "(" + String.join(", ", fields) + ")";
  }
}
