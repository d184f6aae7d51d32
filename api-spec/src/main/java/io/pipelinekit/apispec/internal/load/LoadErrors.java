package io.pipelinekit.apispec.internal.load;

import io.pipelinekit.apispec.ApiSpecException;
import java.nio.file.Path;

/** Builds the loader's error messages: {@code file:line:col: what is wrong; what to do}. */
final class LoadErrors {
  private LoadErrors() {}

  static ApiSpecException at(Path file, int line, int column, String problem) {
    return new ApiSpecException(file + ":" + line + ":" + column + ": " + problem);
  }

  static ApiSpecException at(Path file, int line, int column, String problem, Throwable cause) {
    return new ApiSpecException(file + ":" + line + ":" + column + ": " + problem, cause);
  }
}
