package io.pipelinekit.core;

import java.util.Locale;

/**
 * A 1-based line and column in a text, as editors count them (a column is a Unicode character, a
 * line ends at {@code \n}), and words for a character a reader would not see.
 */
public record TextPosition(int line, int column) {

  /** The position of the character at {@code codePointIndex} (counted in code points) in text. */
  public static TextPosition ofCodePoint(CharSequence text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int seen = 0;
    for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += Character.isHighSurrogate(c) && i + 1 < text.length() ? 2 : 1;
    }
    return new TextPosition(line, column);
  }

  /**
   * A character in words: {@code a NUL character (U+0000)}, {@code the control character U+001B},
   * {@code the character U+FFFE}.
   */
  public static String describe(int codePoint) {
    String hex = String.format(Locale.ROOT, "U+%04X", codePoint);
    if (codePoint == 0) {
      return "a NUL character (" + hex + ")";
    }
    if (Character.isISOControl(codePoint)) {
      return "the control character " + hex;
    }
    return "the character " + hex;
  }
}
