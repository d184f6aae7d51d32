package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON pointer → line/column map of a loaded document, kept compact: each mapping or sequence
 * holds the packed positions of its children in order, and a pointer is resolved by walking the
 * tree. A 4 MB document has 100,000 nodes; building a pointer string per node cost more time and
 * memory than the parse itself. Unmodifiable; iterating materializes every entry once.
 */
public final class LocationIndex extends AbstractMap<String, int[]> {
  private final JsonNode root;
  private final long rootPosition;
  private final IdentityHashMap<JsonNode, Positions> children;
  private volatile Map<String, int[]> materialized;

  /**
   * Objects with more members than this get a name → index map on their first lookup; smaller ones
   * are scanned (cheaper than a map for the few members most objects have). Without the map, a
   * finding under a 50,000-member {@code paths} object scanned up to 50,000 names: lint time grew
   * with the square of the document's size.
   */
  static final int SCAN_LIMIT = 8;

  /** Child positions of one container, in the container's order. */
  static final class Positions {
    long[] packed = new long[4];
    int size;

    /** Member name → index, for objects larger than {@link #SCAN_LIMIT}; built on first use. */
    private volatile Map<String, Integer> indexByName;

    void add(long position) {
      if (size == packed.length) {
        packed = Arrays.copyOf(packed, size * 2);
      }
      packed[size++] = position;
    }

    /** The index of member {@code name} of {@code object} (whose positions these are), or -1. */
    int indexOf(JsonNode object, String name) {
      if (object.size() <= SCAN_LIMIT) {
        int i = 0;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
          if (it.next().equals(name)) {
            return i;
          }
        }
        return -1;
      }
      Map<String, Integer> map = indexByName;
      if (map == null || map.size() != object.size()) {
        map = new HashMap<>(object.size() * 4 / 3 + 1);
        int i = 0;
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); i++) {
          map.put(it.next(), i);
        }
        indexByName = map;
      }
      Integer index = map.get(name);
      return index == null ? -1 : index;
    }
  }

  LocationIndex(JsonNode root, long rootPosition, IdentityHashMap<JsonNode, Positions> children) {
    this.root = root;
    this.rootPosition = rootPosition;
    this.children = children;
  }

  /** The root's packed position ({@link ParallelYaml} joins trees). */
  long rootPosition() {
    return rootPosition;
  }

  /** Child positions by container, by identity ({@link ParallelYaml} joins trees). */
  IdentityHashMap<JsonNode, Positions> children() {
    return children;
  }

  static long pack(int line, int column) {
    return ((long) line << 32) | (column & 0xFFFFFFFFL);
  }

  private static int[] unpack(long packed) {
    return new int[] {(int) (packed >>> 32), (int) packed};
  }

  @Override
  public int[] get(Object key) {
    if (!(key instanceof String pointer)) {
      return null;
    }
    if (pointer.isEmpty()) {
      return unpack(rootPosition);
    }
    if (pointer.charAt(0) != '/') {
      return null;
    }
    JsonNode node = root;
    long position = rootPosition;
    int start = 1;
    while (true) {
      int end = pointer.indexOf('/', start);
      String segment = unescape(pointer.substring(start, end < 0 ? pointer.length() : end));
      Positions positions = children.get(node);
      int index = -1;
      JsonNode child = null;
      if (node.isObject()) {
        if (positions != null) {
          index = positions.indexOf(node, segment);
          child = index < 0 ? null : node.get(segment);
        }
      } else if (node.isArray()) {
        try {
          index = Integer.parseInt(segment);
        } catch (NumberFormatException e) {
          return null;
        }
        child = index >= 0 && index < node.size() ? node.get(index) : null;
      }
      if (child == null || positions == null || index >= positions.size) {
        return null;
      }
      position = positions.packed[index];
      node = child;
      if (end < 0) {
        return unpack(position);
      }
      start = end + 1;
    }
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, int[]>> entrySet() {
    Map<String, int[]> all = materialized;
    if (all == null) {
      all = new HashMap<>();
      all.put("", unpack(rootPosition));
      Deque<Object[]> stack = new ArrayDeque<>();
      stack.push(new Object[] {root, ""});
      while (!stack.isEmpty()) {
        Object[] item = stack.pop();
        JsonNode node = (JsonNode) item[0];
        String pointer = (String) item[1];
        Positions positions = children.get(node);
        if (positions == null) {
          continue;
        }
        int i = 0;
        if (node.isObject()) {
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (i < positions.size) {
              String p = pointer + "/" + LoadedDocument.escape(e.getKey());
              all.put(p, unpack(positions.packed[i]));
              stack.push(new Object[] {e.getValue(), p});
            }
            i++;
          }
        } else {
          for (; i < node.size() && i < positions.size; i++) {
            String p = pointer + "/" + i;
            all.put(p, unpack(positions.packed[i]));
            stack.push(new Object[] {node.get(i), p});
          }
        }
      }
      all = Collections.unmodifiableMap(all);
      materialized = all;
    }
    return all.entrySet();
  }

  private static String unescape(String segment) {
    return io.pipelinekit.apispec.internal.JsonPointers.unescape(segment);
  }
}
