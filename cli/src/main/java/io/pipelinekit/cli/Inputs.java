package io.pipelinekit.cli;

import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Input files the shell way, for {@code lint}, {@code diff} and {@code merge}: {@code -} is
 * standard input (named {@code <stdin>} in messages), and a pipe or FIFO — {@code /dev/fd/63} from
 * {@code <(git show main:openapi.yaml)}, or one made by {@code mkfifo} — is read once as a stream
 * (named as given). Either is read up to the command's byte limit and one byte more, never further,
 * so the limit's message is the same as for a file. A regular file is left to the loaders, which
 * check its size before reading it; a device ({@code /dev/zero}) is still refused by them.
 *
 * <p>A document read this way has no folder: a {@code $ref} to a relative file in it is refused
 * (docs/commands.md, "Inputs").
 */
final class Inputs {
  /** What {@code -} is called in messages and reports. */
  static final Path STANDARD_INPUT = Path.of("<stdin>");

  private final InputStream stdin;
  private final long maxBytes;
  private final Map<Path, byte[]> streamed = new LinkedHashMap<>();

  /** Inputs of the command {@code spec}, read up to {@code maxBytes} (and one byte more). */
  Inputs(CommandSpec spec, long maxBytes) {
    Object root = spec.root().userObject();
    this.stdin = root instanceof PipelineCli cli ? cli.standardInput() : System.in;
    this.maxBytes = maxBytes;
  }

  /**
   * The path to hand the loaders for {@code given}: {@link #STANDARD_INPUT} for {@code -} and a
   * pipe's own path, both read now; any other path as it is.
   *
   * @throws CliException (exit 2) when standard input is named twice, or a stream cannot be read
   */
  Path resolve(Path given) {
    if (given.toString().equals("-")) {
      if (streamed.containsKey(STANDARD_INPUT)) {
        throw CliException.invalidInput(
            "'-' (standard input) is given twice; it can be read only once");
      }
      streamed.put(STANDARD_INPUT, read(STANDARD_INPUT, stdin));
      return STANDARD_INPUT;
    }
    if (FileProblems.isPipe(given) && !streamed.containsKey(given)) {
      try (InputStream in = Files.newInputStream(given)) {
        streamed.put(given, read(given, in));
      } catch (IOException e) {
        throw CliException.invalidInput(
            given + ": cannot read the pipe: " + FileProblems.describe(e));
      }
    }
    return given;
  }

  /** The bytes read for {@code path}, when it was standard input or a pipe. */
  Optional<byte[]> bytes(Path path) {
    return Optional.ofNullable(streamed.get(path));
  }

  /** {@code load} told the bytes of every stream read so far. */
  LoadOptions.Builder applyTo(LoadOptions.Builder load) {
    streamed.forEach(load::streamedInput);
    return load;
  }

  private byte[] read(Path name, InputStream in) {
    try {
      return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw CliException.invalidInput(name + ": cannot read: " + FileProblems.describe(e));
    }
  }
}
