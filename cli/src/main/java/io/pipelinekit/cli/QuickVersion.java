package io.pipelinekit.cli;

import java.io.PrintStream;

/**
 * {@code pipeline --version} (or {@code -V}) alone, answered before picocli starts: its set-up (the
 * {@code CommandLine} class and its converters, before any command is looked at) is most of a short
 * run, and the version needs none of it. Prints what picocli prints for it, exit code 0; any other
 * arguments go to picocli as usual.
 */
final class QuickVersion {
  private QuickVersion() {}

  /** Prints the version and returns true when the arguments ask for nothing else. */
  static boolean handled(String[] args, PrintStream out) {
    if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) {
      return false;
    }
    for (String line : new VersionProvider().getVersion()) {
      out.println(line);
    }
    out.flush();
    return true;
  }
}
