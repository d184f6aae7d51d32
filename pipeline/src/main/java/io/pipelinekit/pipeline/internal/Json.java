package io.pipelinekit.pipeline.internal;

import io.pipelinekit.core.internal.JsonText;
import java.util.List;
import java.util.Map;

/**
 * A small deterministic JSON writer for the synthesized files: maps keep insertion order, two
 * spaces of indentation, a trailing newline. Values are maps, lists, strings, numbers and booleans.
 * Kept small (no Jackson) so that {@code pipeline build} starts fast.
 */
public final class Json {
  private Json() {}

  /** The value as pretty JSON text with a trailing newline. */
  public static String pretty(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0, true);
    return out.append('\n').toString();
  }

  /** The value as compact JSON text (used inside configuration values). */
  public static String compact(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0, false);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, int indent, boolean pretty) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      JsonText.append(out, s);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(out, indent + 1, pretty);
        JsonText.append(out, (String) e.getKey());
        out.append(pretty ? ": " : ":");
        write(out, e.getValue(), indent + 1, pretty);
      }
      newline(out, indent, pretty);
      out.append('}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (!first) {
          out.append(',');
        }
        first = false;
        newline(out, indent + 1, pretty);
        write(out, item, indent + 1, pretty);
      }
      newline(out, indent, pretty);
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void newline(StringBuilder out, int indent, boolean pretty) {
    if (pretty) {
      out.append('\n');
      out.append("  ".repeat(indent));
    }
  }
}
