package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
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
  ActionBase(Builder b, String type) {
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

  /** Copies the shared settings into a builder made for {@code toBuilder()}. */
  final <B extends Builder> B copyTo(B b) {
    b.name = name;
    b.runOrder = runOrder;
    b.namespace = namespace;
    return b;
  }

  /**
   * The shared builder state. Each action's builder keeps its own setters ({@code name}, {@code
   * runOrder}, {@code namespace}) so that their signatures return that builder.
   */
  abstract static class Builder {
    private final String defaultName;
    String name;
    int runOrder = 1;
    String namespace;

    Builder(String defaultName) {
      this.defaultName = defaultName;
      this.name = defaultName;
    }
  }
}
