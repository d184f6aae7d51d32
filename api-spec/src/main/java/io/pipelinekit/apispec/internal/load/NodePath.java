package io.pipelinekit.apispec.internal.load;

import io.pipelinekit.apispec.internal.LoadedDocument;

/**
 * A node's place as a chain of parent links, turned into a JSON pointer only when needed: walks
 * over large documents (100,000 nodes) build no pointer strings for nodes nothing reports on.
 */
public final class NodePath {
  public static final NodePath ROOT = new NodePath(null, null, -1);

  private final NodePath parent;
  private final String key;
  private final int index;

  private NodePath(NodePath parent, String key, int index) {
    this.parent = parent;
    this.key = key;
    this.index = index;
  }

  public NodePath key(String name) {
    return new NodePath(this, name, -1);
  }

  public NodePath index(int i) {
    return new NodePath(this, null, i);
  }

  /** The last segment's key, or null for the root and array elements. */
  public String lastKey() {
    return key;
  }

  public NodePath parent() {
    return parent;
  }

  /** The JSON pointer ("" for the root). */
  public String pointer() {
    if (parent == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    append(sb);
    return sb.toString();
  }

  private void append(StringBuilder sb) {
    if (parent == null) {
      return;
    }
    parent.append(sb);
    sb.append('/');
    if (key != null) {
      sb.append(LoadedDocument.escape(key));
    } else {
      sb.append(index);
    }
  }

  @Override
  public String toString() {
    return pointer();
  }
}
