package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.lint.BuildSpecRule;
import io.pipelinekit.buildspec.internal.lint.LintRun;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.core.internal.LineStartKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Lints hand-written CodeBuild buildspec files for the mistakes CodeBuild reports only at build
 * time (or never): unquoted commands YAML turns into maps, {@code aws ecr get-login}, {@code
 * runtime-versions: docker}, unguarded post_build deploys, {@code :latest} pushes, plaintext
 * secrets, reserved variable names, unknown keys, and more. Each rule has an id and a page under
 * {@code docs/rules/}.
 *
 * <p>Loading is bounded: the size is checked on the bytes before parsing, YAML aliases and nesting
 * depth are limited, duplicate keys are findings. Problems with the content are findings (rule
 * {@code buildspec-yaml} for a YAML syntax error, an empty file, a second document); input that
 * cannot be read as a buildspec at all (over a limit, not UTF-8 text, unreadable) throws {@link
 * BuildSpecException}.
 */
public final class BuildSpecLinter {
  /** Default largest file read, in bytes. */
  public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

  private static final Pattern JSON_VERSION = Pattern.compile("\"version\"\\s*:");
  private static final Pattern JSON_SECTION = Pattern.compile("\"(phases|artifacts|env)\"\\s*:");

  private BuildSpecLinter() {}

  /**
   * True when the content looks like a buildspec: a top-level {@code version} key plus a top-level
   * {@code phases}, {@code artifacts} or {@code env} key. Does not parse; cheap on large input.
   */
  public static boolean looksLikeBuildSpec(String content) {
    if (content == null) {
      return false;
    }
    int limit = Math.min(content.length(), 256 * 1024);
    // after a UTF-8 byte-order mark, as Windows editors write it
    int from = limit > 0 && content.charAt(0) == '\uFEFF' ? 1 : 0;
    int first = from;
    while (first < limit && Character.isWhitespace(content.charAt(first))) {
      first++;
    }
    if (first < limit && content.charAt(first) == '{') {
      String head = content.substring(from, limit);
      return JSON_VERSION.matcher(head).find() && JSON_SECTION.matcher(head).find();
    }
    // (?m)^['"]?version['"]?[ \t]*: and (?m)^['"]?(phases|artifacts|env)['"]?[ \t]*:, without
    // the regexes (~10 ms each over 256 KiB on a cold JVM)
    return LineStartKey.find(content, from, limit, "version", false)
        && (LineStartKey.find(content, from, limit, "phases", false)
            || LineStartKey.find(content, from, limit, "artifacts", false)
            || LineStartKey.find(content, from, limit, "env", false));
  }

  /** The rules (id, severity, summary; the page {@code docs/rules/<id>.md} has details). */
  public static RuleSet ruleSet() {
    return BuildSpecRule.SET;
  }

  /**
   * Lints a buildspec file; findings are sorted by line and column.
   *
   * @throws BuildSpecException when the file cannot be read as a buildspec at all: missing, a
   *     folder, a FIFO or device, an I/O error, over the size limit, not UTF-8 (UTF-16, a malformed
   *     byte), a character YAML does not allow, or over the alias or nesting limit. The message
   *     starts with the file (and {@code :line:column} where there is a place).
   */
  public static List<Finding> lint(Path file) {
    return lint(file, DEFAULT_MAX_BYTES);
  }

  /** As {@link #lint(Path)}, with a different size limit. */
  public static List<Finding> lint(Path file, int maxBytes) {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    return lint(readBounded(file, name, maxBytes), name, maxBytes);
  }

  /**
   * Lints buildspec bytes already read (standard input, a pipe), as {@link #lint(Path, int)} lints
   * a file's: strict UTF-8, the size limit, findings located in {@code fileName}.
   *
   * @throws BuildSpecException as {@link #lint(Path)}
   */
  public static List<Finding> lint(byte[] bytes, String fileName, int maxBytes) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(fileName, "fileName");
    String name = fileName;
    if (bytes.length > maxBytes) {
      throw tooLarge(name, bytes.length, maxBytes);
    }
    Optional<String> wide = FileProblems.unsupportedEncoding(bytes);
    if (wide.isPresent()) {
      throw new BuildSpecException(name + ":1:1: " + wide.get());
    }
    int start = hasUtf8Bom(bytes) ? 3 : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
      throw invalidUtf8(name, bytes, start, in.position());
    }
    out.flip();
    return lint(out.toString(), name, maxBytes);
  }

  /** The file's bytes, at most {@code maxBytes + 1} read: a FIFO or device is never opened. */
  private static byte[] readBounded(Path file, String name, int maxBytes) {
    Optional<String> notAFile = FileProblems.notARegularFile(file);
    if (notAFile.isPresent()) {
      throw new BuildSpecException(name + ": " + notAFile.get());
    }
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        throw tooLarge(name, size, maxBytes);
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
      }
      if (bytes.length > maxBytes) {
        throw tooLarge(name, bytes.length, maxBytes);
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new BuildSpecException(name + ": no such file", e);
    } catch (IOException e) {
      throw new BuildSpecException(name + ": cannot read: " + FileProblems.describe(e), e);
    }
  }

  private static boolean hasUtf8Bom(byte[] bytes) {
    return bytes.length >= 3
        && (bytes[0] & 0xFF) == 0xEF
        && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF;
  }

  /** Lints buildspec text; {@code fileName} is the file findings are located in. */
  public static List<Finding> lint(String content, String fileName) {
    return lint(content, fileName, DEFAULT_MAX_BYTES);
  }

  /**
   * As {@link #lint(String, String)}, with a different size limit.
   *
   * @throws BuildSpecException when the text is over the size limit, holds a character YAML does
   *     not allow, or is over the alias or nesting limit (as {@link #lint(Path)})
   */
  public static List<Finding> lint(String content, String fileName, int maxBytes) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    long size = (long) content.length() * 3 > maxBytes ? utf8Length(content) : content.length();
    if (size > maxBytes) {
      throw tooLarge(fileName, size, maxBytes);
    }
    try {
      return new LintRun(Path.of(fileName), content, maxBytes).run();
    } catch (LintRun.Unreadable e) {
      throw new BuildSpecException(
          fileName + ":" + e.line() + ":" + e.column() + ": " + e.getMessage(), e);
    }
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static BuildSpecException tooLarge(String name, long size, int maxBytes) {
    return new BuildSpecException(
        name
            + ":1:1: the file is "
            + size
            + " bytes, over the limit of "
            + maxBytes
            + " bytes for a buildspec; it was not parsed (raise the limit with --max-bytes)");
  }

  private static BuildSpecException invalidUtf8(String name, byte[] bytes, int start, int offset) {
    int line = 1;
    int lineStart = start;
    for (int i = start; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    int column = before.codePointCount(0, before.length()) + 1;
    return new BuildSpecException(
        String.format(
            "%s:%d:%d: invalid UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8",
            name, line, column, bytes[Math.min(offset, bytes.length - 1)] & 0xFF, offset));
  }
}
