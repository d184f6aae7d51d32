package io.pipelinekit.aws;

import java.util.List;

/**
 * {@code apply} could not bring AWS in line with the definition: a resource the pipeline refers to
 * is missing or does not match, or AWS rejected a call. The message lists every problem found, what
 * was already changed, and what to do.
 */
public class ApplyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ApplyException(String message) {
    super(message);
    this.problems = List.of();
  }

  /** {@code message}, and each problem found on its own (for {@code --format json}). */
  public ApplyException(String message, List<String> problems) {
    super(message);
    this.problems = List.copyOf(problems);
  }

  public ApplyException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of();
  }

  /** Each problem the checks found before anything was written; empty for a failed call. */
  public List<String> problems() {
    return problems;
  }
}
