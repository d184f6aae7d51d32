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

  /** A number with more digits than {@code limit} (the YAML and the JSON reader alike). */
  static ApiSpecException numberTooLong(Path file, int line, int column, int limit) {
    return at(file, line, column, numberTooLong(limit));
  }

  static String numberTooLong(int limit) {
    return "a number with more than "
        + limit
        + " digits (the limit for one number); quote it to keep it as text, or raise the limit"
        + " (--max-number-length)";
  }
}
