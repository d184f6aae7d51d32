package io.pipelinekit.aws;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A readable diff of a declaration against what AWS reports: only members the declaration sets are
 * compared (AWS adds defaults and read-only fields of its own), one line per difference, as {@code
 * path: current -> desired}; multi-line strings (inline buildspecs) as {@code -}/{@code +} lines.
 */
final class TreeDiff {
  private TreeDiff() {}

  static List<String> diff(Object desired, Object current) {
    List<String> lines = new ArrayList<>();
    diff("", desired, current, lines);
    return lines;
  }

  private static void diff(String path, Object desired, Object current, List<String> out) {
    if (desired instanceof Map<?, ?> d) {
      if (!(current instanceof Map<?, ?> c)) {
        out.add(label(path) + ": " + show(current) + " -> " + show(desired));
        return;
      }
      for (Map.Entry<?, ?> e : d.entrySet()) {
        String key = String.valueOf(e.getKey());
        diff(path.isEmpty() ? key : path + "." + key, e.getValue(), c.get(key), out);
      }
      return;
    }
    if (desired instanceof List<?> d) {
      if (!(current instanceof List<?> c)) {
        out.add(label(path) + ": " + show(current) + " -> " + show(desired));
        return;
      }
      if (d.size() != c.size()) {
        out.add(label(path) + ": " + c.size() + " items -> " + d.size() + " items");
      }
      for (int i = 0; i < d.size(); i++) {
        diff(path + "[" + i + "]", d.get(i), i < c.size() ? c.get(i) : null, out);
      }
      return;
    }
    if (same(desired, current)) {
      return;
    }
    if (desired instanceof String ds
        && current instanceof String cs
        && (ds.contains("\n") || cs.contains("\n"))) {
      out.add(label(path) + ": (text changed)");
      List<String> before = List.of(cs.split("\n", -1));
      List<String> after = List.of(ds.split("\n", -1));
      for (String line : before) {
        if (!after.contains(line)) {
          out.add("    - " + line);
        }
      }
      for (String line : after) {
        if (!before.contains(line)) {
          out.add("    + " + line);
        }
      }
      return;
    }
    out.add(label(path) + ": " + show(current) + " -> " + show(desired));
  }

  private static String label(String path) {
    return path.isEmpty() ? "(root)" : path;
  }

  private static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }
    if (a != null && b != null && !a.getClass().equals(b.getClass())) {
      return String.valueOf(a).equals(String.valueOf(b));
    }
    return Objects.equals(a, b);
  }

  private static String show(Object v) {
    if (v == null) {
      return "(none)";
    }
    if (v instanceof String s) {
      String one = s.replace("\n", "\\n");
      return "\"" + (one.length() > 80 ? one.substring(0, 77) + "..." : one) + "\"";
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      String s = String.valueOf(v);
      return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
    return String.valueOf(v);
  }
}
