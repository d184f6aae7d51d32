package io.pipelinekit.buildspec.internal;

import io.pipelinekit.core.internal.YamlText;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses how to write a string scalar so that a YAML 1.1 loader (SnakeYAML, Jackson) reads back
 * exactly that string: plain when nothing could be reinterpreted, single-quoted when only the plain
 * style is unsafe, double-quoted with escapes when the text holds characters that YAML does not
 * allow raw or would fold (control characters, line breaks, tabs, BOM).
 */
public final class YamlScalars {
  /**
   * Anything that could read as a YAML 1.1 int, float, sexagesimal or timestamp. YAML 1.1 floats
   * allow '_' between digits, also right after the point: {@code ._2} reads as 0.2.
   */
  private static final Pattern NUMBER_LIKE =
      Pattern.compile("^[-+]?(\\.?[0-9]|\\._).*", Pattern.DOTALL);

  private static final Pattern INF_NAN = Pattern.compile("^[-+]?\\.(inf|nan)$");

  /** Characters that may not start a plain scalar (YAML indicators and the backquote). */
  private static final String LEADING_INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private YamlScalars() {}

  /** The scalar as it must appear in a block context. */
  public static String quote(String value) {
    if (needsDoubleQuotes(value)) {
      return doubleQuoted(value);
    }
    if (isPlainSafe(value)) {
      return value;
    }
    return "'" + value.replace("'", "''") + "'";
  }

  /** True when the text can be written without quotes and still reads back as this string. */
  static boolean isPlainSafe(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') {
      return false;
    }
    if (LEADING_INDICATORS.indexOf(s.charAt(0)) >= 0) {
      return false;
    }
    if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) {
      return false;
    }
    if (s.startsWith("...") || s.startsWith("---")) {
      return false;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (YamlText.isReservedWord(s)) {
      return false;
    }
    return !NUMBER_LIKE.matcher(s).matches() && !INF_NAN.matcher(lower).matches();
  }

  /** True when some code point cannot appear raw inside a single-quoted one-line scalar. */
  static boolean needsDoubleQuotes(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!YamlText.isRawSafe(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  static String doubleQuoted(String s) {
    return YamlText.doubleQuoted(s);
  }
}
