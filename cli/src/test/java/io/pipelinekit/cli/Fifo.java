package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Named pipes for the tests of inputs and outputs that are not regular files. */
final class Fifo {
  private Fifo() {}

  /** Makes a FIFO at {@code path} with coreutils' {@code mkfifo}; fails the test when it cannot. */
  static Path make(Path path) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("mkfifo finished").isTrue();
    assertThat(p.exitValue()).as("mkfifo " + path).isZero();
    return path;
  }
}
