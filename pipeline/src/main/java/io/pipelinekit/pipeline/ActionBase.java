package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.Objects;
import java.util.Optional;

/**
 * What every AWS-owned action shares: its name (required, defaulted by the builder), run order and
 * namespace, held, checked and copied in one place. The public action classes extend it; it is not
 * part of the API (it does not implement {@link Action}, so the sealed hierarchy stays as it is).
 */
abstract class ActionBase {
  private final String name;
  private final int runOrder;
  private final String namespace;

  /**
   * Reads the shared settings from {@code b}; {@code type} names the class in the message when the
   * name is missing (the builder's default name is the example).
   */
  ActionBase(Builder<?> b, String type) {
    this.name = Checks.requiredText(b.name, type, "name", "\"" + b.defaultName + "\"");
    this.runOrder = b.runOrder;
    this.namespace = b.namespace;
  }

  public String name() {
    return name;
  }

  public int runOrder() {
    return runOrder;
  }

  public Optional<String> namespace() {
    return Optional.ofNullable(namespace);
  }

  /** {@code AWS}: every action type modelled here is AWS-owned. */
  public String owner() {
    return "AWS";
  }

  /** Whether the shared settings equal {@code o}'s (for the actions' {@code equals}). */
  final boolean sameBase(ActionBase o) {
    return name.equals(o.name) && runOrder == o.runOrder && Objects.equals(namespace, o.namespace);
  }

  /** The shared settings' hash (for the actions' {@code hashCode}). */
  final int baseHash() {
    return Objects.hash(name, runOrder, namespace);
  }

  /** A {@code toString()} started with the shared settings. */
  final ToString toStringStart(String type) {
    return ToString.builder(type)
        .add("name", name)
        .add("runOrder", runOrder)
        .add("namespace", namespace);
  }

  /** Copies the shared settings into a builder made for {@code toBuilder()}. */
  final <B extends Builder<B>> B copyTo(B b) {
    b.name = name;
    b.runOrder = runOrder;
    b.namespace = namespace;
    return b;
  }

  /**
   * The shared builder state and its setters, typed to return the concrete action's builder ({@code
   * B}), so every action is named, ordered and namespaced the same way.
   */
  abstract static class Builder<B extends Builder<B>> {
    private final String defaultName;
    String name;
    int runOrder = 1;
    String namespace;

    Builder(String defaultName) {
      this.defaultName = defaultName;
      this.name = defaultName;
    }

    /**
     * The action name, unique in its stage (each action type has a default, e.g. {@code Build}).
     */
    public B name(String name) {
      this.name = name;
      return self();
    }

    /** Position in the stage: actions with the same run order run in parallel (default 1). */
    public B runOrder(int runOrder) {
      this.runOrder = runOrder;
      return self();
    }

    /** Publishes the action's output variables as {@code #{NAMESPACE.VARIABLE}}. */
    public B namespace(String namespace) {
      this.namespace = namespace;
      return self();
    }

    @SuppressWarnings("unchecked")
    private B self() {
      return (B) this;
    }
  }
}
