package io.pipelinekit.cli;

/** Options every subcommand takes. */
public final class GlobalOptions {
  boolean verbose;

  /** These options' model, mixed into commands (see {@link Specs}). */
  Specs specs() {
    Specs s = Specs.mixin(this);
    s.option("verbose", "--verbose")
        .description("Show stack traces and more detail when something goes wrong.");
    return s;
  }

  public boolean verbose() {
    return verbose;
  }
}
