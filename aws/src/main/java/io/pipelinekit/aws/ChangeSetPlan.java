package io.pipelinekit.aws;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudFormation change set as {@code deploy-stack}'s plan: for each resource, whether it is
 * added, modified or removed, whether a modification replaces it ({@code True}, {@code False},
 * {@code Conditional}) and which of its properties change
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceChange.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ResourceTargetDefinition.html).
 * An empty plan ({@link #hasChanges()} false) means the stack already matches the template and
 * parameters.
 */
public final class ChangeSetPlan {
  /** What the change set does to one resource. */
  public enum Action {
    ADD("+", "add"),
    MODIFY("~", "modify"),
    REMOVE("-", "remove"),
    IMPORT("<", "import"),
    DYNAMIC("?", "dynamic");

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

    static Action of(String cloudFormation) {
      for (Action a : values()) {
        if (a.name().equalsIgnoreCase(cloudFormation)) {
          return a;
        }
      }
      return DYNAMIC;
    }
  }

  /**
   * One changed attribute of a resource: {@code attribute} ({@code Properties}, {@code Tags}, …),
   * the property {@code name} when it is a property, whether changing it recreates the resource
   * ({@code Never}, {@code Always}, {@code Conditionally}), and the values before and after when
   * CloudFormation gives them (each may be null).
   */
  public record PropertyChange(
      String attribute, String name, String requiresRecreation, String before, String after) {
    /** {@code Properties.RetentionInDays} or {@code Tags}. */
    public String path() {
      return name == null || name.isEmpty() ? attribute : attribute + "." + name;
    }
  }

  /**
   * One resource: the action, its logical id, physical id (null for one being added), type,
   * replacement ({@code True}, {@code False}, {@code Conditional}; null unless modified) and the
   * attributes that change.
   */
  public record ResourceChange(
      Action action,
      String logicalId,
      String physicalId,
      String resourceType,
      String replacement,
      List<PropertyChange> properties) {
    public ResourceChange {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(logicalId, "logicalId");
      properties = List.copyOf(properties);
    }
  }

  private final String stackName;
  private final String stackId;
  private final String changeSetName;
  private final String changeSetId;
  private final boolean newStack;
  private final boolean createdStack;
  private final List<String> capabilities;
  private final List<ResourceChange> changes;

  ChangeSetPlan(
      String stackName,
      String stackId,
      String changeSetName,
      String changeSetId,
      boolean newStack,
      boolean createdStack,
      List<String> capabilities,
      List<ResourceChange> changes) {
    this.stackName = Objects.requireNonNull(stackName, "stackName");
    this.stackId = stackId;
    this.changeSetName = Objects.requireNonNull(changeSetName, "changeSetName");
    this.changeSetId = changeSetId;
    this.newStack = newStack;
    this.createdStack = createdStack;
    this.capabilities = List.copyOf(capabilities);
    this.changes = List.copyOf(changes);
  }

  public String stackName() {
    return stackName;
  }

  /** The stack's ARN (for a new stack, the one CreateChangeSet made in REVIEW_IN_PROGRESS). */
  public Optional<String> stackId() {
    return Optional.ofNullable(stackId);
  }

  public String changeSetName() {
    return changeSetName;
  }

  /** The change set's ARN; empty when there were no changes and none is left. */
  public Optional<String> changeSetId() {
    return Optional.ofNullable(changeSetId);
  }

  /** Whether the stack is created by this change set (CREATE) rather than updated (UPDATE). */
  public boolean newStack() {
    return newStack;
  }

  /** Whether this run's CreateChangeSet made the (REVIEW_IN_PROGRESS) stack. */
  boolean createdStack() {
    return createdStack;
  }

  /** The capabilities acknowledged, e.g. {@code CAPABILITY_NAMED_IAM}. */
  public List<String> capabilities() {
    return capabilities;
  }

  public List<ResourceChange> changes() {
    return changes;
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /** How many resources the plan adds, modifies, removes… */
  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** The plan as text, one resource a line, each changing attribute indented under it. */
  public String render() {
    StringBuilder out = new StringBuilder();
    out.append("plan for stack '")
        .append(stackName)
        .append("' (")
        .append(newStack ? "new stack" : "update")
        .append(changeSetId == null ? "" : ", change set " + changeSetName)
        .append(capabilities.isEmpty() ? "" : ", acknowledging " + String.join(", ", capabilities))
        .append("):\n");
    if (changes.isEmpty()) {
      out.append("  no changes\n");
      return out.toString();
    }
    for (ResourceChange c : changes) {
      out.append("  ")
          .append(c.action().sign())
          .append(' ')
          .append(String.format(Locale.ROOT, "%-7s", c.action().word()))
          .append(' ')
          .append(c.logicalId());
      if (c.resourceType() != null) {
        out.append(" (").append(c.resourceType()).append(')');
      }
      if (c.physicalId() != null && !c.physicalId().isEmpty()) {
        out.append(' ').append(c.physicalId());
      }
      if (c.replacement() != null && !c.replacement().isEmpty()) {
        out.append(", replacement: ").append(c.replacement());
      }
      out.append('\n');
      for (PropertyChange p : c.properties()) {
        out.append("      ").append(p.path());
        if (p.requiresRecreation() != null && !p.requiresRecreation().isEmpty()) {
          out.append(" (recreation: ").append(p.requiresRecreation()).append(')');
        }
        if (p.before() != null || p.after() != null) {
          out.append(": ").append(shown(p.before())).append(" -> ").append(shown(p.after()));
        }
        out.append('\n');
      }
    }
    out.append(count(Action.ADD))
        .append(" to add, ")
        .append(count(Action.MODIFY))
        .append(" to modify, ")
        .append(count(Action.REMOVE))
        .append(" to remove\n");
    return out.toString();
  }

  private static String shown(String value) {
    if (value == null) {
      return "(none)";
    }
    return value.length() > 120 ? value.substring(0, 120) + "…" : value;
  }
}
