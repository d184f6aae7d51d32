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
    this.actions = Checks.copy(b.actions, "Stage '" + name + "'", "actions");
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

    public Builder actions(List<? extends Action> actions) {
      Checks.addAll(this.actions, actions);
      return this;
    }

    public Builder action(Action action) {
      Checks.addAll(this.actions, List.of(action));
      return this;
    }

    public Stage build() {
      return new Stage(this);
    }
  }
}
