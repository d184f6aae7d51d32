package io.pipelinekit.buildspec;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root: {@code PIPELINEKIT_ROOT}, or the nearest folder above holding .ci/run. */
final class RepoRoot {
  private RepoRoot() {}

  static Path find() {
    String env = System.getenv("PIPELINEKIT_ROOT");
    if (env != null && Files.isDirectory(Path.of(env, "docs"))) {
      return Path.of(env);
    }
    for (Path start :
        new Path[] {
          Path.of("").toAbsolutePath(), codeSource(),
        }) {
      for (Path p = start; p != null; p = p.getParent()) {
        if (Files.exists(p.resolve(".ci/run"))) {
          return p;
        }
      }
    }
    throw new IllegalStateException(
        "cannot find the repository root (.ci/run); set PIPELINEKIT_ROOT");
  }

  private static Path codeSource() {
    try {
      return Path.of(RepoRoot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (Exception e) {
      return Path.of("").toAbsolutePath();
    }
  }
}
