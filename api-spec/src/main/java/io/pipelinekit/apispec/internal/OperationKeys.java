package io.pipelinekit.apispec.internal;

import java.util.List;
import java.util.Locale;

/** The keys of an OpenAPI path item that hold operations, and how operations are named. */
public final class OperationKeys {
  private OperationKeys() {}

  /** API Gateway's extension for an operation that serves every method. */
  public static final String ANY_METHOD = "x-amazon-apigateway-any-method";

  /** The HTTP methods OpenAPI 2.0 and 3.x define on a path item, in the specification's order. */
  public static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** {@link #HTTP_METHODS}, then {@link #ANY_METHOD}. */
  public static final List<String> WITH_ANY_METHOD =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace", ANY_METHOD);

  /** Whether {@code key} of a path item is an operation (API Gateway's any-method included). */
  public static boolean isOperation(String key) {
    return HTTP_METHODS.contains(key) || ANY_METHOD.equals(key);
  }

  /** {@code GET} for {@code get}; {@code ANY} for {@value #ANY_METHOD}. */
  public static String label(String key) {
    return ANY_METHOD.equals(key) ? "ANY" : key.toUpperCase(Locale.ROOT);
  }
}
