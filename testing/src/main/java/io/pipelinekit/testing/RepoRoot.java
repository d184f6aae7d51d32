package io.pipelinekit.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository root: {@code $PIPELINEKIT_ROOT}, else the nearest folder holding {@code .ci/run}.
 */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path find() {
    String env = System.getenv("PIPELINEKIT_ROOT");
    if (env != null && !env.isBlank() && Files.exists(Path.of(env, ".ci", "run"))) {
      return Path.of(env).toAbsolutePath();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve(".ci").resolve("run"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (no .ci/run above "
            + Path.of("").toAbsolutePath()
            + "); set PIPELINEKIT_ROOT");
  }
}
