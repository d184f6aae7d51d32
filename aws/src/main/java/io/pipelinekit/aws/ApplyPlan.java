package io.pipelinekit.aws;

import java.util.List;
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

  /**
   * One resource: its kind ({@code CodeBuild project}, {@code CodePipeline pipeline}), name, action
   * and, for an update, the differences ({@code path: current -> desired}).
   */
  public record Change(String kind, String name, Action action, List<String> diff) {
    public Change {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
      diff = List.copyOf(diff);
    }
  }

  private final List<Change> changes;
  private final List<String> checks;

  ApplyPlan(List<Change> changes, List<String> checks) {
    this.changes = List.copyOf(changes);
    this.checks = List.copyOf(checks);
  }

  /** In order: CodeBuild projects first, then the pipeline that runs them. */
  public List<Change> changes() {
    return changes;
  }

  /** The ECS targets checked, one line each. */
  public List<String> checks() {
    return checks;
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
