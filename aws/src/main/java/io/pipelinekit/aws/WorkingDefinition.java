package io.pipelinekit.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * A REST API's working definition — what the next {@code CreateDeployment} would snapshot — as
 * {@code GetResources?embed=methods} reports it: every resource path with its methods and their
 * integrations.
 *
 * <p>Two uses: {@link #mismatch} compares it with the document a run just put (its operations, and
 * each declared integration's type, HTTP method and URI), which shows that another publish replaced
 * it; {@link #equals} compares two readings, which shows any change in between (methods, their
 * parameters, models, responses, integrations, templates), ids aside. GetExport cannot serve here:
 * it exports a stage's deployment, not the working definition
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html); GetResources does
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_GetResources.html).
 */
final class WorkingDefinition {
  /** API Gateway's largest page for GetResources. */
  static final int PAGE = 500;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch");

  /** path → method → the method's tree without ids. */
  private final Map<String, Map<String, Object>> fingerprint;

  /** "METHOD /path" → its integration (null when it has none). */
  private final Map<String, Integration> operations;

  private WorkingDefinition(
      Map<String, Map<String, Object>> fingerprint, Map<String, Integration> operations) {
    this.fingerprint = fingerprint;
    this.operations = operations;
  }

  static WorkingDefinition of(List<Resource> resources) {
    Map<String, Map<String, Object>> fingerprint = new TreeMap<>();
    Map<String, Integration> operations = new TreeMap<>();
    for (Resource r : resources) {
      Map<String, Object> methods = new TreeMap<>();
      if (r.hasResourceMethods()) {
        for (Map.Entry<String, Method> m : r.resourceMethods().entrySet()) {
          methods.put(m.getKey(), withoutIds(m.getValue()));
          operations.put(
              m.getKey().toUpperCase(Locale.ROOT) + " " + r.path(),
              m.getValue().methodIntegration());
        }
      }
      fingerprint.put(r.path(), methods);
    }
    return new WorkingDefinition(fingerprint, operations);
  }

  /**
   * Ids (of authorizers, validators, the default cache namespace) are left out: re-importing the
   * same document may give them new values without changing what is served.
   */
  private static Map<String, Object> withoutIds(Method method) {
    Method.Builder b = method.toBuilder().authorizerId(null).requestValidatorId(null);
    if (method.methodIntegration() != null) {
      b.methodIntegration(method.methodIntegration().toBuilder().cacheNamespace(null).build());
    }
    return SdkTrees.toTree(b.build());
  }

  /** The operations, as {@code METHOD /path}, sorted. */
  List<String> operations() {
    return List.copyOf(operations.keySet());
  }

  /**
   * Why this working definition is not what putting {@code json} produced, or empty when it is: an
   * operation of the document is missing, its integration differs, or (overwrite) the API has an
   * operation the document does not declare. Empty too when the paths cannot be predicted (a {@code
   * basepath} import parameter other than {@code ignore} moves them).
   */
  Optional<String> mismatch(String json, boolean overwrite, Map<String, String> parameters) {
    String basepath = parameters.getOrDefault("basepath", "ignore");
    if (!basepath.equalsIgnoreCase("ignore")) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the canonical JSON does not read back", e);
    }
    Map<String, JsonNode> expected = new TreeMap<>();
    JsonNode paths = root.path("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      if (path.getValue().has("$ref")) {
        return Optional.empty();
      }
      for (Iterator<Map.Entry<String, JsonNode>> ms = path.getValue().fields(); ms.hasNext(); ) {
        Map.Entry<String, JsonNode> m = ms.next();
        String method =
            m.getKey().equals("x-amazon-apigateway-any-method")
                ? "ANY"
                : METHODS.contains(m.getKey()) ? m.getKey().toUpperCase(Locale.ROOT) : null;
        if (method != null) {
          expected.put(method + " " + path.getKey(), m.getValue());
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
      if (!operations.containsKey(e.getKey())) {
        return Optional.of("it has no " + e.getKey());
      }
      JsonNode declared = e.getValue().path("x-amazon-apigateway-integration");
      if (!declared.isObject()) {
        continue;
      }
      Integration actual = operations.get(e.getKey());
      if (actual == null) {
        return Optional.of(e.getKey() + " has no integration");
      }
      Optional<String> d =
          differs(e.getKey(), "type", declared.path("type"), actual.typeAsString(), true);
      if (d.isEmpty()) {
        d =
            differs(
                e.getKey(), "httpMethod", declared.path("httpMethod"), actual.httpMethod(), true);
      }
      if (d.isEmpty()) {
        d = differs(e.getKey(), "uri", declared.path("uri"), actual.uri(), false);
      }
      if (d.isPresent()) {
        return d;
      }
    }
    if (overwrite) {
      for (String op : operations.keySet()) {
        if (!expected.containsKey(op)) {
          return Optional.of("it has " + op + ", which the document does not declare");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<String> differs(
      String op, String field, JsonNode declared, String actual, boolean ignoreCase) {
    if (!declared.isTextual()) {
      return Optional.empty();
    }
    String want = declared.textValue();
    boolean same = ignoreCase ? want.equalsIgnoreCase(actual) : want.equals(actual);
    return same
        ? Optional.empty()
        : Optional.of(
            op + " integration " + field + " is " + actual + " (the document: " + want + ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkingDefinition w && w.fingerprint.equals(fingerprint);
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }
}
