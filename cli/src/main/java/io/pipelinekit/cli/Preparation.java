package io.pipelinekit.cli;

import io.pipelinekit.apispec.OpenApiLoader;
import io.pipelinekit.pipeline.internal.PipelineRules;
import java.util.Set;

/**
 * What a command that loads a pipeline definition needs first, done on another thread while picocli
 * builds and parses the command line and the definition runs: the pipeline rules (with AWS's model
 * table, the library jar's first resource) and the YAML reader the API's fragments are read with.
 * On a cold JVM that is about 0.06-0.09 s of CPU off the main thread (bench/README: build 429 to
 * 392 ms wall).
 */
final class Preparation {
  /** The commands that load a definition and check its pipeline. */
  static final Set<String> COMMANDS = Set.of("build", "graph", "apply", "drift");

  private Preparation() {}

  /** The options with which a command prints help or its version instead of running. */
  private static final Set<String> NOT_A_RUN = Set.of("-h", "--help", "-V", "--version");

  /**
   * Starts the preparation on a daemon thread when {@code command} (null: none) loads a definition
   * and {@code args} ask for no help or version.
   *
   * @return the thread started, or null when the run needs none
   */
  static Thread inBackground(String command, String... args) {
    if (command == null || !COMMANDS.contains(command)) {
      return null;
    }
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (NOT_A_RUN.contains(arg)) {
        return null;
      }
    }
    // a class, not a lambda or method reference: the first call site that is one in a JVM
    // initialises java.lang.invoke's machinery (~10 ms of CPU), which this thread then does,
    // beside the main one
    Thread t = new Thread(new Run(), "pipelinekit-preparation");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static final class Run implements Runnable {
    @Override
    public void run() {
      try {
        PipelineRules.prepare();
        OpenApiLoader.prepareYaml();
      } catch (RuntimeException | LinkageError e) {
        // Only a head start: the command does whatever is left, and reports any problem itself.
      }
    }
  }
}
