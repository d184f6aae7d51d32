package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.lint.BuildSpecRule;
import io.pipelinekit.buildspec.internal.lint.LintRun;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Location;
import io.pipelinekit.core.RuleSet;
import java.io.IOException;
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
 * {@code buildspec-yaml} for YAML that cannot be read); only I/O errors throw.
 */
public final class BuildSpecLinter {
  /** Default largest file read, in bytes. */
  public static final int DEFAULT_MAX_BYTES = 1024 * 1024;

  private static final Pattern YAML_VERSION = Pattern.compile("(?m)^['\"]?version['\"]?[ \t]*:");
  private static final Pattern YAML_SECTION =
      Pattern.compile("(?m)^['\"]?(phases|artifacts|env)['\"]?[ \t]*:");
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
    String head = content.length() > 256 * 1024 ? content.substring(0, 256 * 1024) : content;
    if (head.stripLeading().startsWith("{")) {
      return JSON_VERSION.matcher(head).find() && JSON_SECTION.matcher(head).find();
    }
    return YAML_VERSION.matcher(head).find() && YAML_SECTION.matcher(head).find();
  }

  /** The rules (id, severity, summary; the page {@code docs/rules/<id>.md} has details). */
  public static RuleSet ruleSet() {
    return BuildSpecRule.SET;
  }

  /**
   * Lints a buildspec file; findings are sorted by line and column.
   *
   * @throws BuildSpecException when the file cannot be read (missing, a directory, I/O error)
   */
  public static List<Finding> lint(Path file) {
    return lint(file, DEFAULT_MAX_BYTES);
  }

  /** As {@link #lint(Path)}, with a different size limit. */
  public static List<Finding> lint(Path file, int maxBytes) {
    Objects.requireNonNull(file, "file");
    String name = file.toString();
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        return List.of(tooLarge(file, size, maxBytes));
      }
      if (Files.isDirectory(file)) {
        throw new BuildSpecException(name + ": is a directory, not a buildspec file");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BuildSpecException(name + ": file not found", e);
    } catch (IOException e) {
      throw new BuildSpecException(name + ": cannot read: " + e.getMessage(), e);
    }
    if (bytes.length > maxBytes) {
      return List.of(tooLarge(file, bytes.length, maxBytes));
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
      return List.of(invalidUtf8(file, bytes, in.position()));
    }
    out.flip();
    return lint(file, out.toString(), maxBytes);
  }

  /** Lints buildspec text; {@code fileName} is the file findings are located in. */
  public static List<Finding> lint(String content, String fileName) {
    return lint(content, fileName, DEFAULT_MAX_BYTES);
  }

  /** As {@link #lint(String, String)}, with a different size limit. */
  public static List<Finding> lint(String content, String fileName, int maxBytes) {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(fileName, "fileName");
    return lint(Path.of(fileName), content, maxBytes);
  }

  private static List<Finding> lint(Path file, String content, int maxBytes) {
    long size = (long) content.length() * 3 > maxBytes ? utf8Length(content) : content.length();
    if (size > maxBytes) {
      return List.of(tooLarge(file, size, maxBytes));
    }
    return new LintRun(file, content, maxBytes).run();
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static Finding tooLarge(Path file, long size, int maxBytes) {
    return new Finding(
        BuildSpecRule.YAML.id(),
        BuildSpecRule.YAML.severity(),
        Location.inFile(file, 1, 1, ""),
        "the file is "
            + size
            + " bytes, over the limit of "
            + maxBytes
            + " bytes for a buildspec; it was not parsed");
  }

  private static Finding invalidUtf8(Path file, byte[] bytes, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    String before = new String(bytes, lineStart, offset - lineStart, StandardCharsets.UTF_8);
    int column = before.codePointCount(0, before.length()) + 1;
    return new Finding(
        BuildSpecRule.YAML.id(),
        BuildSpecRule.YAML.severity(),
        Location.inFile(file, line, column, ""),
        String.format(
            "invalid UTF-8 (byte 0x%02X at offset %d); save the file as UTF-8",
            bytes[Math.min(offset, bytes.length - 1)] & 0xFF, offset));
  }
}
