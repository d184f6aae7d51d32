package io.pipelinekit.core.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The parts of the YAML scalar quoting policy both of our YAML writers (the buildspec writer, the
 * OpenAPI writer) share: which words a YAML 1.1 reader resolves to a boolean or null, which
 * characters may stand raw in a quoted one-line scalar, and the double-quoted style with escapes.
 */
public final class YamlText {
  /** Words YAML 1.1 resolves to booleans or null (or merge and value keys), in lower case. */
  private static final Set<String> RESERVED_WORDS =
      Set.of("y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "<<", "=");

  private YamlText() {}

  /** Whether a reader would take {@code s}, written plain, for a boolean, null or a key marker. */
  public static boolean isReservedWord(String s) {
    return RESERVED_WORDS.contains(s.toLowerCase(Locale.ROOT));
  }

  /**
   * A printable YAML character that is not a line break (LF, CR, NEL, LS, PS), not a tab and not a
   * byte-order mark: one that may stand raw inside a quoted one-line scalar.
   */
  public static boolean isRawSafe(int cp) {
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

  /**
   * {@code s} as a double-quoted scalar: every character that may not stand raw escaped (YAML 1.1
   * escapes, so SnakeYAML and Jackson read it back; a lone surrogate as {@code \\uXXXX}).
   */
  public static String doubleQuoted(String s) {
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
