package io.pipelinekit.buildspec.internal;

import java.util.Map;

/**
 * Writes a {@link YamlNode} tree as block-style YAML: two-space indentation, sequences indented
 * under their key, never tabs, one trailing newline, scalars quoted by {@link YamlScalars}.
 */
public final class YamlEmitter {
  /** Emitted keys longer than this use the explicit {@code ? key} form (YAML caps simple keys). */
  private static final int MAX_SIMPLE_KEY = 1000;

  private static final String INDENT = "  ";

  private YamlEmitter() {}

  /** The document for a top-level mapping. */
  public static String emit(YamlNode.Mapping root) {
    StringBuilder out = new StringBuilder();
    if (root.entries().isEmpty()) {
      return "{}\n";
    }
    mapping(out, root, 0);
    return out.toString();
  }

  private static void mapping(StringBuilder out, YamlNode.Mapping map, int level) {
    for (Map.Entry<String, YamlNode> e : map.entries().entrySet()) {
      String key = YamlScalars.quote(e.getKey());
      indent(out, level);
      if (key.length() > MAX_SIMPLE_KEY) {
        out.append("? ").append(key).append('\n');
        indent(out, level);
      } else {
        out.append(key);
      }
      out.append(':');
      value(out, e.getValue(), level);
    }
  }

  private static void value(StringBuilder out, YamlNode node, int level) {
    if (node instanceof YamlNode.Scalar s) {
      out.append(' ').append(scalar(s)).append('\n');
    } else if (node instanceof YamlNode.Sequence seq) {
      if (seq.items().isEmpty()) {
        out.append(" []\n");
        return;
      }
      out.append('\n');
      for (YamlNode item : seq.items()) {
        if (!(item instanceof YamlNode.Scalar s)) {
          throw new IllegalStateException("only sequences of scalars are supported: " + item);
        }
        indent(out, level + 1);
        out.append("- ").append(scalar(s)).append('\n');
      }
    } else if (node instanceof YamlNode.Mapping m) {
      if (m.entries().isEmpty()) {
        out.append(" {}\n");
        return;
      }
      out.append('\n');
      mapping(out, m, level + 1);
    }
  }

  private static String scalar(YamlNode.Scalar s) {
    return s.verbatim() ? s.value() : YamlScalars.quote(s.value());
  }

  private static void indent(StringBuilder out, int level) {
    for (int i = 0; i < level; i++) {
      out.append(INDENT);
    }
  }
}
