package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.OperationKeys;
import io.pipelinekit.core.Severity;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts swagger-parser's messages into rules by kind of violation, each with the severity that
 * matches what API Gateway's REST import does with it, and says it in our words.
 *
 * <p>Sources (each rule page in docs/rules/oas-*.md cites them): "Errors and warnings from
 * importing your API into API Gateway"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-errors-warnings.html):
 * errors are for "major issues like an invalid OpenAPI document", warnings for "minor issues like a
 * missing model reference"; "Amazon API Gateway important notes for REST APIs"
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html): for
 * parameters only name, in, required, type and description are used. Only a wrong type keeps the
 * severity error: it is the one kind that makes the document unreadable as OpenAPI.
 */
final class Classifier {
  static final Set<String> RULES =
      Set.of(
          "oas-wrong-type",
          "oas-path-parameter",
          "oas-responses",
          "oas-info",
          "oas-parameter-type",
          "oas-unknown-field",
          "oas-ref",
          "oas-required-field",
          "oas-invalid-value");

  record Classified(String rule, Severity severity, String message) {}

  /**
   * The message patterns, compiled on the first message (a class of their own): a document without
   * any swagger-parser message, the usual case, compiles none (~15 ms of CPU on a cold JVM, on the
   * command line's main thread, which loads this class for {@link #RULES}).
   */
  private static final class Patterns {
    static final Pattern MISSING = Pattern.compile("^attribute (.+) is missing$");
    static final Pattern UNEXPECTED =
        Pattern.compile("^attribute (.+) is (unexpected|unsupported|reserved by .*)$");
    static final Pattern WRONG_TYPE = Pattern.compile("^attribute (.+) is not of type `([^`]+)`$");
    static final Pattern UNDECLARED =
        Pattern.compile("Declared path parameter (\\S+) needs to be defined");
    static final Pattern NOT_REQUIRED =
        Pattern.compile("For path parameter (\\S+) the required value should be true");
    static final Pattern REF_TYPE =
        Pattern.compile("\\$ref target (\\S+) is not of expected type (\\S+)");

    private Patterns() {}
  }

  private Classifier() {}

  /**
   * The rule, severity and message for one swagger-parser message at {@code pointer}; null for
   * messages another rule reports better (a path not starting with '/' is apigw-path-segment's).
   */
  static Classified classify(String message, JsonNode root, String pointer) {
    if (message.contains("should start with /")) {
      return null;
    }
    Matcher m = Patterns.UNDECLARED.matcher(message);
    if (m.find()) {
      String name = m.group(1).endsWith("+") ? chop(m.group(1)) : m.group(1);
      return new Classified(
          "oas-path-parameter",
          Severity.WARNING,
          place(pointer)
              + ": the path uses {"
              + m.group(1)
              + "} but declares no path parameter '"
              + name
              + "'; API Gateway imports it anyway (it takes path parameters from the path), but"
              + " declare it (name: "
              + name
              + ", in: path, required: true) so that mappings and request validation can use it");
    }
    m = Patterns.NOT_REQUIRED.matcher(message);
    if (m.find()) {
      return new Classified(
          "oas-path-parameter",
          Severity.WARNING,
          place(pointer)
              + ": path parameter '"
              + m.group(1)
              + "' needs required: true (OpenAPI); API Gateway treats path parameters as required"
              + " anyway");
    }
    m = Patterns.REF_TYPE.matcher(message);
    if (m.find()) {
      return new Classified(
          "oas-ref",
          Severity.WARNING,
          place(pointer)
              + ": $ref '"
              + m.group(1)
              + "' points at something that is not a "
              + m.group(2)
              + "; API Gateway's import warns about it (and fails with failonwarnings=true)");
    }
    m = Patterns.MISSING.matcher(message);
    if (m.matches()) {
      return missing(dedupe(SwaggerValidation.segments(m.group(1))), root, pointer);
    }
    m = Patterns.UNEXPECTED.matcher(message);
    if (m.matches()) {
      List<String> path = dedupe(SwaggerValidation.segments(m.group(1)));
      return new Classified(
          "oas-unknown-field",
          Severity.WARNING,
          where(path)
              + "'"
              + last(path)
              + "' is not a field OpenAPI defines here; API Gateway ignores it (a typo?"
              + " extensions start with x-)");
    }
    m = Patterns.WRONG_TYPE.matcher(message);
    if (m.matches()) {
      List<String> path = dedupe(SwaggerValidation.segments(m.group(1)));
      if (JsonPointers.at(root, pointer).isNull()) {
        // 'responses:' with nothing after it: absent, not of another type.
        return missing(path, root, pointer);
      }
      boolean inSchema = pointer.contains("/schema") || pointer.contains("/definitions/");
      return new Classified(
          "oas-wrong-type",
          inSchema ? Severity.WARNING : Severity.ERROR,
          where(path)
              + "'"
              + last(path)
              + "' must be of type "
              + m.group(2)
              + (inSchema
                  ? " (inside a schema: API Gateway turns schemas into JSON Schema draft 4 models,"
                      + " where its meaning may differ)"
                  : ""));
    }
    return new Classified(
        "oas-invalid-value",
        Severity.WARNING,
        cleaned(message) + " (OpenAPI; API Gateway's import does not reject it)");
  }

  private static Classified missing(List<String> path, JsonNode root, String pointer) {
    String field = last(path);
    if (field.startsWith("#/") || field.contains(".yaml#") || field.contains(".json#")) {
      return new Classified(
          "oas-ref",
          Severity.WARNING,
          place(pointer)
              + ": $ref '"
              + field
              + "' points at nothing; API Gateway's import warns about a missing model reference"
              + " (and fails with failonwarnings=true): define it or fix the reference");
    }
    if (path.size() == 2 && path.get(0).equals("info")) {
      boolean title = field.equals("title");
      return new Classified(
          "oas-info",
          title ? Severity.WARNING : Severity.INFO,
          "info."
              + field
              + " is missing; OpenAPI requires it"
              + (title
                  ? " and API Gateway names a new API after it"
                  : ", API Gateway imports the document without it"));
    }
    if (field.equals("responses")) {
      JsonNode responses =
          JsonPointers.at(root, pointer.endsWith("/responses") ? pointer : pointer + "/responses");
      boolean empty = responses != null && responses.isObject() && responses.isEmpty();
      return new Classified(
          "oas-responses",
          Severity.WARNING,
          place(pointer)
              + (empty ? ": responses is empty" : ": responses is missing")
              + "; OpenAPI wants at least one response. API Gateway imports the method without"
              + " method responses (a proxy integration passes the backend's through); add e.g."
              + " '200': {description: OK}");
    }
    if (field.equals("type") || field.equals("content") || field.equals("schema")) {
      if (path.size() >= 2 && path.get(path.size() - 2).startsWith("[")) {
        String name = path.get(path.size() - 2);
        return new Classified(
            "oas-parameter-type",
            Severity.INFO,
            place(pointer)
                + ": parameter '"
                + name.substring(1, name.length() - 1)
                + "' has no "
                + (field.equals("type") ? "type" : "schema")
                + "; API Gateway keeps only a parameter's name and whether it is required, so it"
                + " imports fine (code generators will not know its type)");
      }
    }
    return new Classified(
        "oas-required-field",
        Severity.WARNING,
        where(path) + "'" + field + "' is missing; OpenAPI requires it here");
  }

  /** "GET /items" for an operation pointer, else the pointer's readable form. */
  static String place(String pointer) {
    String[] parts = pointer.split("/", -1);
    if (parts.length >= 3 && parts[1].equals("paths")) {
      String path = JsonPointers.unescape(parts[2]);
      if (parts.length >= 4 && OperationKeys.isOperation(parts[3])) {
        return OperationKeys.label(parts[3]) + " " + path;
      }
      return "path '" + path + "'";
    }
    return pointer.isEmpty() ? "the document" : pointer;
  }

  private static String where(List<String> path) {
    if (path.size() <= 1) {
      return "";
    }
    return String.join(".", path.subList(0, path.size() - 1)) + ": ";
  }

  private static String last(List<String> path) {
    return path.isEmpty() ? "" : path.get(path.size() - 1);
  }

  /** swagger-parser 1.x repeats the last segment ({@code responses.responses}); drop it. */
  private static List<String> dedupe(List<String> path) {
    int n = path.size();
    if (n >= 2 && path.get(n - 1).equals(path.get(n - 2))) {
      return path.subList(0, n - 1);
    }
    return path;
  }

  private static String chop(String s) {
    return s.substring(0, s.length() - 1);
  }

  private static String cleaned(String message) {
    return message.replace(". ", ": ").replaceFirst("^attribute ", "");
  }
}
