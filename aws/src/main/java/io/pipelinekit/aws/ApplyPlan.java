package io.pipelinekit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What {@code apply} does (or, with {@code --dry-run}, would do) to each resource. */
public final class ApplyPlan {
  /** What happens to one resource. */
  public enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update"),
    UNCHANGED("=", "unchanged");

    private final String sign;
    private final String word;

    Action(String sign, String word) {
      this.sign = sign;
      this.word = word;
    }

    public String sign() {
      return sign;
    }

    public String word() {
      return word;
    }
  }

  /** What happens to one member of a resource. */
  public enum Op {
    /** The definition has it, AWS does not: apply adds it. */
    ADD("+", "add"),
    /** AWS has it, the definition does not: apply removes it. */
    REMOVE("-", "remove"),
    /** Both have it, with different values: apply sets the definition's. */
    CHANGE("~", "change"),
    /** A stage, action or other named item at another place in its list. */
    MOVE("~", "move");

    private final String sign;
    private final String word;

    Op(String sign, String word) {
      this.sign = sign;
      this.word = word;
    }

    public String sign() {
      return sign;
    }

    public String word() {
      return word;
    }
  }

  /**
   * One difference between the declaration apply sends and the live one.
   *
   * @param op what apply does to the member
   * @param path the member, named items by name ({@code stages.Deploy.actions.Deploy.runOrder})
   * @param before what AWS has (null when absent; for a move, the 1-based position)
   * @param after what apply sends (null when absent; for a move, the 1-based position)
   * @param subject for a whole stage or action, its name in words ({@code stage Approve}, {@code
   *     action Migrate in stage Deploy}); otherwise null
   */
  public record Difference(Op op, String path, Object before, Object after, String subject) {
    public Difference {
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(path, "path");
    }

    /**
     * As text: {@code + stage Approve}, {@code ~ stage Deploy moved from 3 to 2}, {@code ~ path:
     * "a" -> "b"}, {@code - path: "x"}; a changed multi-line text as {@code -}/{@code +} lines.
     */
    public List<String> lines() {
      String sign = op.sign() + " ";
      if (op == Op.MOVE) {
        return List.of(
            sign + (subject != null ? subject : path) + " moved from " + before + " to " + after);
      }
      if (subject != null) {
        return List.of(sign + subject);
      }
      if (op == Op.ADD) {
        return List.of(sign + path + ": " + show(after));
      }
      if (op == Op.REMOVE) {
        return List.of(sign + path + ": " + show(before));
      }
      if (before instanceof String b
          && after instanceof String a
          && (b.contains("\n") || a.contains("\n"))) {
        List<String> out = new ArrayList<>();
        out.add(sign + path + ": (text changed)");
        List<String> was = List.of(b.split("\n", -1));
        List<String> now = List.of(a.split("\n", -1));
        was.stream().filter(l -> !now.contains(l)).forEach(l -> out.add("    - " + l));
        now.stream().filter(l -> !was.contains(l)).forEach(l -> out.add("    + " + l));
        return out;
      }
      return List.of(sign + path + ": " + show(before) + " -> " + show(after));
    }

    private static String show(Object v) {
      if (v == null) {
        return "(none)";
      }
      if (v instanceof String s) {
        String one = s.replace("\n", "\\n");
        return "\"" + (one.length() > 120 ? one.substring(0, 117) + "..." : one) + "\"";
      }
      String s = structure(v);
      return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }

    /** A map or list as {@code {k=v, …}} / {@code [a, …]}, keys sorted: the same text every run. */
    private static String structure(Object v) {
      if (v instanceof Map<?, ?> map) {
        java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
        map.forEach((k, x) -> sorted.put(String.valueOf(k), x));
        StringBuilder out = new StringBuilder("{");
        sorted.forEach(
            (k, x) ->
                out.append(out.length() > 1 ? ", " : "")
                    .append(k)
                    .append('=')
                    .append(structure(x)));
        return out.append('}').toString();
      }
      if (v instanceof List<?> list) {
        StringBuilder out = new StringBuilder("[");
        for (Object x : list) {
          out.append(out.length() > 1 ? ", " : "").append(structure(x));
        }
        return out.append(']').toString();
      }
      return String.valueOf(v);
    }
  }

  /**
   * One resource: its kind ({@code CodeBuild project}, {@code CodePipeline pipeline}), name, action
   * and, for an update, the differences.
   */
  public record Change(String kind, String name, Action action, List<Difference> differences) {
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
      differences = List.copyOf(differences);
    }

    /** The differences as text, one line each (a changed inline buildspec takes several). */
    public List<String> diff() {
      List<String> out = new ArrayList<>();
      differences.forEach(d -> out.addAll(d.lines()));
      return out;
    }
  }

  private final List<Change> changes;
  private final List<String> checks;
  private final List<String> warnings;

  ApplyPlan(List<Change> changes, List<String> checks, List<String> warnings) {
    this.changes = List.copyOf(changes);
    this.checks = List.copyOf(checks);
    this.warnings = List.copyOf(warnings);
  }

  /** In order: CodeBuild projects first, then the pipeline that runs them. */
  public List<Change> changes() {
    return changes;
  }

  /** What was checked before anything was written, one line each. */
  public List<String> checks() {
    return checks;
  }

  /**
   * What the checks found that does not stop apply (a connection still PENDING) or could not check
   * (an API the endpoint does not serve, a read the caller may not make), one line each.
   */
  public List<String> warnings() {
    return warnings;
  }

  /** Nothing to create or update. */
  public boolean upToDate() {
    return changes.stream().allMatch(c -> c.action() == Action.UNCHANGED);
  }

  /** The plan as text: one line per resource, then its differences indented. */
  public String render() {
    StringBuilder s = new StringBuilder();
    for (String check : checks) {
      s.append("checked ").append(check).append('\n');
    }
    for (String warning : warnings) {
      s.append("warning: ").append(warning).append('\n');
    }
    for (Change c : changes) {
      s.append(c.action().sign())
          .append(' ')
          .append(c.kind())
          .append(" '")
          .append(c.name())
          .append("': ")
          .append(c.action().word())
          .append('\n');
      for (String line : c.diff()) {
        s.append("    ").append(line).append('\n');
      }
    }
    return s.toString();
  }
}
