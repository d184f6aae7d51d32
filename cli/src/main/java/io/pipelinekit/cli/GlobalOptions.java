package io.pipelinekit.cli;

import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public final class GlobalOptions {
  @Option(
      names = "--verbose",
      description = "Show stack traces and more detail when something goes wrong.")
  boolean verbose;

  public boolean verbose() {
    return verbose;
  }
}
