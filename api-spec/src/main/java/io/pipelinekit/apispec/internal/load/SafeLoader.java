package io.pipelinekit.apispec.internal.load;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads YAML or JSON documents safely: size checked on the file before reading, strict UTF-8,
 * nesting depth, string length and YAML alias limits, duplicate keys rejected, one document per
 * file, and every {@code $ref} checked (on the raw tree, before anything resolves it) by {@link
 * RefChecker}; every file a {@code $ref} names is opened through {@link RefFiles}. Nothing is ever
 * fetched from the network.
 */
public final class SafeLoader {
  private SafeLoader() {}

  /**
   * Reads {@code file} and checks its {@code $ref}s, and those of every file it references
   * (transitively, each read with the same limits). Throws {@link ApiSpecException} naming file,
   * line and column on the first problem (all unsafe references at once).
   */
  public static LoadedDocument load(Path file, LoadOptions options) {
    return load(file, options, parsed -> {});
  }

  /**
   * {@link #load(Path, LoadOptions)}, handing the tree to {@code parsed} as soon as it is read,
   * before its {@code $ref}s are checked: for work that can start on it meanwhile (on another
   * thread, reading only the tree) and is dropped when the check then fails.
   */
  public static LoadedDocument load(
      Path file, LoadOptions options, Consumer<LoadedDocument> parsed) {
    LoadedDocument document = parse(file, options);
    parsed.accept(document);
    RefChecker.check(document, options);
    return document;
  }

  /**
   * {@link #load(Path, LoadOptions)} of a document already in memory: {@code text} stands for the
   * UTF-8 content of {@code file}, which is not read. Everything else is as if it had been: the
   * same limits, tree and locations, messages naming {@code file}, and its relative {@code $ref}s
   * resolved in {@code file}'s folder.
   */
  public static LoadedDocument load(Path file, String text, LoadOptions options) {
    return load(file, text, options, parsed -> {});
  }

  /**
   * {@link #load(Path, String, LoadOptions)}, handing the tree to {@code parsed} as soon as read.
   */
  public static LoadedDocument load(
      Path file, String text, LoadOptions options, Consumer<LoadedDocument> parsed) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > options.maxBytes()) {
      throw tooLarge(file, bytes.length, options.maxBytes());
    }
    LoadedDocument document = parseText(file, Utf8Text.decode(file, bytes), bytes.length, options);
    parsed.accept(document);
    RefChecker.check(document, options);
    return document;
  }

  /** Reads one file into a tree with locations, without looking at its {@code $ref}s. */
  private static LoadedDocument parse(Path file, LoadOptions options) {
    byte[] bytes =
        options.isStreamed(file) ? streamed(file, options) : readBounded(file, options.maxBytes());
    String text = Utf8Text.decode(file, bytes);
    return parseText(file, text, bytes.length, options);
  }

  /**
   * {@link #parse} for a file a {@code $ref} reached ({@link RefFiles} checked its real path): a
   * symbolic link in its last step is not followed.
   */
  static LoadedDocument parseConfined(Path realFile, LoadOptions options) {
    byte[] bytes = readBounded(realFile, options.maxBytes(), LinkOption.NOFOLLOW_LINKS);
    String text = Utf8Text.decode(realFile, bytes);
    return parseText(realFile, text, bytes.length, options);
  }

  /**
   * Parses already decoded text (JSON when it starts with '{' or '[', else YAML; a large YAML text
   * on two threads, with the serial read's result: {@link ParallelYaml}).
   */
  public static LoadedDocument parseText(Path file, String text, long sizeBytes, LoadOptions o) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    boolean json = i < text.length() && (text.charAt(i) == '{' || text.charAt(i) == '[');
    return json
        ? JsonReader.read(file, text, sizeBytes, o)
        : ParallelYaml.read(file, text, sizeBytes, o);
  }

  private static byte[] readBounded(Path file, long maxBytes, LinkOption... links) {
    try {
      if (!Files.isRegularFile(file, links)) {
        if (Files.isDirectory(file, links)) {
          throw new ApiSpecException(file + ": is a folder, not a file; name an OpenAPI file");
        }
        throw notARegularFile(file);
      }
      long size = Files.size(file);
      if (size > maxBytes) {
        throw tooLarge(file, size, maxBytes);
      }
      OpenOption[] open = new OpenOption[links.length + 1];
      open[0] = StandardOpenOption.READ;
      System.arraycopy(links, 0, open, 1, links.length);
      try (InputStream in = Files.newInputStream(file, open)) {
        int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1);
        byte[] bytes = readNBytes(in, (int) Math.min(size, limit), limit);
        if (bytes.length > maxBytes) {
          throw tooLarge(file, bytes.length, maxBytes);
        }
        return bytes;
      }
    } catch (NoSuchFileException e) {
      throw new ApiSpecException(file + ": no such file; check the path", e);
    } catch (IOException e) {
      throw new ApiSpecException(file + ": cannot read the file: " + FileProblems.describe(e), e);
    }
  }

  /**
   * {@code in.readNBytes(limit)}, read straight into an array of the {@code expected} size (the
   * file's size a moment ago) first: {@code readNBytes} reads 8 KiB at a time into buffers it then
   * copies together (on a 4 MB file, 500 reads and allocations: ~20 ms on a cold JVM). A file that
   * shrank meanwhile gives what it holds; one that grew, the rest too, up to {@code limit}.
   */
  static byte[] readNBytes(InputStream in, int expected, int limit) throws IOException {
    byte[] bytes = new byte[expected];
    int n = 0;
    while (n < expected) {
      int read = in.read(bytes, n, expected - n);
      if (read < 0) {
        return Arrays.copyOf(bytes, n);
      }
      n += read;
    }
    if (expected >= limit) {
      return bytes;
    }
    byte[] rest = in.readNBytes(limit - expected);
    if (rest.length == 0) {
      return bytes;
    }
    byte[] all = Arrays.copyOf(bytes, expected + rest.length);
    System.arraycopy(rest, 0, all, expected, rest.length);
    return all;
  }

  /** The bytes the caller read from a stream for {@code name}, within the size limit. */
  private static byte[] streamed(Path name, LoadOptions options) {
    byte[] bytes = options.streamedInput(name).orElseThrow();
    if (bytes.length > options.maxBytes()) {
      throw LoadErrors.at(
          name,
          1,
          1,
          "the input is more than "
              + options.maxBytes()
              + " bytes, the limit; split it or raise the limit (--max-bytes)");
    }
    return bytes;
  }

  /** Missing, or a FIFO or device (never opened: it would block or never end). */
  private static ApiSpecException notARegularFile(Path file) {
    String why = FileProblems.notARegularFile(file).orElse("no such file");
    return new ApiSpecException(
        file + ": " + why + (why.equals("no such file") ? "; check the path" : ""));
  }

  private static ApiSpecException tooLarge(Path file, long size, long maxBytes) {
    return LoadErrors.at(
        file,
        1,
        1,
        "the file is "
            + size
            + " bytes, larger than the limit of "
            + maxBytes
            + " bytes; split it or raise the limit (--max-bytes)");
  }
}
