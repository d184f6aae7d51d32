package io.pipelinekit.apispec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A place in a file: 1-based line and column, plus the JSON pointer of the node (empty for the
 * document root). Line and column are 0 when unknown.
 */
public record SourceLocation(Path file, int line, int column, String pointer) {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pointer, "pointer");
  }

  /** {@code file:line:col}, as compilers and editors print it. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
