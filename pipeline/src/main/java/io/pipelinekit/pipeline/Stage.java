package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A stage of a pipeline: a name and its actions (equal run orders run in parallel). */
public final class Stage {
  private final String name;
  private final List<Action> actions;

  private Stage(Builder b) {
    this.name = Checks.requiredText(b.name, "Stage", "name", "\"Build\"");
    this.actions = Checks.copy(b.actions, Checks.where("Stage", name), "actions");
  }

  /** A stage with the given actions. */
  public static Stage named(String name, Action... actions) {
    return builder().name(name).actions(Arrays.asList(actions)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().name(name).actions(actions);
  }

  public String name() {
    return name;
  }

  public List<Action> actions() {
    return actions;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Stage o && name.equals(o.name) && actions.equals(o.actions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, actions);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("Stage").add("name", name).add("actions", actions).build();
  }

  /** Builds a {@link Stage}. */
  public static final class Builder {
    private String name;
    private final List<Action> actions = new ArrayList<>();

    private Builder() {}

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the actions, replacing any set before (on a {@link Stage#toBuilder()}, the base's). */
    public Builder actions(List<? extends Action> actions) {
      Checks.replaceAll(this.actions, actions);
      return this;
    }

    /** Sets the actions, replacing any set before. */
    public Builder actions(Action... actions) {
      return actions(Arrays.asList(actions));
    }

    /** Adds an action after those set so far. */
    public Builder addAction(Action action) {
      Checks.addAll(this.actions, List.of(action));
      return this;
    }

    /**
     * Adds an action after those set so far.
     *
     * @deprecated use {@link #addAction(Action)}, which says what it does.
     */
    @Deprecated
    public Builder action(Action action) {
      return addAction(action);
    }

    /** Puts {@code action} in place of the action named {@code existing} (its name may differ). */
    public Builder replaceAction(String existing, Action action) {
      actions.set(actionIndex(existing), Objects.requireNonNull(action, "action"));
      return this;
    }

    /** Removes the action named {@code existing}. */
    public Builder removeAction(String existing) {
      actions.remove(actionIndex(existing));
      return this;
    }

    private int actionIndex(String name) {
      String where = this.name == null ? "stage" : "stage '" + this.name + "'";
      return Checks.indexOfName(actions, Action::name, name, where, "action");
    }

    public Stage build() {
      return Checks.building(() -> new Stage(this));
    }
  }
}
