package io.pipelinekit.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shared OpenAPI corpus (Stripe, GitHub, Twilio), found without relying on the working
 * directory: {@code $PIPELINEKIT_CORPUS}; else {@code shared/corpus} inside an ancestor of the
 * working directory or of {@code $PIPELINEKIT_ROOT} (CI clones the repository with {@code shared/}
 * beside the clone, i.e. {@code <clone>/../shared/corpus}).
 *
 * <p>A missing corpus is a test failure with an instruction, never a silent skip: a test that
 * cannot see its input proves nothing.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus document {@code name}; fails the calling test when it cannot be found. */
  public static Path file(String name) {
    List<Path> searched = new ArrayList<>();
    for (Path dir : candidates()) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
      searched.add(candidate);
    }
    throw new AssertionError(
        "corpus document "
            + name
            + " not found (looked at "
            + searched
            + "). Put the shared corpus at <repository>/../shared/corpus, or set"
            + " PIPELINEKIT_CORPUS to the folder holding it (see shared/corpus/README.md"
            + " for the documents' sources).");
  }

  /** The folders that may hold the corpus, most specific first. */
  static Set<Path> candidates() {
    Set<Path> dirs = new LinkedHashSet<>();
    String override = System.getenv("PIPELINEKIT_CORPUS");
    if (override != null && !override.isBlank()) {
      // An explicit setting is the only place looked at: a wrong one must not be papered over.
      dirs.add(Path.of(override).toAbsolutePath().normalize());
      return dirs;
    }
    List<Path> starts = new ArrayList<>();
    starts.add(Path.of("").toAbsolutePath());
    String root = System.getenv("PIPELINEKIT_ROOT");
    if (root != null && !root.isBlank()) {
      starts.add(Path.of(root).toAbsolutePath());
    }
    for (Path start : starts) {
      for (Path dir = start.normalize(); dir != null; dir = dir.getParent()) {
        Path corpus = dir.resolve("shared").resolve("corpus");
        if (Files.isDirectory(corpus)) {
          dirs.add(corpus);
        }
      }
    }
    if (dirs.isEmpty()) {
      dirs.add(Path.of("").toAbsolutePath().resolveSibling("shared").resolve("corpus"));
    }
    return dirs;
  }
}
