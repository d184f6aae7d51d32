package io.pipelinekit.apispec.internal.diff;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.ApiChange.Kind;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.OperationKeys;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks two versions of an OpenAPI document side by side and lists what changed. Local {@code
 * $ref}s are followed; each pair of schemas is compared once per direction (request or response),
 * which also stops cycles.
 */
public final class Differ {
  private static final List<String> METHODS = OperationKeys.WITH_ANY_METHOD;
  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}/]*)}");
  private static final int MAX_DEPTH = 64;
  private static final int MAX_REF_HOPS = 32;

  private enum Direction {
    REQUEST,
    RESPONSE
  }

  /** A node and where it is: its document and its JSON pointer there. */
  private record At(LoadedDocument document, JsonNode node, String pointer) {
    At child(String name) {
      return new At(document, node.path(name), pointer + "/" + LoadedDocument.escape(name));
    }

    At item(int index) {
      return new At(document, node.path(index), pointer + "/" + index);
    }

    boolean present() {
      return !node.isMissingNode() && !node.isNull();
    }
  }

  /** A change as found: the operations it affects grow as later operations reach it. */
  private static final class Found {
    final Kind kind;
    final boolean breaking;
    final At at;
    final String message;
    final String context;
    final Set<String> operations = new LinkedHashSet<>();

    Found(Kind kind, boolean breaking, At at, String message, String context) {
      this.kind = kind;
      this.breaking = breaking;
      this.at = at;
      this.message = message;
      this.context = context;
    }
  }

  private final LoadedDocument before;
  private final LoadedDocument after;
  private final List<Found> found = new ArrayList<>();

  /** Kind, breaking-ness, file and pointer of each change → its index in {@link #found}. */
  private final Map<String, Integer> reported = new HashMap<>();

  /** Schema pairs whose comparison began (a pair met again while open is a cycle). */
  private final Set<String> compared = new HashSet<>();

  /** Schema pairs compared → the changes found under them (nested pairs included). */
  private final Map<String, Set<Integer>> pairChanges = new HashMap<>();

  /** The changes found under each schema pair being compared, innermost first. */
  private final Deque<Set<Integer>> open = new ArrayDeque<>();

  /** The operation being compared ({@code GET /pets}), or null between operations. */
  private String operation;

  /** The context of the schema comparison under way (what {@link #via} names), or null. */
  private String schemaContext;

  private Differ(LoadedDocument before, LoadedDocument after) {
    this.before = before;
    this.after = after;
  }

  /** The changes from {@code before} to {@code after}, in document order. */
  public static List<ApiChange> compare(LoadedDocument before, LoadedDocument after) {
    for (LoadedDocument document : List.of(before, after)) {
      if (!document.root().isObject()) {
        throw new ApiSpecException(
            document.locate("") + ": the document is not a mapping; is it an OpenAPI document?");
      }
    }
    Differ differ = new Differ(before, after);
    differ.comparePaths();
    return differ.changes();
  }

  /**
   * The changes, each with every operation it affects; a change in a schema that several operations
   * use says how many in its message ({@code (used by GET /a response 200 and 186 other
   * operations)}).
   */
  private List<ApiChange> changes() {
    List<ApiChange> changes = new ArrayList<>(found.size());
    for (Found f : found) {
      String message = f.message;
      int others = f.operations.size() - 1;
      if (f.context != null && others > 0) {
        message =
            message.replace(
                " (used by " + f.context + ")",
                " (used by "
                    + f.context
                    + " and "
                    + others
                    + (others == 1 ? " other operation)" : " other operations)"));
      }
      changes.add(
          ApiChange.builder()
              .kind(f.kind)
              .breaking(f.breaking)
              .location(f.at.document().locate(f.at.pointer()))
              .message(message)
              .operations(List.copyOf(f.operations))
              .build());
    }
    return List.copyOf(changes);
  }

  // ---- paths and operations

  private void comparePaths() {
    At oldPaths = new At(before, before.root().path("paths"), "/paths");
    At newPaths = new At(after, after.root().path("paths"), "/paths");
    Map<String, String> newByShape = new LinkedHashMap<>();
    newPaths.node().fieldNames().forEachRemaining(p -> newByShape.putIfAbsent(shape(p), p));
    Set<String> oldShapes = new HashSet<>();
    Iterator<String> oldNames = oldPaths.node().fieldNames();
    while (oldNames.hasNext()) {
      String path = oldNames.next();
      oldShapes.add(shape(path));
      String match = newByShape.get(shape(path));
      At oldItem = resolve(oldPaths.child(path));
      if (match == null) {
        // A path without operations offers nothing to call: neither its removal nor its
        // addition is a change a client sees.
        List<String> operations = operationLabels(path, oldItem);
        if (!operations.isEmpty()) {
          boolean allDeprecated = allDeprecated(oldItem);
          add(
              Kind.PATH_REMOVED,
              !allDeprecated,
              oldPaths.child(path),
              "path "
                  + path
                  + " was removed"
                  + withOperations(oldItem)
                  + (allDeprecated ? "; every operation was deprecated, so it is not breaking" : "")
                  + ".");
          found.get(found.size() - 1).operations.addAll(operations);
        }
      } else {
        compareItem(path, oldItem, match, resolve(newPaths.child(match)));
      }
    }
    Iterator<String> newNames = newPaths.node().fieldNames();
    while (newNames.hasNext()) {
      String path = newNames.next();
      if (!oldShapes.contains(shape(path))) {
        At item = resolve(newPaths.child(path));
        List<String> operations = operationLabels(path, item);
        if (!operations.isEmpty()) {
          add(
              Kind.PATH_ADDED,
              newPaths.child(path),
              "path " + path + " was added" + withOperations(item) + ".");
          found.get(found.size() - 1).operations.addAll(operations);
        }
      }
    }
  }

  private static String withOperations(At item) {
    List<String> methods = new ArrayList<>();
    for (String method : METHODS) {
      if (item.node().has(method)) {
        methods.add(methodLabel(method));
      }
    }
    return methods.isEmpty() ? "" : " (" + String.join(", ", methods) + ")";
  }

  private static List<String> operationLabels(String path, At item) {
    List<String> labels = new ArrayList<>();
    for (String method : METHODS) {
      if (item.node().has(method)) {
        labels.add(methodLabel(method) + " " + path);
      }
    }
    return labels;
  }

  private static boolean deprecated(At operation) {
    return operation.node().path("deprecated").asBoolean(false);
  }

  /** Whether the path has operations and every one is marked {@code deprecated: true}. */
  private static boolean allDeprecated(At item) {
    boolean any = false;
    for (String method : METHODS) {
      At op = item.child(method);
      if (op.present()) {
        if (!deprecated(op)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  private void compareItem(String oldPath, At oldItem, String newPath, At newItem) {
    for (String method : METHODS) {
      At oldOp = oldItem.child(method);
      At newOp = newItem.child(method);
      operation = methodLabel(method) + " " + (newOp.present() ? newPath : oldPath);
      if (oldOp.present() && !newOp.present()) {
        // Policy (docs/commands.md#diff): removing an operation the old document marks
        // deprecated is not breaking — the deprecation was the notice (oasdiff rates it so too).
        boolean wasDeprecated = deprecated(oldOp);
        add(
            Kind.OPERATION_REMOVED,
            !wasDeprecated,
            oldOp,
            methodLabel(method)
                + " "
                + oldPath
                + " was removed"
                + operationId(oldOp)
                + (wasDeprecated ? "; it was deprecated, so it is not breaking" : "")
                + ".");
      } else if (!oldOp.present() && newOp.present()) {
        add(
            Kind.OPERATION_ADDED,
            newOp,
            methodLabel(method) + " " + newPath + " was added" + operationId(newOp) + ".");
      } else if (oldOp.present()) {
        String label = methodLabel(method) + " " + newPath;
        compareOperation(label, oldPath, oldItem, oldOp, newPath, newItem, newOp);
      }
    }
    operation = null;
  }

  private static String operationId(At operation) {
    JsonNode id = operation.node().get("operationId");
    return id != null && id.isTextual() ? " (operationId " + id.textValue() + ")" : "";
  }

  private void compareOperation(
      String label, String oldPath, At oldItem, At oldOp, String newPath, At newItem, At newOp) {
    if (!oldOp.node().path("deprecated").asBoolean(false)
        && newOp.node().path("deprecated").asBoolean(false)) {
      add(Kind.OPERATION_DEPRECATED, newOp.child("deprecated"), label + " is now deprecated.");
    }
    compareParameters(
        label, parameters(oldPath, oldItem, oldOp), parameters(newPath, newItem, newOp));
    compareRequestBody(label, oldOp.child("requestBody"), newOp.child("requestBody"));
    compareResponses(label, oldOp.child("responses"), newOp.child("responses"));
    compareSecurity(label, oldOp, newOp);
  }

  // ---- parameters

  /** Path-level and operation-level parameters by identity; path parameters by position. */
  private Map<String, At> parameters(String path, At item, At operation) {
    List<String> placeholders = new ArrayList<>();
    Matcher m = TEMPLATE.matcher(path);
    while (m.find()) {
      placeholders.add(m.group(1));
    }
    Map<String, At> byKey = new LinkedHashMap<>();
    for (At list : List.of(item.child("parameters"), operation.child("parameters"))) {
      if (!list.node().isArray()) {
        continue;
      }
      for (int i = 0; i < list.node().size(); i++) {
        At parameter = resolve(list.item(i));
        String in = parameter.node().path("in").asText("");
        String name = parameter.node().path("name").asText("");
        String key;
        JsonNode unresolved = parameter.node().get("$ref");
        if (unresolved != null) {
          key = "$ref:" + unresolved.asText();
        } else if (in.equals("path") && placeholders.contains(name)) {
          key = "path#" + placeholders.indexOf(name);
        } else if (in.equals("header")) {
          key = "header:" + name.toLowerCase(Locale.ROOT);
        } else if (in.equals("body")) {
          key = "body";
        } else {
          key = in + ":" + name;
        }
        byKey.put(key, parameter);
      }
    }
    return byKey;
  }

  private void compareParameters(String label, Map<String, At> before, Map<String, At> after) {
    before.forEach(
        (key, old) -> {
          At now = after.get(key);
          if (now == null) {
            add(
                Kind.PARAMETER_REMOVED,
                old,
                label + ": " + describeParameter(old) + " was removed.");
            return;
          }
          boolean wasRequired = old.node().path("required").asBoolean(false);
          boolean isRequired = now.node().path("required").asBoolean(false);
          if (!wasRequired && isRequired) {
            add(
                Kind.PARAMETER_MADE_REQUIRED,
                now.child("required"),
                label + ": " + describeParameter(now) + " is now required.");
          } else if (wasRequired && !isRequired) {
            add(
                Kind.PARAMETER_MADE_OPTIONAL,
                now.child("required").present() ? now.child("required") : now,
                label + ": " + describeParameter(now) + " is now optional.");
          }
          String context = label + " " + describeParameter(now);
          if (old.child("schema").present() && now.child("schema").present()) {
            compareSchema(Direction.REQUEST, context, old.child("schema"), now.child("schema"), 0);
          } else {
            compareSchema(Direction.REQUEST, context, old, now, 0);
          }
        });
    after.forEach(
        (key, now) -> {
          if (!before.containsKey(key) && key.startsWith("path#")) {
            // The paths match by shape, so the old path had this placeholder too: clients always
            // sent it. Declaring it now (an export without parameters, a lenient old document)
            // changes nothing they send.
            add(
                Kind.PARAMETER_ADDED,
                now,
                label
                    + ": "
                    + describeParameter(now)
                    + " is now declared (the path always had it).");
          } else if (!before.containsKey(key)) {
            boolean required = now.node().path("required").asBoolean(false);
            add(
                required ? Kind.PARAMETER_ADDED_REQUIRED : Kind.PARAMETER_ADDED,
                now,
                label
                    + ": "
                    + (required ? "required " : "optional ")
                    + describeParameter(now)
                    + " was added.");
          }
        });
  }

  private static String describeParameter(At parameter) {
    JsonNode ref = parameter.node().get("$ref");
    if (ref != null) {
      // resolve() stopped here: the reference names nothing (or leaves the document).
      return "parameter $ref '" + ref.asText() + "' (which does not resolve; fix the reference)";
    }
    String in = parameter.node().path("in").asText("");
    if (in.equals("body")) {
      return "request body";
    }
    String name = parameter.node().path("name").asText("");
    return (in.isEmpty() ? "" : in + " ")
        + (name.isEmpty() ? "parameter without a name" : "parameter '" + name + "'");
  }

  // ---- request bodies, responses, content

  private void compareRequestBody(String label, At oldBody, At newBody) {
    At old = resolve(oldBody);
    At now = resolve(newBody);
    if (!old.present() && !now.present()) {
      return;
    }
    boolean isRequired = now.node().path("required").asBoolean(false);
    if (!old.present()) {
      add(
          isRequired ? Kind.REQUEST_BODY_ADDED_REQUIRED : Kind.REQUEST_BODY_ADDED,
          now,
          label + ": a " + (isRequired ? "required" : "optional") + " request body was added.");
      return;
    }
    if (!now.present()) {
      add(Kind.REQUEST_BODY_REMOVED, old, label + ": the request body was removed.");
      return;
    }
    boolean wasRequired = old.node().path("required").asBoolean(false);
    if (!wasRequired && isRequired) {
      add(
          Kind.REQUEST_BODY_MADE_REQUIRED,
          now.child("required"),
          label + ": the request body is now required.");
    } else if (wasRequired && !isRequired) {
      add(
          Kind.REQUEST_BODY_MADE_OPTIONAL,
          now.child("required").present() ? now.child("required") : now,
          label + ": the request body is now optional.");
    }
    compareContent(Direction.REQUEST, label + " request body", old, now);
  }

  private void compareResponses(String label, At oldResponses, At newResponses) {
    Iterator<String> codes = oldResponses.node().fieldNames();
    while (codes.hasNext()) {
      String code = codes.next();
      if (code.startsWith("x-")) {
        continue;
      }
      At old = resolve(oldResponses.child(code));
      if (!newResponses.node().has(code)) {
        // Policy (docs/commands.md#diff): only a removed success (2xx) or default response
        // breaks clients; an error or other status no longer documented is not breaking
        // (oasdiff rates it so too).
        boolean success = code.startsWith("2") || code.equals("default");
        add(
            Kind.RESPONSE_REMOVED,
            success,
            oldResponses.child(code),
            label
                + ": response "
                + code
                + " was removed"
                + (success ? "" : " (not a success response, so it is not breaking)")
                + ".");
        continue;
      }
      At now = resolve(newResponses.child(code));
      String context = label + " response " + code;
      if (old.child("schema").present() && now.child("schema").present()) {
        compareSchema(Direction.RESPONSE, context, old.child("schema"), now.child("schema"), 0);
      }
      compareContent(Direction.RESPONSE, context, old, now);
    }
    Iterator<String> added = newResponses.node().fieldNames();
    while (added.hasNext()) {
      String code = added.next();
      if (!code.startsWith("x-") && !oldResponses.node().has(code)) {
        add(
            Kind.RESPONSE_ADDED,
            newResponses.child(code),
            label + ": response " + code + " was added.");
      }
    }
  }

  private void compareContent(Direction direction, String context, At old, At now) {
    At oldContent = old.child("content");
    At newContent = now.child("content");
    Iterator<String> types = oldContent.node().fieldNames();
    while (types.hasNext()) {
      String type = types.next();
      if (!newContent.node().has(type)) {
        add(
            Kind.MEDIA_TYPE_REMOVED,
            oldContent.child(type),
            context + ": media type " + type + " was removed.");
      } else {
        compareSchema(
            direction,
            context + " " + type,
            oldContent.child(type).child("schema"),
            newContent.child(type).child("schema"),
            0);
      }
    }
    Iterator<String> added = newContent.node().fieldNames();
    while (added.hasNext()) {
      String type = added.next();
      if (!oldContent.node().has(type)) {
        add(
            Kind.MEDIA_TYPE_ADDED,
            newContent.child(type),
            context + ": media type " + type + " was added.");
      }
    }
  }

  // ---- schemas

  /**
   * Compares a pair of schemas once per direction. Met again — from another operation, or another
   * place of the same one — the pair is not compared again, but what it found is credited to the
   * current operation, so a change in a shared schema lists every operation that uses it.
   */
  private void compareSchema(
      Direction direction, String context, At oldSchema, At newSchema, int depth) {
    At old = resolve(oldSchema);
    At now = resolve(newSchema);
    if (depth > MAX_DEPTH || !old.node().isObject() || !now.node().isObject()) {
      return;
    }
    String key = direction + " " + old.pointer() + " " + now.pointer();
    Set<Integer> done = pairChanges.get(key);
    if (done != null) {
      for (int index : done) {
        credit(index);
      }
      return;
    }
    if (!compared.add(key)) {
      return; // a cycle: the pair is being compared further up
    }
    String outerContext = schemaContext;
    schemaContext = context;
    Set<Integer> mine = new LinkedHashSet<>();
    open.push(mine);
    try {
      compareSchemaPair(direction, context, old, now, depth);
    } finally {
      open.pop();
      pairChanges.put(key, mine);
      if (!open.isEmpty()) {
        open.peek().addAll(mine);
      }
      schemaContext = outerContext;
    }
  }

  private void compareSchemaPair(Direction direction, String context, At old, At now, int depth) {
    String where = "#" + now.pointer() + via(context, now);
    String oldType = typeOf(old.node());
    String newType = typeOf(now.node());
    if (oldType != null && newType != null && !oldType.equals(newType)) {
      add(
          Kind.TYPE_CHANGED,
          now.child("type"),
          "type of " + where + " changed from " + oldType + " to " + newType + ".");
    }
    compareEnum(direction, where, old, now);
    compareNullable(direction, where, old, now);
    compareConstraints(direction, where, old, now);
    At oldProps = old.child("properties");
    At newProps = now.child("properties");
    Iterator<String> names = oldProps.node().fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (newProps.node().has(name)) {
        compareSchema(direction, context, oldProps.child(name), newProps.child(name), depth + 1);
      } else if (direction == Direction.RESPONSE) {
        add(
            Kind.RESPONSE_PROPERTY_REMOVED,
            oldProps.child(name),
            "property '"
                + name
                + "' of #"
                + old.pointer()
                + via(context, old)
                + " was removed from responses.");
      }
    }
    if (direction == Direction.REQUEST) {
      Set<String> wasRequired = names(old.node().path("required"));
      for (String name : names(now.node().path("required"))) {
        if (!wasRequired.contains(name)) {
          add(
              Kind.REQUEST_PROPERTY_MADE_REQUIRED,
              now.child("required"),
              "property '" + name + "' of " + where + " is now required in requests.");
        }
      }
    } else {
      Set<String> isRequired = names(now.node().path("required"));
      for (String name : names(old.node().path("required"))) {
        // A property removed outright is reported as such (response-property-removed).
        if (!isRequired.contains(name) && newProps.node().has(name)) {
          add(
              Kind.RESPONSE_PROPERTY_MADE_OPTIONAL,
              now.child("required").present() ? now.child("required") : now,
              "property '"
                  + name
                  + "' of "
                  + where
                  + " is no longer required in responses; clients relying on it break.");
        }
      }
    }
    for (String key : List.of("items", "additionalProperties", "not")) {
      compareSchema(direction, context, old.child(key), now.child(key), depth + 1);
    }
    for (String key : List.of("allOf", "oneOf", "anyOf")) {
      JsonNode a = old.node().path(key);
      JsonNode b = now.node().path(key);
      if (a.isArray() && b.isArray() && a.size() == b.size()) {
        for (int i = 0; i < a.size(); i++) {
          compareSchema(
              direction, context, old.child(key).item(i), now.child(key).item(i), depth + 1);
        }
      }
    }
  }

  private static String via(String context, At schema) {
    return schema.pointer().startsWith("/paths/") ? "" : " (used by " + context + ")";
  }

  private void compareEnum(Direction direction, String where, At old, At now) {
    JsonNode a = old.node().path("enum");
    JsonNode b = now.node().path("enum");
    if (!a.isArray() && b.isArray()) {
      add(
          Kind.ENUM_CONSTRAINT_ADDED,
          direction == Direction.REQUEST,
          now.child("enum"),
          "enum of "
              + where
              + " was added: "
              + String.join(", ", missingFrom(b, a))
              + inDirection(direction)
              + ".");
      return;
    }
    if (a.isArray() && !b.isArray()) {
      add(
          Kind.ENUM_CONSTRAINT_REMOVED,
          direction == Direction.RESPONSE,
          old.child("enum"),
          "enum of "
              + where
              + " was removed: any value is now allowed"
              + inDirection(direction)
              + ".");
      return;
    }
    if (!a.isArray()) {
      return;
    }
    List<String> removed = missingFrom(a, b);
    List<String> added = missingFrom(b, a);
    if (!removed.isEmpty()) {
      add(
          Kind.ENUM_VALUE_REMOVED,
          now.child("enum"),
          "enum of " + where + " no longer has " + String.join(", ", removed) + ".");
    }
    if (!added.isEmpty()) {
      add(
          Kind.ENUM_VALUE_ADDED,
          now.child("enum"),
          "enum of " + where + " gained " + String.join(", ", added) + ".");
    }
  }

  private static String inDirection(Direction direction) {
    return direction == Direction.REQUEST ? " (in requests)" : " (in responses)";
  }

  /**
   * {@code nullable} (OpenAPI 3.0, Swagger's {@code x-nullable}) or {@code "null"} in a 3.1 type
   * list. Accepting null is a loosening: breaking in responses, while no longer accepting it breaks
   * requests.
   */
  private void compareNullable(Direction direction, String where, At old, At now) {
    boolean was = nullable(old.node());
    boolean is = nullable(now.node());
    if (was == is) {
      return;
    }
    At at = is ? nullableNode(now) : (nullableNode(now).present() ? nullableNode(now) : now);
    if (is) {
      add(
          Kind.NULLABLE_ADDED,
          direction == Direction.RESPONSE,
          at,
          where + " may now be null" + inDirection(direction) + ".");
    } else {
      add(
          Kind.NULLABLE_REMOVED,
          direction == Direction.REQUEST,
          at,
          where + " may no longer be null" + inDirection(direction) + ".");
    }
  }

  private static boolean nullable(JsonNode schema) {
    if (schema.path("nullable").asBoolean(false) || schema.path("x-nullable").asBoolean(false)) {
      return true;
    }
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().equals("null")) {
          return true;
        }
      }
    }
    return false;
  }

  private static At nullableNode(At schema) {
    for (String key : List.of("nullable", "x-nullable")) {
      if (schema.child(key).present()) {
        return schema.child(key);
      }
    }
    return schema.child("type");
  }

  /** Lower bounds: a larger value is narrower. */
  private static final List<String> LOWER_BOUNDS =
      List.of("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties");

  /** Upper bounds: a smaller value is narrower. */
  private static final List<String> UPPER_BOUNDS =
      List.of("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties");

  /** Replacing one of these is neither narrower nor wider; adding one narrows. */
  private static final List<String> OPAQUE = List.of("pattern", "multipleOf");

  /**
   * Value constraints. Narrowing a request's breaks clients that sent what used to be valid;
   * widening a response's breaks clients that validated what they receive. Boolean {@code
   * exclusiveMinimum}/{@code exclusiveMaximum} (OpenAPI 3.0) and {@code uniqueItems} narrow when
   * they become true.
   */
  private void compareConstraints(Direction direction, String where, At old, At now) {
    for (String key : LOWER_BOUNDS) {
      compareBound(direction, where, old, now, key, 1);
    }
    for (String key : UPPER_BOUNDS) {
      compareBound(direction, where, old, now, key, -1);
    }
    for (String key : OPAQUE) {
      JsonNode a = old.node().get(key);
      JsonNode b = now.node().get(key);
      if (a == null && b == null || a != null && a.equals(b)) {
        continue;
      }
      if (a == null) {
        constraint(direction, true, now.child(key), key + " " + b + " was added to " + where);
      } else if (b == null) {
        constraint(direction, false, old.child(key), key + " " + a + " was removed from " + where);
      } else {
        add(
            Kind.CONSTRAINT_CHANGED,
            now.child(key),
            key
                + " of "
                + where
                + " changed from "
                + a
                + " to "
                + b
                + inDirection(direction)
                + ".");
      }
    }
    compareFlag(direction, where, old, now, "uniqueItems");
  }

  /** {@code sign} 1: a larger value narrows (lower bound); -1: a smaller one does. */
  private void compareBound(
      Direction direction, String where, At old, At now, String key, int sign) {
    JsonNode a = old.node().get(key);
    JsonNode b = now.node().get(key);
    if (a != null && a.isBoolean() || b != null && b.isBoolean()) {
      compareFlag(direction, where, old, now, key);
      return;
    }
    boolean hadBound = a != null && a.isNumber();
    boolean hasBound = b != null && b.isNumber();
    if (!hadBound && !hasBound) {
      return;
    }
    if (!hadBound) {
      constraint(direction, true, now.child(key), key + " " + b + " was added to " + where);
    } else if (!hasBound) {
      constraint(direction, false, old.child(key), key + " " + a + " was removed from " + where);
    } else {
      int cmp = b.decimalValue().compareTo(a.decimalValue()) * sign;
      if (cmp != 0) {
        constraint(
            direction,
            cmp > 0,
            now.child(key),
            key + " of " + where + " changed from " + a + " to " + b);
      }
    }
  }

  /** A boolean constraint: becoming true narrows. */
  private void compareFlag(Direction direction, String where, At old, At now, String key) {
    boolean was = old.node().path(key).asBoolean(false);
    boolean is = now.node().path(key).asBoolean(false);
    if (was != is) {
      At at = now.child(key).present() ? now.child(key) : old.child(key);
      constraint(direction, is, at, key + " of " + where + " changed from " + was + " to " + is);
    }
  }

  private void constraint(Direction direction, boolean tightened, At at, String what) {
    boolean breaking = tightened == (direction == Direction.REQUEST);
    add(
        tightened ? Kind.CONSTRAINT_TIGHTENED : Kind.CONSTRAINT_LOOSENED,
        breaking,
        at,
        what
            + (tightened ? " (narrower" : " (wider")
            + (direction == Direction.REQUEST ? ", in requests" : ", in responses")
            + (breaking
                ? tightened
                    ? "): requests valid before may now be rejected."
                    : "): clients may receive values they did not expect."
                : ")."));
  }

  private static List<String> missingFrom(JsonNode values, JsonNode other) {
    Set<JsonNode> present = new HashSet<>();
    other.forEach(present::add);
    List<String> missing = new ArrayList<>();
    values.forEach(
        v -> {
          if (!present.contains(v)) {
            missing.add(v.toString());
          }
        });
    return missing;
  }

  /** The schema's type; {@code "null"} in a 3.1 type list is nullability, compared apart. */
  private static String typeOf(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return null;
    }
    if (type.isTextual()) {
      return type.textValue();
    }
    if (type.isArray()) {
      Set<String> types = names(type);
      if (types.size() > 1) {
        types.remove("null");
      }
      return String.join("|", types);
    }
    return type.toString();
  }

  private static Set<String> names(JsonNode list) {
    Set<String> names = new TreeSet<>();
    if (list.isArray()) {
      list.forEach(n -> names.add(n.asText()));
    }
    return names;
  }

  // ---- security

  private void compareSecurity(String label, At oldOp, At newOp) {
    At old = effectiveSecurity(oldOp);
    At now = effectiveSecurity(newOp);
    List<Map<String, Set<String>>> was = alternatives(old.node());
    List<Map<String, Set<String>>> is = alternatives(now.node());
    boolean wasOpen = was.isEmpty() || was.stream().anyMatch(Map::isEmpty);
    boolean isOpen = is.isEmpty() || is.stream().anyMatch(Map::isEmpty);
    At where = now.present() ? now : newOp;
    if (wasOpen && !isOpen) {
      add(
          Kind.SECURITY_ADDED,
          where,
          label + " now requires " + describe(is) + "; clients without it are rejected.");
    } else if (!wasOpen && isOpen) {
      add(
          Kind.SECURITY_REMOVED,
          where,
          label + " no longer requires authentication (was " + describe(was) + ").");
    } else if (!wasOpen) {
      for (Map<String, Set<String>> alternative : was) {
        if (is.stream().noneMatch(candidate -> satisfiedBy(candidate, alternative))) {
          add(
              Kind.SECURITY_ADDED,
              where,
              label
                  + " now requires "
                  + describe(is)
                  + "; clients using "
                  + describe(List.of(alternative))
                  + " are rejected.");
          break;
        }
      }
    }
  }

  /** The operation's {@code security}, else the document's. */
  private static At effectiveSecurity(At operation) {
    At own = operation.child("security");
    if (own.present()) {
      return own;
    }
    LoadedDocument document = operation.document();
    return new At(document, document.root().path("security"), "/security");
  }

  private static List<Map<String, Set<String>>> alternatives(JsonNode security) {
    List<Map<String, Set<String>>> alternatives = new ArrayList<>();
    if (security.isArray()) {
      for (JsonNode requirement : security) {
        Map<String, Set<String>> schemes = new TreeMap<>();
        requirement.fields().forEachRemaining(e -> schemes.put(e.getKey(), names(e.getValue())));
        alternatives.add(schemes);
      }
    }
    return alternatives;
  }

  /** Whether a client meeting {@code old} also meets {@code requirement}. */
  private static boolean satisfiedBy(
      Map<String, Set<String>> requirement, Map<String, Set<String>> old) {
    for (Map.Entry<String, Set<String>> e : requirement.entrySet()) {
      Set<String> scopes = old.get(e.getKey());
      if (scopes == null || !scopes.containsAll(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<Map<String, Set<String>>> alternatives) {
    List<String> parts = new ArrayList<>();
    for (Map<String, Set<String>> alternative : alternatives) {
      List<String> schemes = new ArrayList<>();
      alternative.forEach(
          (scheme, scopes) ->
              schemes.add(scopes.isEmpty() ? scheme : scheme + " " + String.join(" ", scopes)));
      parts.add(schemes.isEmpty() ? "none" : String.join(" and ", schemes));
    }
    return String.join(" or ", parts);
  }

  // ---- refs, shapes, reporting

  /** Follows local {@code $ref}s (at most {@value #MAX_REF_HOPS} hops, stopping at a loop). */
  private static At resolve(At at) {
    At current = at;
    Set<String> seen = new HashSet<>();
    for (int hop = 0; hop < MAX_REF_HOPS; hop++) {
      JsonNode ref = current.node().get("$ref");
      if (ref == null || !ref.isTextual() || !ref.textValue().startsWith("#")) {
        return current;
      }
      String pointer;
      try {
        pointer = JsonPointers.percentDecode(ref.textValue().substring(1));
      } catch (IllegalArgumentException e) {
        return current;
      }
      if (!seen.add(pointer)) {
        return current;
      }
      JsonNode target = JsonPointers.at(current.document().root(), pointer);
      if (target.isMissingNode()) {
        return current;
      }
      current = new At(current.document(), target, pointer);
    }
    return current;
  }

  /** The path with its placeholders' names erased: {@code /pets/{id}} → {@code /pets/{}}. */
  private static String shape(String path) {
    return TEMPLATE.matcher(path).replaceAll("{}");
  }

  private static String methodLabel(String method) {
    return OperationKeys.label(method);
  }

  private void add(Kind kind, At at, String message) {
    add(kind, kind.breaking(), at, message);
  }

  /**
   * Records a change once per kind, place and breaking-ness: a schema shared by a request and a
   * response may change in a way that breaks one and not the other, and both are said.
   */
  private void add(Kind kind, boolean breaking, At at, String message) {
    String key = kind + " " + breaking + " " + at.document().file() + " " + at.pointer();
    Integer index = reported.get(key);
    if (index == null) {
      index = found.size();
      found.add(new Found(kind, breaking, at, message, schemaContext));
      reported.put(key, index);
    }
    credit(index);
  }

  /** The change at {@code index} affects the current operation, and the schema pair open. */
  private void credit(int index) {
    if (operation != null) {
      found.get(index).operations.add(operation);
    }
    if (!open.isEmpty()) {
      open.peek().add(index);
    }
  }
}
