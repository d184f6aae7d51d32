package io.pipelinekit.cli;

import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A parameters file: one {@code NAME=VALUE} per line, {@code #} comments and blank lines ignored,
 * spaces around the name and the value removed, no quoting, escapes or continuation lines. UTF-8, a
 * regular file of at most {@link #MAX_BYTES}. Every problem names the file and line.
 */
record ParametersFile(String shownName, Map<String, String> values, Map<String, Integer> lines) {
  /** The largest parameters file read: far more than any definition's parameters. */
  static final int MAX_BYTES = 1024 * 1024;

  /** The parameter given on {@code name}'s line, as {@code FILE:LINE}. */
  String where(String name) {
    return shownName + ":" + lines.get(name);
  }

  /** Reads {@code file}; {@code shownName} is how messages name it. */
  static ParametersFile read(Path file, String shownName) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw CliException.invalidInput(
          shownName + ": no such file; --parameters takes a file of NAME=VALUE lines");
    } catch (IOException e) {
      throw CliException.invalidInput(shownName + ": " + FileProblems.describe(e));
    }
    if (!attributes.isRegularFile()) {
      throw CliException.invalidInput(
          shownName
              + ": not a regular file ("
              + (attributes.isDirectory() ? "a folder" : "a FIFO, device or socket")
              + "); a parameters file holds NAME=VALUE lines");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw CliException.invalidInput(shownName + ": " + FileProblems.describe(e));
    }
    if (bytes.length > MAX_BYTES) {
      throw CliException.invalidInput(
          shownName
              + ": larger than "
              + MAX_BYTES / 1024
              + " KiB; a parameters file holds NAME=VALUE lines");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw CliException.invalidInput(shownName + ": not UTF-8 text; save it as UTF-8");
    }
    return parse(text, shownName);
  }

  static ParametersFile parse(String text, String shownName) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    Map<String, String> values = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    String[] all = text.split("\n", -1);
    for (int i = 0; i < all.length; i++) {
      int number = i + 1;
      String line = all[i].endsWith("\r") ? all[i].substring(0, all[i].length() - 1) : all[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String at = shownName + ":" + number + ": ";
      int eq = trimmed.indexOf('=');
      if (eq < 0) {
        throw CliException.invalidInput(
            at
                + "'"
                + shorten(trimmed)
                + "' is not NAME=VALUE; write one parameter per line as NAME=VALUE (# starts a"
                + " comment)");
      }
      String name = trimmed.substring(0, eq).strip();
      String value = trimmed.substring(eq + 1).strip();
      if (name.isEmpty()) {
        throw CliException.invalidInput(at + "no parameter name before '='; write NAME=VALUE");
      }
      if (name.chars().anyMatch(Character::isWhitespace)) {
        throw CliException.invalidInput(
            at + "parameter name '" + shorten(name) + "' holds a space; write NAME=VALUE");
      }
      for (int c = 0; c < line.length(); c++) {
        if (Character.isISOControl(line.charAt(c)) && line.charAt(c) != '\t') {
          throw CliException.invalidInput(
              at
                  + String.format(Locale.ROOT, "a control character (U+%04X)", (int) line.charAt(c))
                  + " at column "
                  + (c + 1)
                  + "; remove it");
        }
      }
      if (value.indexOf('\t') >= 0) {
        throw CliException.invalidInput(at + "the value of '" + name + "' holds a tab; remove it");
      }
      Integer earlier = lines.get(name);
      if (earlier != null) {
        throw CliException.invalidInput(
            at + "parameter '" + name + "' is already set on line " + earlier + "; keep one");
      }
      values.put(name, value);
      lines.put(name, number);
    }
    return new ParametersFile(
        shownName, Collections.unmodifiableMap(values), Collections.unmodifiableMap(lines));
  }

  private static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "…" : text;
  }
}
