package io.pipelinekit.core.internal;

import java.util.Locale;

/**
 * JSON string literals, for the small deterministic JSON writers that do without Jackson (so that
 * {@code pipeline build} starts fast): quote, backslash and control characters escaped, U+2028 and
 * U+2029 too (JavaScript reads them as line ends).
 */
public final class JsonText {
  private JsonText() {}

  /** The JSON string literal of {@code value}, quotes included. */
  public static String string(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    append(out, value);
    return out.toString();
  }

  /** Appends the JSON string literal of {@code value}, quotes included. */
  public static void append(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
