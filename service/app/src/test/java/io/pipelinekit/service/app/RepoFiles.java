package io.pipelinekit.service.app;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository, whatever the working directory of the test run. */
final class RepoFiles {
  private RepoFiles() {}

  /** The repository root: {@code PIPELINEKIT_ROOT}, else the nearest parent holding .ci/run. */
  static Path root() {
    String env = System.getenv("PIPELINEKIT_ROOT");
    if (env != null && Files.isRegularFile(Path.of(env, ".ci", "run"))) {
      return Path.of(env).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(".ci/run"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (a folder holding .ci/run) above "
            + Path.of("").toAbsolutePath()
            + "; set PIPELINEKIT_ROOT");
  }

  static Path path(String relative) {
    return root().resolve(relative);
  }
}
