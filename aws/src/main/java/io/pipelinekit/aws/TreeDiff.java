package io.pipelinekit.aws;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The difference between the whole declaration {@code apply} sends and the whole declaration AWS
 * reports: every member either side has, so a member set by hand on the live resource shows as one
 * {@code apply} would remove. Lists whose items all carry a unique {@code name} (stages, actions,
 * artifacts, environment variables) or {@code key} (tags) are matched by it, so an inserted stage
 * is one added stage, not every later stage shifted; a changed order is a move. The only members
 * not compared are those in {@link LiveOnlyFields}: what AWS adds on read and apply cannot set.
 */
final class TreeDiff {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9@_\\-]+");

  private final LiveOnlyFields ignored;
  private final List<ApplyPlan.Difference> out = new ArrayList<>();

  private TreeDiff(LiveOnlyFields ignored) {
    this.ignored = ignored;
  }

  /** {@code desired} (what apply sends) against {@code live} (what AWS reports). */
  static List<ApplyPlan.Difference> diff(Object desired, Object live, LiveOnlyFields ignored) {
    TreeDiff d = new TreeDiff(ignored);
    d.compare(List.of(), desired, live);
    return List.copyOf(d.out);
  }

  private void compare(List<String> path, Object desired, Object live) {
    if (desired == null && live == null) {
      return;
    }
    if (desired == null) {
      if (ignored.ignores(path, live)) {
        return;
      }
      if (live instanceof Map<?, ?> m) {
        // Member by member: some of what AWS reports may be its own defaults.
        for (Map.Entry<?, ?> e : m.entrySet()) {
          compare(child(path, String.valueOf(e.getKey())), null, e.getValue());
        }
        return;
      }
      out.add(element(ApplyPlan.Op.REMOVE, path, live, null));
      return;
    }
    if (live == null) {
      out.add(element(ApplyPlan.Op.ADD, path, null, desired));
      return;
    }
    if (desired instanceof Map<?, ?> d && live instanceof Map<?, ?> l) {
      Set<String> keys = new LinkedHashSet<>();
      d.keySet().forEach(k -> keys.add(String.valueOf(k)));
      l.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String key : keys) {
        compare(child(path, key), d.get(key), l.get(key));
      }
      return;
    }
    if (desired instanceof List<?> d && live instanceof List<?> l) {
      String key = keyOf(d, l);
      if (key == null) {
        positional(path, d, l);
      } else {
        keyed(path, key, d, l);
      }
      return;
    }
    if (same(desired, live)) {
      return;
    }
    out.add(new ApplyPlan.Difference(ApplyPlan.Op.CHANGE, show(path), live, desired, null));
  }

  private void positional(List<String> path, List<?> desired, List<?> live) {
    for (int i = 0; i < Math.max(desired.size(), live.size()); i++) {
      compare(
          child(path, "[" + i + "]"),
          i < desired.size() ? desired.get(i) : null,
          i < live.size() ? live.get(i) : null);
    }
  }

  private void keyed(List<String> path, String key, List<?> desired, List<?> live) {
    Map<String, Object> d = byKey(desired, key);
    Map<String, Object> l = byKey(live, key);
    List<String> dOrder = new ArrayList<>(d.keySet());
    List<String> lOrder = new ArrayList<>(l.keySet());
    // Removed first, in the order AWS has them; then added and changed, in the definition's.
    for (String name : lOrder) {
      if (!d.containsKey(name)) {
        out.add(element(ApplyPlan.Op.REMOVE, child(path, name), l.get(name), null));
      }
    }
    List<String> commonLive = lOrder.stream().filter(d::containsKey).toList();
    List<String> commonDesired = dOrder.stream().filter(l::containsKey).toList();
    Set<String> inOrder = new HashSet<>(longestCommonSubsequence(commonLive, commonDesired));
    for (String name : dOrder) {
      if (!l.containsKey(name)) {
        out.add(element(ApplyPlan.Op.ADD, child(path, name), null, d.get(name)));
        continue;
      }
      // Tags are a set: AWS keeps no order of them.
      if (!key.equals("key") && !inOrder.contains(name)) {
        out.add(
            element(
                ApplyPlan.Op.MOVE,
                child(path, name),
                lOrder.indexOf(name) + 1,
                dOrder.indexOf(name) + 1));
      }
      Map<String, Object> dItem = withoutKey(d.get(name), key);
      Map<String, Object> lItem = withoutKey(l.get(name), key);
      compare(child(path, name), dItem, lItem);
    }
  }

  /**
   * A difference; an added, removed or moved stage or action is named as one ({@code stage
   * Approve}, {@code action Migrate in stage Deploy}).
   */
  private static ApplyPlan.Difference element(
      ApplyPlan.Op op, List<String> path, Object before, Object after) {
    String subject = null;
    if (path.size() == 2 && path.get(0).equals("stages")) {
      subject = "stage " + path.get(1);
    } else if (path.size() == 4 && path.get(0).equals("stages") && path.get(2).equals("actions")) {
      subject = "action " + path.get(3) + " in stage " + path.get(1);
    }
    return new ApplyPlan.Difference(op, show(path), before, after, subject);
  }

  /** {@code name} when every item of both lists is a map with a unique text {@code name}. */
  private static String keyOf(List<?> desired, List<?> live) {
    for (String key : List.of("name", "key")) {
      if (uniqueKeys(desired, key) && uniqueKeys(live, key)) {
        return key;
      }
    }
    return null;
  }

  private static boolean uniqueKeys(List<?> list, String key) {
    Set<Object> seen = new HashSet<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || !(m.get(key) instanceof String s) || !seen.add(s)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Object> byKey(List<?> list, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object item : list) {
      out.put((String) ((Map<?, ?>) item).get(key), item);
    }
    return out;
  }

  private static Map<String, Object> withoutKey(Object item, String key) {
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<?, ?>) item).forEach((k, v) -> out.put(String.valueOf(k), v));
    out.remove(key);
    return out;
  }

  private static List<String> longestCommonSubsequence(List<String> a, List<String> b) {
    int[][] len = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        len[i][j] =
            a.get(i).equals(b.get(j))
                ? len[i + 1][j + 1] + 1
                : Math.max(len[i + 1][j], len[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    for (int i = 0, j = 0; i < a.size() && j < b.size(); ) {
      if (a.get(i).equals(b.get(j))) {
        out.add(a.get(i));
        i++;
        j++;
      } else if (len[i + 1][j] >= len[i][j + 1]) {
        i++;
      } else {
        j++;
      }
    }
    return out;
  }

  private static List<String> child(List<String> path, String segment) {
    List<String> out = new ArrayList<>(path);
    out.add(segment);
    return out;
  }

  /** {@code stages.Deploy.actions.Deploy.configuration.ClusterName}; odd names in quotes. */
  static String show(List<String> path) {
    StringBuilder s = new StringBuilder();
    for (String segment : path) {
      if (segment.startsWith("[")) {
        s.append(segment);
      } else if (PLAIN.matcher(segment).matches()) {
        s.append(s.length() == 0 ? "" : ".").append(segment);
      } else {
        s.append("[\"").append(segment.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
      }
    }
    return s.length() == 0 ? "(root)" : s.toString();
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
}
