package io.pipelinekit.apispec.internal.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.internal.JsonPointers;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.apispec.internal.OperationKeys;
import io.pipelinekit.apispec.internal.load.NodePath;
import io.pipelinekit.apispec.internal.load.RefWalk;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Location;
import io.pipelinekit.core.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges OpenAPI fragments into one tree. Identical duplicates collapse; differing duplicates are
 * conflicts naming both places; an overlay operation (only {@code x-…} fields and {@code security})
 * adds its fields to the operation another fragment defines. Every merged node remembers which file
 * it came from, so a finding can name both sides.
 */
public final class Merger {
  /** Rule ids of the findings the merge reports. */
  public static final String CONFLICT = "merge-conflict";

  public static final String OPERATION_ID_CLASH = "merge-operation-id-clash";
  public static final String VERSION_MISMATCH = "merge-version-mismatch";
  public static final String PATH_TEMPLATE_CLASH = "merge-path-template-clash";
  public static final String SERVERS_DIFFER = "merge-servers-differ";
  public static final String ORPHAN_OVERLAY = "merge-orphan-overlay";
  public static final String UNRESOLVED_REF = "merge-unresolved-ref";
  public static final String EXTERNAL_REF = "merge-external-ref";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * OpenAPI's conventional top-level order (3.x, then Swagger 2.0); other keys follow in input
   * order.
   */
  private static final List<String> TOP_LEVEL_ORDER =
      List.of(
          "openapi",
          "swagger",
          "info",
          "jsonSchemaDialect",
          "host",
          "basePath",
          "schemes",
          "consumes",
          "produces",
          "servers",
          "paths",
          "webhooks",
          "components",
          "definitions",
          "parameters",
          "responses",
          "securityDefinitions",
          "security",
          "tags",
          "externalDocs");

  private static final Set<String> FIRST_WINS = Set.of("info", "externalDocs");
  private static final Set<String> PATH_MAPS = Set.of("paths", "webhooks");
  private static final Set<String> SWAGGER2_NAMED_MAPS =
      Set.of("definitions", "parameters", "responses", "securityDefinitions");
  private static final Set<String> SECURITY_SCHEME_MAPS =
      Set.of("securitySchemes", "securityDefinitions");
  private static final String BINARY_MEDIA_TYPES = "x-amazon-apigateway-binary-media-types";

  /** Where a merged node came from: the document and the pointer of the node in it. */
  private record Origin(LoadedDocument document, String pointer) {
    Location location() {
      return document.locate(pointer);
    }
  }

  /** The merged tree, the findings, and counts for a summary. */
  public record Merged(JsonNode tree, List<Finding> findings, int pathCount, int operationCount) {}

  private final List<LoadedDocument> documents;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<String, Origin> origins = new HashMap<>();
  private final LinkedHashMap<String, JsonNode> top = new LinkedHashMap<>();
  private final Map<String, String> tagPointers = new HashMap<>();
  private final Map<String, Map<String, String>> pathTemplates = new HashMap<>();

  private Merger(List<LoadedDocument> documents) {
    this.documents = List.copyOf(documents);
  }

  /** Merges the documents in the order given. */
  public static Merged merge(List<LoadedDocument> documents) {
    if (documents.isEmpty()) {
      throw new ApiSpecException("Nothing to merge: name at least one OpenAPI document.");
    }
    return new Merger(documents).run();
  }

  private Merged run() {
    LoadedDocument versioned = null;
    for (LoadedDocument document : documents) {
      if (!document.root().isObject()) {
        throw new ApiSpecException(
            document.locate("")
                + ": the document is not a mapping; an OpenAPI document starts with 'openapi:'.");
      }
      if (versioned == null && !document.specVersion().isEmpty()) {
        versioned = document;
      }
    }
    if (versioned == null) {
      throw new ApiSpecException(
          documents.get(0).file()
              + ":1:1: no fragment has an 'openapi' (or 'swagger') field; add 'openapi: 3.0.3' to"
              + " the first one.");
    }
    String versionKey = versioned.root().has("openapi") ? "openapi" : "swagger";
    top.put(versionKey, versioned.root().get(versionKey).deepCopy());
    origins.put("/" + versionKey, new Origin(versioned, "/" + versionKey));
    for (LoadedDocument document : documents) {
      checkVersion(versioned, document);
      mergeDocument(document);
    }
    reportOrphanOverlays();
    int[] counts = reportOperationIdClashes();
    JsonNode tree = assemble();
    checkRefs(tree);
    return new Merged(tree, List.copyOf(findings), counts[0], counts[1]);
  }

  private void checkVersion(LoadedDocument first, LoadedDocument document) {
    String version = document.specVersion();
    if (document == first || version.isEmpty()) {
      return;
    }
    String firstVersion = first.specVersion();
    String pointer = document.root().has("openapi") ? "/openapi" : "/swagger";
    String[] a = firstVersion.split("\\.");
    String[] b = version.split("\\.");
    if (!a[0].equals(b[0])) {
      findings.add(
          new Finding(
              VERSION_MISMATCH,
              Severity.ERROR,
              document.locate(pointer),
              "version "
                  + version
                  + " cannot merge with version "
                  + firstVersion
                  + " of "
                  + first.locate(first.root().has("openapi") ? "/openapi" : "/swagger")
                  + "; convert the fragments to one OpenAPI version."));
    } else if (a.length > 1 && b.length > 1 && !a[1].equals(b[1])) {
      findings.add(
          new Finding(
              VERSION_MISMATCH,
              Severity.WARNING,
              document.locate(pointer),
              "version "
                  + version
                  + " differs from "
                  + firstVersion
                  + " of "
                  + first.file()
                  + "; the merged document says "
                  + firstVersion
                  + ", check that this fragment is valid in it."));
    }
  }

  private void mergeDocument(LoadedDocument document) {
    Iterator<Map.Entry<String, JsonNode>> fields = document.root().fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      String pointer = "/" + LoadedDocument.escape(key);
      if (key.equals("openapi") || key.equals("swagger")) {
        continue;
      }
      if (FIRST_WINS.contains(key)) {
        putIfAbsent(key, value, document);
      } else if (PATH_MAPS.contains(key)) {
        mergePaths(key, requireObject(document, pointer, value), document);
      } else if (key.equals("components")) {
        mergeComponents(requireObject(document, pointer, value), document);
      } else if (SWAGGER2_NAMED_MAPS.contains(key)) {
        ObjectNode into = topObject(key, document);
        mergeNamed(pointer, into, requireObject(document, pointer, value), document, key);
      } else if (key.equals("tags")) {
        mergeTags(requireArray(document, pointer, value), document);
      } else if (key.equals("servers")) {
        mergeServers(value, document);
      } else if (key.equals(BINARY_MEDIA_TYPES)) {
        mergeUnion(key, requireArray(document, pointer, value), document);
      } else if (key.startsWith("x-amazon-apigateway-")
          && value.isObject()
          && (top.get(key) == null || top.get(key).isObject())) {
        mergeNamed(pointer, topObject(key, document), (ObjectNode) value, document, key);
      } else {
        JsonNode existing = top.get(key);
        if (existing == null) {
          putIfAbsent(key, value, document);
        } else {
          equalOrConflict(pointer, existing, value, document);
        }
      }
    }
  }

  private void putIfAbsent(String key, JsonNode value, LoadedDocument document) {
    if (!top.containsKey(key)) {
      top.put(key, value.deepCopy());
      String pointer = "/" + LoadedDocument.escape(key);
      origins.put(pointer, new Origin(document, pointer));
    }
  }

  /** The top-level object under {@code key}, created (empty) when first needed. */
  private ObjectNode topObject(String key, LoadedDocument document) {
    JsonNode existing = top.get(key);
    String pointer = "/" + LoadedDocument.escape(key);
    if (existing == null) {
      ObjectNode created = NODES.objectNode();
      top.put(key, created);
      origins.put(pointer, new Origin(document, pointer));
      return created;
    }
    return requireObject(originOf(pointer).document(), pointer, existing);
  }

  // ---- paths

  private void mergePaths(String key, ObjectNode paths, LoadedDocument document) {
    ObjectNode into = topObject(key, document);
    Map<String, String> templates = pathTemplates.computeIfAbsent(key, k -> new HashMap<>());
    Iterator<Map.Entry<String, JsonNode>> entries = paths.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String path = entry.getKey();
      String pointer = "/" + key + "/" + LoadedDocument.escape(path);
      ObjectNode item = requireObject(document, pointer, entry.getValue());
      JsonNode existing = into.get(path);
      if (existing == null) {
        String template = path.replaceAll("\\{[^}/]*}", "{}");
        String other = templates.putIfAbsent(template, path);
        if (other != null && key.equals("paths")) {
          Origin there = originOf("/" + key + "/" + LoadedDocument.escape(other));
          findings.add(
              new Finding(
                  PATH_TEMPLATE_CLASH,
                  Severity.ERROR,
                  document.locate(pointer),
                  "path "
                      + path
                      + " is the same path as "
                      + other
                      + " at "
                      + there.location()
                      + " with other parameter names; API Gateway rejects both in one API, use"
                      + " the same names."));
        }
        into.set(path, item.deepCopy());
        origins.put(pointer, new Origin(document, pointer));
      } else {
        mergeObjectFields(pointer, (ObjectNode) existing, item, document, true);
      }
    }
  }

  /**
   * Adds the incoming object's fields to {@code into}: missing fields are added, equal ones
   * collapse, operations (when {@code operations}) merge as overlays, anything else that differs is
   * a conflict.
   */
  private void mergeObjectFields(
      String pointer, ObjectNode into, ObjectNode incoming, LoadedDocument document, boolean ops) {
    Iterator<Map.Entry<String, JsonNode>> fields = incoming.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      String child = pointer + "/" + LoadedDocument.escape(key);
      JsonNode existing = into.get(key);
      JsonNode value = field.getValue();
      if (existing == null) {
        into.set(key, value.deepCopy());
        origins.put(child, new Origin(document, child));
      } else if (existing.equals(value)) {
        continue;
      } else if (ops && OperationKeys.isOperation(key) && existing.isObject() && value.isObject()) {
        mergeOperation(child, into, key, (ObjectNode) value, document);
      } else {
        equalOrConflict(child, existing, value, document);
      }
    }
  }

  /**
   * Merges two definitions of one operation. Its contract (every field but {@code x-…} and {@code
   * security}) must be identical, or absent on one side (an overlay); its gateway fields are
   * combined, and a gateway field set differently on both sides is a conflict.
   */
  private void mergeOperation(
      String pointer,
      ObjectNode item,
      String method,
      ObjectNode incoming,
      LoadedDocument document) {
    ObjectNode existing = (ObjectNode) item.get(method);
    ObjectNode existingContract = contract(existing, Merger::isOperationGatewayField);
    ObjectNode incomingContract = contract(incoming, Merger::isOperationGatewayField);
    boolean existingOverlay = existingContract.isEmpty();
    boolean incomingOverlay = incomingContract.isEmpty();
    if (!existingOverlay && !incomingOverlay && !existingContract.equals(incomingContract)) {
      equalOrConflict(pointer, existingContract, incomingContract, document);
      return;
    }
    if (existingOverlay && !incomingOverlay) {
      // The full definition arrives after its overlay: it leads, the overlay's fields follow.
      Origin overlayOrigin = originOf(pointer);
      ObjectNode merged = incoming.deepCopy();
      Map<String, Origin> fieldOrigins = new HashMap<>();
      existing
          .fieldNames()
          .forEachRemaining(f -> fieldOrigins.put(f, originOf(pointer + "/" + escape(f))));
      origins.put(pointer, new Origin(document, pointer));
      Iterator<Map.Entry<String, JsonNode>> fields = existing.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String child = pointer + "/" + escape(field.getKey());
        JsonNode there = merged.get(field.getKey());
        Origin from = fieldOrigins.getOrDefault(field.getKey(), overlayOrigin);
        if (there == null) {
          merged.set(field.getKey(), field.getValue());
          origins.put(child, from);
        } else if (!there.equals(field.getValue())) {
          conflict(child, from, field.getValue(), new Origin(document, child), there);
        }
      }
      item.set(method, merged);
      return;
    }
    mergeObjectFields(pointer, existing, incoming, document, false);
  }

  private static boolean isOperationGatewayField(String name) {
    return name.startsWith("x-") || name.equals("security");
  }

  private static boolean isSchemeGatewayField(String name) {
    return name.startsWith("x-amazon-apigateway-");
  }

  /** The fields of {@code object} that are not gateway fields (shared, not copied). */
  private static ObjectNode contract(
      JsonNode object, java.util.function.Predicate<String> gateway) {
    ObjectNode contract = NODES.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!gateway.test(field.getKey())) {
        contract.set(field.getKey(), field.getValue());
      }
    }
    return contract;
  }

  /** An operation that only adds gateway configuration: {@code x-…} fields and {@code security}. */
  static boolean isOverlayOperation(JsonNode operation) {
    if (!operation.isObject() || operation.isEmpty()) {
      return false;
    }
    Iterator<String> names = operation.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!name.startsWith("x-") && !name.equals("security")) {
        return false;
      }
    }
    return true;
  }

  private void reportOrphanOverlays() {
    JsonNode paths = top.get("paths");
    if (paths == null || !paths.isObject() || documents.size() < 2) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> items = paths.fields();
    while (items.hasNext()) {
      Map.Entry<String, JsonNode> item = items.next();
      if (!item.getValue().isObject()) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> ops = item.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        String method = op.getKey();
        if (OperationKeys.isOperation(method)
            && !method.startsWith("x-")
            && isOverlayOperation(op.getValue())) {
          String pointer = "/paths/" + escape(item.getKey()) + "/" + escape(method);
          findings.add(
              new Finding(
                  ORPHAN_OVERLAY,
                  Severity.WARNING,
                  originOf(pointer).location(),
                  method.toUpperCase(java.util.Locale.ROOT)
                      + " "
                      + item.getKey()
                      + " only adds gateway fields, and no other fragment defines the operation;"
                      + " check its path and method."));
        }
      }
    }
  }

  // ---- components, named maps, tags, servers

  private void mergeComponents(ObjectNode components, LoadedDocument document) {
    ObjectNode into = topObject("components", document);
    Iterator<Map.Entry<String, JsonNode>> types = components.fields();
    while (types.hasNext()) {
      Map.Entry<String, JsonNode> type = types.next();
      String pointer = "/components/" + escape(type.getKey());
      JsonNode existing = into.get(type.getKey());
      if (type.getKey().startsWith("x-") || !type.getValue().isObject()) {
        if (existing == null) {
          into.set(type.getKey(), type.getValue().deepCopy());
          origins.put(pointer, new Origin(document, pointer));
        } else {
          equalOrConflict(pointer, existing, type.getValue(), document);
        }
        continue;
      }
      if (existing == null) {
        existing = NODES.objectNode();
        into.set(type.getKey(), existing);
        origins.put(pointer, new Origin(document, pointer));
      }
      mergeNamed(
          pointer,
          requireObject(originOf(pointer).document(), pointer, existing),
          (ObjectNode) type.getValue(),
          document,
          type.getKey());
    }
  }

  /** Merges a map of named definitions: new names are added, equal ones collapse. */
  private void mergeNamed(
      String pointer, ObjectNode into, ObjectNode incoming, LoadedDocument document, String type) {
    Iterator<Map.Entry<String, JsonNode>> entries = incoming.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String child = pointer + "/" + escape(entry.getKey());
      JsonNode existing = into.get(entry.getKey());
      JsonNode value = entry.getValue();
      if (existing == null) {
        into.set(entry.getKey(), value.deepCopy());
        origins.put(child, new Origin(document, child));
      } else if (existing.equals(value)) {
        continue;
      } else if (SECURITY_SCHEME_MAPS.contains(type)
          && existing.isObject()
          && value.isObject()
          && compatibleSchemes(existing, value)) {
        mergeObjectFields(child, (ObjectNode) existing, (ObjectNode) value, document, false);
      } else {
        equalOrConflict(child, existing, value, document);
      }
    }
  }

  /**
   * Whether two definitions of one security scheme may combine: the same scheme, or one of them
   * only {@code x-amazon-apigateway-*} fields (its gateway fields then combine field by field).
   */
  private static boolean compatibleSchemes(JsonNode a, JsonNode b) {
    ObjectNode contractA = contract(a, Merger::isSchemeGatewayField);
    ObjectNode contractB = contract(b, Merger::isSchemeGatewayField);
    return contractA.isEmpty() || contractB.isEmpty() || contractA.equals(contractB);
  }

  private void mergeTags(ArrayNode tags, LoadedDocument document) {
    JsonNode current = top.get("tags");
    ArrayNode into;
    if (current == null) {
      into = NODES.arrayNode();
      top.put("tags", into);
      origins.put("/tags", new Origin(document, "/tags"));
    } else {
      into = (ArrayNode) current;
    }
    for (int i = 0; i < tags.size(); i++) {
      JsonNode tag = tags.get(i);
      String source = "/tags/" + i;
      JsonNode name = tag.get("name");
      String key = name != null && name.isTextual() ? name.textValue() : tag.toString();
      String there = tagPointers.get(key);
      if (there == null) {
        String merged = "/tags/" + into.size();
        into.add(tag.deepCopy());
        tagPointers.put(key, merged);
        origins.put(merged, new Origin(document, source));
      } else {
        JsonNode existing = into.get(Integer.parseInt(there.substring("/tags/".length())));
        equalOrConflict(there, existing, tag, new Origin(document, source));
      }
    }
  }

  private void mergeServers(JsonNode servers, LoadedDocument document) {
    JsonNode existing = top.get("servers");
    if (existing == null) {
      putIfAbsent("servers", servers, document);
    } else if (!existing.equals(servers)) {
      findings.add(
          new Finding(
              SERVERS_DIFFER,
              Severity.WARNING,
              document.locate("/servers"),
              "servers differ from those of "
                  + originOf("/servers").location()
                  + "; the merged document keeps the first fragment's servers."));
    }
  }

  private void mergeUnion(String key, ArrayNode values, LoadedDocument document) {
    JsonNode existing = top.get(key);
    if (existing == null) {
      putIfAbsent(key, values, document);
      return;
    }
    ArrayNode into = requireArray(originOf("/" + key).document(), "/" + key, existing);
    Set<JsonNode> present = new java.util.HashSet<>();
    into.forEach(present::add);
    for (JsonNode value : values) {
      if (present.add(value)) {
        into.add(value.deepCopy());
      }
    }
  }

  // ---- operationIds

  /**
   * Reports operationIds used twice across {@code paths} and {@code webhooks} (OpenAPI 3.1: an
   * operationId is unique among all operations the document describes, webhooks included); counts
   * the paths and their operations.
   */
  private int[] reportOperationIdClashes() {
    Map<String, String> firstUse = new HashMap<>();
    int[] counts = checkOperationIds("paths", firstUse);
    checkOperationIds("webhooks", firstUse);
    return counts;
  }

  private int[] checkOperationIds(String key, Map<String, String> firstUse) {
    JsonNode items = top.get(key);
    int itemCount = 0;
    int operationCount = 0;
    if (items == null || !items.isObject()) {
      return new int[] {0, 0};
    }
    Iterator<Map.Entry<String, JsonNode>> it = items.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> item = it.next();
      itemCount++;
      if (!item.getValue().isObject()) {
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> ops = item.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (!OperationKeys.isOperation(op.getKey())) {
          continue;
        }
        operationCount++;
        JsonNode id = op.getValue().get("operationId");
        if (id == null || !id.isTextual()) {
          continue;
        }
        String pointer =
            "/" + key + "/" + escape(item.getKey()) + "/" + escape(op.getKey()) + "/operationId";
        String earlier = firstUse.putIfAbsent(id.textValue(), pointer);
        if (earlier != null) {
          Origin first = originOf(earlier);
          Origin second = originOf(pointer);
          findings.add(
              new Finding(
                  OPERATION_ID_CLASH,
                  Severity.ERROR,
                  second.location(),
                  "operationId '"
                      + id.textValue()
                      + "' of "
                      + describeOperation(pointer)
                      + " is also the operationId of "
                      + describeOperation(earlier)
                      + " at "
                      + first.location()
                      + " (#"
                      + first.pointer()
                      + "); operationIds must be unique, rename one."));
        }
      }
    }
    return new int[] {itemCount, operationCount};
  }

  /** {@code GET /pets} for a path's operation, {@code POST webhook newPet} for a webhook's. */
  private static String describeOperation(String operationIdPointer) {
    String[] parts = operationIdPointer.split("/");
    String method = OperationKeys.label(unescape(parts[3]));
    return method + (parts[1].equals("webhooks") ? " webhook " : " ") + unescape(parts[2]);
  }

  // ---- references

  /**
   * Warns about {@code $ref}s the merged document cannot resolve: local ones whose target no
   * fragment defines, and file references, which resolve against the merged file's folder. A {@code
   * $ref} counts wherever the OpenAPI grammar makes it a reference (the loader's {@link RefWalk}),
   * not inside example values, defaults or enums.
   */
  private void checkRefs(JsonNode root) {
    RefWalk.walk(
        root,
        NodePath.ROOT,
        RefWalk.Kind.DOCUMENT,
        RefWalk.Dialect.of(root),
        (target, holder, kind) -> {
          String at = holder.key("$ref").pointer();
          if (target.startsWith("#")) {
            if (!resolves(root, target.substring(1))) {
              findings.add(
                  new Finding(
                      UNRESOLVED_REF,
                      Severity.WARNING,
                      originOf(at).location(),
                      "$ref '"
                          + target
                          + "' names nothing in the merged document; add the fragment that"
                          + " defines it, or fix the reference."));
            }
          } else {
            findings.add(
                new Finding(
                    EXTERNAL_REF,
                    Severity.WARNING,
                    originOf(at).location(),
                    externalRefMessage(target)));
          }
        });
  }

  /** A reference to another document: a file beside the fragments, or a remote (http) one. */
  private static String externalRefMessage(String target) {
    String scheme = target.toLowerCase(java.util.Locale.ROOT);
    if (scheme.startsWith("https://") || scheme.startsWith("http://")) {
      return "$ref '"
          + target
          + "' points to a remote document; the merged document keeps the reference as it is (it"
          + " is never fetched), so whoever reads the merged document needs that URL; copy the"
          + " definition into a fragment to make the document self-contained.";
    }
    return "$ref '"
        + target
        + "' points to another file; in the merged document it resolves against the output's"
        + " folder, so keep the output beside the fragments or move the definition into a"
        + " fragment.";
  }

  private static boolean resolves(JsonNode root, String pointer) {
    return !JsonPointers.atFragment(root, pointer).isMissingNode();
  }

  // ---- conflicts

  private void equalOrConflict(
      String pointer, JsonNode existing, JsonNode incoming, LoadedDocument document) {
    equalOrConflict(pointer, existing, incoming, new Origin(document, pointer));
  }

  /**
   * Nothing when {@code existing} (at {@code pointer} of the merged tree) equals {@code incoming};
   * else a conflict at their first difference, naming both origins. {@code from} is where {@code
   * incoming} is in its own document (a tag's index there may differ from the merged one).
   */
  private void equalOrConflict(String pointer, JsonNode existing, JsonNode incoming, Origin from) {
    if (existing.equals(incoming)) {
      return;
    }
    String at = firstDifference(existing, incoming, "");
    Origin first = originOf(pointer);
    conflict(
        pointer + at,
        new Origin(first.document(), first.pointer() + at),
        nodeAt(existing, at),
        new Origin(from.document(), from.pointer() + at),
        nodeAt(incoming, at));
  }

  private void conflict(
      String pointer, Origin first, JsonNode firstValue, Origin second, JsonNode secondValue) {
    findings.add(
        new Finding(
            CONFLICT,
            Severity.ERROR,
            second.location(),
            "#"
                + pointer
                + " is "
                + show(secondValue)
                + " here but "
                + show(firstValue)
                + " in "
                + first.location()
                + " (#"
                + first.pointer()
                + "); make the two definitions identical or keep one of them."));
  }

  private static String show(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "absent";
    }
    String text = value.toString();
    if (value.isContainerNode()) {
      return value.isObject() ? "an object" : "a list of " + value.size();
    }
    return text.length() > 60 ? text.substring(0, 57) + "...\"" : text;
  }

  /**
   * The relative pointer of the first place where two different nodes differ ("" for the nodes).
   */
  static String firstDifference(JsonNode a, JsonNode b, String pointer) {
    if (a.isObject() && b.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = a.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode other = b.get(field.getKey());
        String child = pointer + "/" + escape(field.getKey());
        if (other == null) {
          return child;
        }
        if (!other.equals(field.getValue())) {
          return firstDifference(field.getValue(), other, child);
        }
      }
      Iterator<String> names = b.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!a.has(name)) {
          return pointer + "/" + escape(name);
        }
      }
      return pointer;
    }
    if (a.isArray() && b.isArray() && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        if (!a.get(i).equals(b.get(i))) {
          return firstDifference(a.get(i), b.get(i), pointer + "/" + i);
        }
      }
    }
    return pointer;
  }

  private static JsonNode nodeAt(JsonNode node, String relativePointer) {
    return relativePointer.isEmpty() ? node : node.at(relativePointer);
  }

  /** The origin of the merged node at {@code pointer}: that of its nearest recorded ancestor. */
  private Origin originOf(String pointer) {
    String p = pointer;
    while (true) {
      Origin origin = origins.get(p);
      if (origin != null) {
        return new Origin(origin.document(), origin.pointer() + pointer.substring(p.length()));
      }
      if (p.isEmpty()) {
        return new Origin(documents.get(0), pointer);
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }

  // ---- assembly and shape checks

  private JsonNode assemble() {
    ObjectNode root = NODES.objectNode();
    for (String key : TOP_LEVEL_ORDER) {
      JsonNode value = top.get(key);
      if (value != null) {
        root.set(key, value);
      }
    }
    top.forEach(
        (key, value) -> {
          if (!root.has(key)) {
            root.set(key, value);
          }
        });
    return root;
  }

  private static ObjectNode requireObject(LoadedDocument document, String pointer, JsonNode node) {
    if (!node.isObject()) {
      throw new ApiSpecException(
          document.locate(pointer)
              + ": #"
              + pointer
              + " must be a mapping, not "
              + kind(node)
              + ".");
    }
    return (ObjectNode) node;
  }

  private static ArrayNode requireArray(LoadedDocument document, String pointer, JsonNode node) {
    if (!node.isArray()) {
      throw new ApiSpecException(
          document.locate(pointer) + ": #" + pointer + " must be a list, not " + kind(node) + ".");
    }
    return (ArrayNode) node;
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isNull()) {
      return "empty";
    }
    return "the value " + node;
  }

  private static String escape(String segment) {
    return JsonPointers.escape(segment);
  }

  private static String unescape(String segment) {
    return JsonPointers.unescape(segment);
  }
}
