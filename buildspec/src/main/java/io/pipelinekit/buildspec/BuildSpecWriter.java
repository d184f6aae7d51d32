package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.BuildSpecDocument;
import io.pipelinekit.buildspec.internal.YamlEmitter;
import java.util.Objects;

/**
 * Writes a {@link BuildSpec} as {@code buildspec.yml} text.
 *
 * <p>The output is deterministic: keys in a fixed order (version, run-as, env, phases, reports,
 * artifacts, cache; inside each section the order of AWS's buildspec reference), two-space
 * indentation, never tabs, a trailing newline. Every string is written so that a YAML 1.1 loader
 * reads back exactly the model's string: text YAML would reinterpret ({@code yes}, {@code 0x1F},
 * {@code 1_000}, {@code 1e3}, {@code 2001-12-14}, {@code : }, {@code #}, leading indicators, ...)
 * is quoted, and control characters and line breaks are escaped in double quotes.
 */
public final class BuildSpecWriter {
  private BuildSpecWriter() {}

  /** The YAML text of the buildspec. */
  public static String write(BuildSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return YamlEmitter.emit(BuildSpecDocument.of(spec));
  }
}
