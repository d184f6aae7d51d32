package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.internal.JsonPointers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks an OpenAPI tree knowing where it is in the grammar, and visits every {@code $ref} that is a
 * reference. Literal data is skipped only where the OpenAPI and JSON Schema grammars say a value is
 * literal: {@code example}, {@code default}, {@code enum} and {@code const} of a Schema (and {@code
 * examples} in OpenAPI 3.1, where schemas are JSON Schema 2020-12); {@code example} and {@code
 * examples.*.value} of a Parameter, Header or Media Type (and, in Swagger 2.0, a parameter's or
 * header's {@code default} and {@code enum}, and a response's {@code examples}). Everything else is
 * structure, whatever its key is called: {@code responses: default:}, a component named {@code
 * default} or {@code example}, extensions, and fields this grammar does not know (walked as {@link
 * Kind#ANY}, where every {@code $ref} counts).
 *
 * <p>References: <a href="https://spec.openapis.org/oas/v3.0.3">OpenAPI 3.0.3</a>, <a
 * href="https://spec.openapis.org/oas/v3.1.0">OpenAPI 3.1.0</a>, <a
 * href="https://swagger.io/specification/v2/">Swagger 2.0</a>, <a
 * href="https://json-schema.org/draft/2020-12/json-schema-validation">JSON Schema 2020-12
 * validation</a> ({@code default}, {@code examples}, {@code enum}, {@code const}).
 */
public final class RefWalk {
  private RefWalk() {}

  /** Which grammar a tree follows. */
  public enum Dialect {
    SWAGGER_2,
    OPENAPI_3_0,
    OPENAPI_3_1;

    /** From the document's {@code swagger} or {@code openapi} field (3.0 when neither). */
    public static Dialect of(JsonNode root) {
      if (root.has("swagger")) {
        return SWAGGER_2;
      }
      String version = root.path("openapi").asText("");
      return version.startsWith("3.") && !version.startsWith("3.0") ? OPENAPI_3_1 : OPENAPI_3_0;
    }
  }

  /** What a node is in the grammar. The {@code *_MAP} and {@code *_LIST} kinds hold the named. */
  public enum Kind {
    DOCUMENT,
    PATHS,
    PATH_ITEM,
    PATH_ITEM_MAP,
    OPERATION,
    PARAMETER,
    PARAMETER_LIST,
    PARAMETER_MAP,
    REQUEST_BODY,
    REQUEST_BODY_MAP,
    RESPONSES,
    RESPONSE,
    RESPONSE_MAP,
    MEDIA_TYPE,
    MEDIA_TYPE_MAP,
    ENCODING,
    ENCODING_MAP,
    EXAMPLE,
    EXAMPLE_MAP,
    CALLBACK,
    CALLBACK_MAP,
    COMPONENTS,
    SCHEMA,
    SCHEMA_LIST,
    SCHEMA_MAP,
    /** A schema's {@code properties}: the keys are names, so a {@code $ref} key is a name too. */
    PROPERTY_MAP,
    /** Anything this grammar does not know: structure, every {@code $ref} in it counts. */
    ANY,
    /** Data: never walked. */
    LITERAL
  }

  /** Called for each reference: its text, the object that holds it, and that object's kind. */
  @FunctionalInterface
  public interface Visitor {
    void ref(String ref, NodePath holder, Kind kind);
  }

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Schema keywords whose value is one schema (or, for {@code items}, a list of them). */
  private static final Set<String> SCHEMA_VALUED =
      Set.of(
          "items",
          "additionalProperties",
          "additionalItems",
          "not",
          "if",
          "then",
          "else",
          "contains",
          "propertyNames",
          "unevaluatedItems",
          "unevaluatedProperties",
          "contentSchema");

  private static final Map<String, Kind> COMPONENTS =
      Map.of(
          "schemas", Kind.SCHEMA_MAP,
          "responses", Kind.RESPONSE_MAP,
          "parameters", Kind.PARAMETER_MAP,
          "examples", Kind.EXAMPLE_MAP,
          "requestBodies", Kind.REQUEST_BODY_MAP,
          "headers", Kind.PARAMETER_MAP,
          "callbacks", Kind.CALLBACK_MAP,
          "pathItems", Kind.PATH_ITEM_MAP);

  /** The kind of member {@code key} of an object of kind {@code parent}. */
  public static Kind child(Kind parent, String key, Dialect dialect) {
    boolean swagger2 = dialect == Dialect.SWAGGER_2;
    return switch (parent) {
      case DOCUMENT ->
          switch (key) {
            case "paths" -> Kind.PATHS;
            case "webhooks" -> Kind.PATH_ITEM_MAP;
            case "components" -> Kind.COMPONENTS;
            case "definitions" -> Kind.SCHEMA_MAP;
            case "parameters" -> Kind.PARAMETER_MAP;
            case "responses" -> Kind.RESPONSE_MAP;
            default -> Kind.ANY;
          };
      case PATHS -> extension(key) ? Kind.ANY : Kind.PATH_ITEM;
      case CALLBACK -> extension(key) ? Kind.ANY : Kind.PATH_ITEM;
      case RESPONSES -> extension(key) ? Kind.ANY : Kind.RESPONSE;
      case PATH_ITEM ->
          METHODS.contains(key)
              ? Kind.OPERATION
              : key.equals("parameters") ? Kind.PARAMETER_LIST : Kind.ANY;
      case OPERATION ->
          switch (key) {
            case "parameters" -> Kind.PARAMETER_LIST;
            case "requestBody" -> Kind.REQUEST_BODY;
            case "responses" -> Kind.RESPONSES;
            case "callbacks" -> Kind.CALLBACK_MAP;
            default -> Kind.ANY;
          };
      case PARAMETER ->
          switch (key) {
            case "schema" -> Kind.SCHEMA;
            case "content" -> Kind.MEDIA_TYPE_MAP;
            case "example" -> Kind.LITERAL;
            case "examples" -> Kind.EXAMPLE_MAP;
            case "items" -> swagger2 ? Kind.SCHEMA : Kind.ANY;
            case "default", "enum" -> swagger2 ? Kind.LITERAL : Kind.ANY;
            default -> Kind.ANY;
          };
      case REQUEST_BODY -> key.equals("content") ? Kind.MEDIA_TYPE_MAP : Kind.ANY;
      case RESPONSE ->
          switch (key) {
            case "headers" -> Kind.PARAMETER_MAP;
            case "content" -> Kind.MEDIA_TYPE_MAP;
            case "schema" -> swagger2 ? Kind.SCHEMA : Kind.ANY;
            // Swagger 2.0's Example Object: media type -> example value.
            case "examples" -> swagger2 ? Kind.LITERAL : Kind.ANY;
            default -> Kind.ANY;
          };
      case MEDIA_TYPE ->
          switch (key) {
            case "schema" -> Kind.SCHEMA;
            case "example" -> Kind.LITERAL;
            case "examples" -> Kind.EXAMPLE_MAP;
            case "encoding" -> Kind.ENCODING_MAP;
            default -> Kind.ANY;
          };
      case ENCODING -> key.equals("headers") ? Kind.PARAMETER_MAP : Kind.ANY;
      case EXAMPLE -> key.equals("value") ? Kind.LITERAL : Kind.ANY;
      case COMPONENTS -> COMPONENTS.getOrDefault(key, Kind.ANY);
      case SCHEMA -> schemaChild(key, dialect);
      case PATH_ITEM_MAP -> Kind.PATH_ITEM;
      case PARAMETER_MAP -> Kind.PARAMETER;
      case REQUEST_BODY_MAP -> Kind.REQUEST_BODY;
      case RESPONSE_MAP -> Kind.RESPONSE;
      case MEDIA_TYPE_MAP -> Kind.MEDIA_TYPE;
      case ENCODING_MAP -> Kind.ENCODING;
      case EXAMPLE_MAP -> Kind.EXAMPLE;
      case CALLBACK_MAP -> Kind.CALLBACK;
      case SCHEMA_MAP, PROPERTY_MAP -> Kind.SCHEMA;
      case PARAMETER_LIST, SCHEMA_LIST, ANY -> Kind.ANY;
      case LITERAL -> Kind.LITERAL;
    };
  }

  private static Kind schemaChild(String key, Dialect dialect) {
    switch (key) {
      case "example", "default", "enum", "const" -> {
        return Kind.LITERAL;
      }
      case "examples" -> {
        return dialect == Dialect.OPENAPI_3_1 ? Kind.LITERAL : Kind.ANY;
      }
      case "properties", "patternProperties" -> {
        return Kind.PROPERTY_MAP;
      }
      case "dependentSchemas", "$defs", "definitions" -> {
        return Kind.SCHEMA_MAP;
      }
      case "allOf", "anyOf", "oneOf", "prefixItems" -> {
        return Kind.SCHEMA_LIST;
      }
      default -> {
        return SCHEMA_VALUED.contains(key) ? Kind.SCHEMA : Kind.ANY;
      }
    }
  }

  /** The kind of an element of an array of kind {@code parent}. */
  public static Kind element(Kind parent) {
    return switch (parent) {
      case PARAMETER_LIST -> Kind.PARAMETER;
      // A schema list, or the array form of "items" (a tuple of schemas).
      case SCHEMA_LIST, SCHEMA -> Kind.SCHEMA;
      case LITERAL -> Kind.LITERAL;
      default -> Kind.ANY;
    };
  }

  private static boolean extension(String key) {
    return key.startsWith("x-");
  }

  /**
   * The kind a walk from {@code node} (of kind {@code kind}) gives the node at {@code pointer}
   * below it (a JSON pointer, %-decoded); null when the pointer names nothing, or data.
   */
  public static Kind kindAt(JsonNode node, Kind kind, String pointer, Dialect dialect) {
    if (pointer.isEmpty()) {
      return kind;
    }
    if (pointer.charAt(0) != '/') {
      return null;
    }
    JsonNode current = node;
    Kind k = kind;
    for (String segment : pointer.substring(1).split("/", -1)) {
      String key = JsonPointers.unescape(segment);
      if (current.isObject()) {
        k = child(k, key, dialect);
        current = current.get(key);
      } else if (current.isArray()) {
        k = element(k);
        current = elementAt(current, key);
      } else {
        return null;
      }
      if (current == null || k == Kind.LITERAL) {
        return null;
      }
    }
    return k;
  }

  /** The element of {@code array} a pointer segment names, or null. */
  public static JsonNode elementAt(JsonNode array, String segment) {
    if (segment.isEmpty()
        || segment.length() > 9
        || !segment.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return array.get(Integer.parseInt(segment));
  }

  /**
   * Visits, in document order, every reference in {@code node} (of kind {@code kind}, at {@code
   * at}) and below it, skipping literal data.
   */
  public static void walk(JsonNode node, NodePath at, Kind kind, Dialect dialect, Visitor visitor) {
    if (kind == Kind.LITERAL) {
      return;
    }
    Deque<Item> stack = new ArrayDeque<>();
    stack.push(new Item(node, at, kind));
    List<Item> children = new ArrayList<>();
    while (!stack.isEmpty()) {
      Item item = stack.pop();
      children.clear();
      if (item.node.isObject()) {
        JsonNode ref = item.node.get("$ref");
        if (ref != null && ref.isTextual() && item.kind != Kind.PROPERTY_MAP) {
          visitor.ref(ref.textValue(), item.path, item.kind);
        }
        for (Map.Entry<String, JsonNode> e : item.node.properties()) {
          if (e.getValue().isContainerNode()) {
            Kind k = child(item.kind, e.getKey(), dialect);
            if (k != Kind.LITERAL) {
              children.add(new Item(e.getValue(), item.path.key(e.getKey()), k));
            }
          }
        }
      } else if (item.node.isArray()) {
        Kind k = element(item.kind);
        for (int i = 0; k != Kind.LITERAL && i < item.node.size(); i++) {
          if (item.node.get(i).isContainerNode()) {
            children.add(new Item(item.node.get(i), item.path.index(i), k));
          }
        }
      }
      for (int i = children.size() - 1; i >= 0; i--) {
        stack.push(children.get(i));
      }
    }
  }

  private record Item(JsonNode node, NodePath path, Kind kind) {}
}
