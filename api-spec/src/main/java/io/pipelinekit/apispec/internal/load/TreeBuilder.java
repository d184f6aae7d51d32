package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Jackson tree from parser events without recursion, recording the JSON pointer → line and
 * column of every node, rejecting duplicate keys (naming both lines) and nesting deeper than the
 * limit. Shared by the YAML and the JSON reader.
 */
final class TreeBuilder {
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private final Path file;
  private final LoadOptions options;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Map<String, int[]> locations = new HashMap<>();
  private JsonNode root;
  private long nodeCount;

  private static final class Frame {
    final JsonNode container;
    final String pointer;
    final String anchor;
    final long startCount;
    int index;
    String key;
    String keyPointer;
    boolean mergeKey;
    Set<String> mergedKeys;
    Frame mergeInto;
    int line;
    int column;

    Frame(JsonNode container, String pointer, String anchor, long startCount) {
      this.container = container;
      this.pointer = pointer;
      this.anchor = anchor;
      this.startCount = startCount;
    }
  }

  /** A finished collection with its anchor and node count (for YAML aliases). */
  record Closed(JsonNode node, String anchor, long nodes) {}

  TreeBuilder(Path file, LoadOptions options) {
    this.file = file;
    this.options = options;
  }

  boolean inMapping() {
    return !stack.isEmpty() && stack.peek().container.isObject();
  }

  boolean expectingKey() {
    return inMapping() && stack.peek().key == null;
  }

  boolean isEmpty() {
    return stack.isEmpty();
  }

  boolean hasRoot() {
    return root != null;
  }

  /** A mapping key at the given place; the next value goes under it. */
  void key(String key, int line, int column, boolean mergeKey) {
    checkString(key, line, column);
    Frame top = stack.peek();
    ObjectNode object = (ObjectNode) top.container;
    String pointer = top.pointer + "/" + LoadedDocument.escape(key);
    if (mergeKey) {
      top.key = key;
      top.keyPointer = pointer;
      top.mergeKey = true;
      return;
    }
    if (object.has(key) && (top.mergedKeys == null || !top.mergedKeys.remove(key))) {
      int[] first = locations.get(pointer);
      String firstAt = first == null ? "" : " (first at line " + first[0] + ")";
      throw LoadErrors.at(
          file,
          line,
          column,
          "duplicate key '"
              + key
              + "' at "
              + (top.pointer.isEmpty() ? "the document root" : top.pointer)
              + firstAt
              + "; each key may appear once in a mapping: remove or rename one of them");
    }
    top.key = key;
    top.keyPointer = pointer;
    top.mergeKey = false;
    locations.put(pointer, new int[] {line, column});
  }

  /** Starts a mapping (object) or sequence (array) as the next value. */
  void startContainer(boolean mapping, String anchor, int line, int column) {
    if (stack.size() + 1 > options.maxDepth()) {
      throw LoadErrors.at(
          file,
          line,
          column,
          "nesting deeper than "
              + options.maxDepth()
              + " levels; flatten the document or raise the limit (--max-depth)");
    }
    JsonNode container = mapping ? NODES.objectNode() : NODES.arrayNode();
    if (pendingMergeKey()) {
      // An inline mapping under '<<': merged into the parent once it is complete.
      Frame parent = stack.peek();
      nodeCount++;
      Frame frame = new Frame(container, parent.keyPointer, anchor, nodeCount);
      frame.mergeInto = parent;
      frame.line = line;
      frame.column = column;
      stack.push(frame);
      return;
    }
    String pointer = attach(container, line, column);
    stack.push(new Frame(container, pointer, anchor, nodeCount));
  }

  /** Ends the innermost mapping or sequence. */
  Closed endContainer() {
    Frame frame = stack.pop();
    if (frame.mergeInto != null) {
      merge(frame.mergeInto, frame.container, frame.line, frame.column);
      frame.mergeInto.key = null;
      frame.mergeInto.keyPointer = null;
      frame.mergeInto.mergeKey = false;
    }
    return new Closed(frame.container, frame.anchor, nodeCount - frame.startCount + 1);
  }

  /** Adds a scalar (or an alias's copy) as the next value; returns its pointer. */
  String value(JsonNode node, int line, int column, long nodes) {
    if (node.isTextual()) {
      checkString(node.textValue(), line, column);
    }
    nodeCount += nodes - 1;
    return attach(node, line, column);
  }

  private String attach(JsonNode node, int line, int column) {
    nodeCount++;
    if (stack.isEmpty()) {
      root = node;
      locations.put("", new int[] {line, column});
      return "";
    }
    Frame top = stack.peek();
    if (top.container.isObject()) {
      ObjectNode object = (ObjectNode) top.container;
      String pointer = top.keyPointer;
      if (top.mergeKey) {
        merge(top, node, line, column);
      } else {
        object.set(top.key, node);
      }
      top.key = null;
      top.keyPointer = null;
      top.mergeKey = false;
      return pointer;
    }
    String pointer = top.pointer + "/" + top.index++;
    ((ArrayNode) top.container).add(node);
    locations.put(pointer, new int[] {line, column});
    return pointer;
  }

  /** YAML merge key ({@code <<: *base}): copies keys the mapping does not set itself. */
  private void merge(Frame top, JsonNode source, int line, int column) {
    ObjectNode target = (ObjectNode) top.container;
    if (!source.isObject() && !source.isArray()) {
      throw LoadErrors.at(
          file, line, column, "a YAML merge key '<<' needs a mapping or a list of mappings");
    }
    Iterable<JsonNode> sources = source.isArray() ? source : java.util.List.of(source);
    for (JsonNode one : sources) {
      if (!one.isObject()) {
        throw LoadErrors.at(
            file, line, column, "a YAML merge key '<<' needs a mapping or a list of mappings");
      }
      for (Map.Entry<String, JsonNode> e : one.properties()) {
        if (!target.has(e.getKey())) {
          target.set(e.getKey(), e.getValue().deepCopy());
          if (top.mergedKeys == null) {
            top.mergedKeys = new HashSet<>();
          }
          top.mergedKeys.add(e.getKey());
        }
      }
    }
  }

  boolean pendingMergeKey() {
    return inMapping() && stack.peek().mergeKey;
  }

  private void checkString(String s, int line, int column) {
    if (s.length() > options.maxStringLength()) {
      throw LoadErrors.at(
          file,
          line,
          column,
          "a string of "
              + s.length()
              + " characters is longer than the limit of "
              + options.maxStringLength()
              + "; shorten it or raise the limit (--max-string-length)");
    }
  }

  LoadedDocument finish(long sizeBytes) {
    return new LoadedDocument(file, root, locations, sizeBytes);
  }

  JsonNode root() {
    return root;
  }
}
