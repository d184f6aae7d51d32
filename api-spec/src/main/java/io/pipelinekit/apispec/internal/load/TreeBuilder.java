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
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a Jackson tree from parser events without recursion, recording the line and column of
 * every node (of the key, for members) in a {@link LocationIndex}, rejecting duplicate keys (naming
 * both lines) and nesting deeper than the limit. Shared by the YAML and the JSON reader.
 */
final class TreeBuilder {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Path file;
  private final LoadOptions options;
  private final Deque<Frame> stack = new ArrayDeque<>();
  private final IdentityHashMap<JsonNode, LocationIndex.Positions> positions =
      new IdentityHashMap<>();
  private JsonNode root;
  private long rootPosition;
  private long nodeCount;

  private static final class Frame {
    final JsonNode container;
    final LocationIndex.Positions childPositions;
    final NodePath path;
    final String anchor;
    final long startCount;
    String key;
    boolean mergeKey;
    Set<String> mergedKeys;
    Frame mergeInto;
    int line;
    int column;

    Frame(JsonNode container, LocationIndex.Positions p, NodePath path, String anchor, long start) {
      this.container = container;
      this.childPositions = p;
      this.path = path;
      this.anchor = anchor;
      this.startCount = start;
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
    top.key = key;
    top.mergeKey = mergeKey;
    top.line = line;
    top.column = column;
    if (mergeKey) {
      return;
    }
    ObjectNode object = (ObjectNode) top.container;
    if (object.has(key)) {
      int index = indexOf(object, key);
      if (top.mergedKeys != null && top.mergedKeys.remove(key)) {
        // An explicit key overrides one a merge key ('<<') brought in: it takes the key's place.
        top.childPositions.packed[index] = LocationIndex.pack(line, column);
        return;
      }
      long first = top.childPositions.packed[index];
      String where = top.path.pointer();
      throw LoadErrors.at(
          file,
          line,
          column,
          "duplicate key '"
              + key
              + "' at "
              + (where.isEmpty() ? "the document root" : where)
              + " (first at line "
              + (int) (first >>> 32)
              + "); each key may appear once in a mapping: remove or rename one of them");
    }
    top.childPositions.add(LocationIndex.pack(line, column));
  }

  private static int indexOf(ObjectNode object, String key) {
    int i = 0;
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
      if (it.next().equals(key)) {
        return i;
      }
    }
    return -1;
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
    checkRoom(1, line, column);
    JsonNode container = mapping ? NODES.objectNode() : NODES.arrayNode();
    LocationIndex.Positions childPositions = new LocationIndex.Positions();
    positions.put(container, childPositions);
    if (pendingMergeKey()) {
      // An inline mapping under '<<': merged into the parent once it is complete.
      Frame parent = stack.peek();
      nodeCount++;
      Frame frame = new Frame(container, childPositions, parent.path.key("<<"), anchor, nodeCount);
      frame.mergeInto = parent;
      frame.line = parent.line;
      frame.column = parent.column;
      stack.push(frame);
      return;
    }
    NodePath path = attach(container, line, column);
    stack.push(new Frame(container, childPositions, path, anchor, nodeCount));
  }

  /** Ends the innermost mapping or sequence. */
  Closed endContainer() {
    Frame frame = stack.pop();
    if (frame.mergeInto != null) {
      merge(frame.mergeInto, frame.container, frame.line, frame.column);
      frame.mergeInto.key = null;
      frame.mergeInto.mergeKey = false;
    }
    return new Closed(frame.container, frame.anchor, nodeCount - frame.startCount + 1);
  }

  /** Adds a scalar (or an alias's copy, counting {@code nodes}) as the next value. */
  void value(JsonNode node, int line, int column, long nodes) {
    if (node.isTextual()) {
      checkString(node.textValue(), line, column);
    }
    checkRoom(nodes, line, column);
    nodeCount += nodes - 1;
    attach(node, line, column);
  }

  private NodePath attach(JsonNode node, int line, int column) {
    nodeCount++;
    if (stack.isEmpty()) {
      root = node;
      rootPosition = LocationIndex.pack(line, column);
      return NodePath.ROOT;
    }
    Frame top = stack.peek();
    if (top.container.isObject()) {
      String key = top.key;
      if (top.mergeKey) {
        merge(top, node, line, column);
      } else {
        ((ObjectNode) top.container).set(key, node);
      }
      top.key = null;
      top.mergeKey = false;
      return node.isContainerNode() ? top.path.key(key) : null;
    }
    ArrayNode array = (ArrayNode) top.container;
    array.add(node);
    top.childPositions.add(LocationIndex.pack(line, column));
    return node.isContainerNode() ? top.path.index(array.size() - 1) : null;
  }

  /** YAML merge key ({@code <<: *base}): copies keys the mapping does not set itself. */
  private void merge(Frame top, JsonNode source, int line, int column) {
    ObjectNode target = (ObjectNode) top.container;
    if (!source.isObject() && !source.isArray()) {
      throw LoadErrors.at(
          file, line, column, "a YAML merge key '<<' needs a mapping or a list of mappings");
    }
    Iterable<JsonNode> sources = source.isArray() ? source : List.of(source);
    for (JsonNode one : sources) {
      if (!one.isObject()) {
        throw LoadErrors.at(
            file, line, column, "a YAML merge key '<<' needs a mapping or a list of mappings");
      }
      for (Map.Entry<String, JsonNode> e : one.properties()) {
        if (!target.has(e.getKey())) {
          target.set(e.getKey(), e.getValue().deepCopy());
          top.childPositions.add(LocationIndex.pack(line, column));
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

  /** Rejects the document when {@code nodes} more values would pass the limit. */
  private void checkRoom(long nodes, int line, int column) {
    if (nodeCount + nodes > options.maxNodes()) {
      throw LoadErrors.at(
          file,
          line,
          column,
          "more than "
              + options.maxNodes()
              + " values (mappings, lists and scalars) in one file; split the document or raise"
              + " the limit (--max-nodes)");
    }
  }

  /** The digits of a decimal number, of its mantissa and exponent alike. */
  static int decimalDigits(String number) {
    int digits = 0;
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      }
    }
    return digits;
  }

  /** Rejects a number of more digits than the limit, before anything computes its value. */
  void checkNumberLength(int digits, int line, int column) {
    if (digits > options.maxNumberLength()) {
      throw LoadErrors.numberTooLong(file, line, column, options.maxNumberLength());
    }
  }

  /** The values (mappings, lists, scalars) in the tree so far, as counted against the limit. */
  long nodeCount() {
    return nodeCount;
  }

  LoadedDocument finish(long sizeBytes) {
    return new LoadedDocument(
        file, root, new LocationIndex(root, rootPosition, positions), sizeBytes);
  }
}
