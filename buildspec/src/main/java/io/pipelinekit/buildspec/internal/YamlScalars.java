package io.pipelinekit.buildspec.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Chooses how to write a string scalar so that a YAML 1.1 loader (SnakeYAML, Jackson) reads back
 * exactly that string: plain when nothing could be reinterpreted, single-quoted when only the plain
 * style is unsafe, double-quoted with escapes when the text holds characters that YAML does not
 * allow raw or would fold (control characters, line breaks, tabs, BOM).
 */
public final class YamlScalars {
  /** Words YAML 1.1 resolves to booleans or null, compared case-insensitively. */
  private static final Set<String> RESERVED_WORDS =
      Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "<<", "=");

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
    if (RESERVED_WORDS.contains(lower)) {
      return false;
    }
    return !NUMBER_LIKE.matcher(s).matches() && !INF_NAN.matcher(lower).matches();
  }

  /** True when some code point cannot appear raw inside a single-quoted one-line scalar. */
  static boolean needsDoubleQuotes(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isRawSafe(cp)) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  /**
   * A printable YAML character that is not a line break (LF, CR, NEL, LS, PS), not a tab and not a
   * byte-order mark.
   */
  private static boolean isRawSafe(int cp) {
    if (cp >= 0x20 && cp <= 0x7E) {
      return true;
    }
    if (cp >= 0xA0 && cp <= 0xD7FF) {
      return cp != 0x2028 && cp != 0x2029;
    }
    if (cp >= 0xE000 && cp <= 0xFFFD) {
      return cp != 0xFEFF;
    }
    return cp >= 0x10000 && cp <= 0x10FFFF;
  }

  static String doubleQuoted(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '\\' -> out.append("\\\\");
        case '"' -> out.append("\\\"");
        case 0 -> out.append("\\0");
        case 0x07 -> out.append("\\a");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case 0x0B -> out.append("\\v");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        case 0x1B -> out.append("\\e");
        default -> {
          if (isRawSafe(cp)) {
            out.appendCodePoint(cp);
          } else if (cp <= 0xFF) {
            out.append(String.format(Locale.ROOT, "\\x%02X", cp));
          } else if (cp <= 0xFFFF) {
            out.append(String.format(Locale.ROOT, "\\u%04X", cp));
          } else {
            out.append(String.format(Locale.ROOT, "\\U%08X", cp));
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
