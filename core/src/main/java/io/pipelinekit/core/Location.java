package io.pipelinekit.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a finding is: a file with a 1-based line and column (0 when unknown) and the JSON pointer
 * of the node, or — for a rule about the pipeline model, which has no file — the model path ({@code
 * stage 'Deploy' action 'Deploy'}) in {@code pointer}.
 */
public record Location(Path file, int line, int column, String pointer) {
  public Location {
    Objects.requireNonNull(pointer, "pointer");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column are 1-based, 0 when unknown");
    }
  }

  /** A place in a file. */
  public static Location inFile(Path file, int line, int column, String pointer) {
    return new Location(Objects.requireNonNull(file, "file"), line, column, pointer);
  }

  /** A place in the pipeline model, e.g. {@code stage 'Deploy' action 'Deploy'}. */
  public static Location inModel(String path) {
    return new Location(null, 0, 0, path);
  }

  /** The file, when the finding is in one. */
  public Optional<Path> fileOptional() {
    return Optional.ofNullable(file);
  }

  /**
   * {@code file:line:col} as compilers and editors print it; the model path when there is no file.
   */
  @Override
  public String toString() {
    return file == null ? pointer : file + ":" + line + ":" + column;
  }
}
