package io.pipelinekit.core.internal;

/**
 * Finds a key at the start of a line, as the content sniffers (is this OpenAPI? a buildspec?) look
 * for one, without a regular expression: on a cold JVM, {@code Matcher.find} over 64-256 KiB that
 * holds no match (Stripe's {@code openapi} key comes after 4 MB) costs ~10 ms a pattern, which
 * finding the word with {@code String.indexOf} and checking around each occurrence does not.
 *
 * <p>{@link #find} answers exactly as {@code Pattern.compile("(?m)^" + PREFIX + "[\"']?" + WORD +
 * "[\"']?" + SEP + "*:").matcher(text.substring(from, limit)).find()} (tests hold it to that),
 * where, {@code braced}, PREFIX is {@code (\s*\{\s*)?} and SEP is {@code \s}, else PREFIX is empty
 * and SEP is {@code [ \t]}. {@code ^} is the regular expression's multi-line line start: the
 * region's start, or after LF, CR (not between CR and LF), U+0085, U+2028 or U+2029, never at the
 * region's end; {@code \s} is {@code [ \t\n\x0B\f\r]}.
 */
public final class LineStartKey {
  private LineStartKey() {}

  /**
   * Whether {@code word} (no quote, colon or whitespace in it) stands as a key at a line start in
   * {@code text}'s chars [from, limit), as the class describes.
   */
  public static boolean find(String text, int from, int limit, String word, boolean braced) {
    int end = Math.min(limit, text.length());
    for (int k = text.indexOf(word, from);
        k >= 0 && k + word.length() < end;
        k = text.indexOf(word, k + 1)) {
      if (colonAfter(text, k + word.length(), end, braced)
          && (startsAt(text, k, from, end, braced)
              || k > from
                  && isQuote(text.charAt(k - 1))
                  && startsAt(text, k - 1, from, end, braced))) {
        return true;
      }
    }
    return false;
  }

  /** An optional quote, separators, then ':' from {@code i} on. */
  private static boolean colonAfter(String text, int i, int end, boolean braced) {
    if (i < end && isQuote(text.charAt(i))) {
      i++;
    }
    while (i < end && (braced ? isSpace(text.charAt(i)) : isBlank(text.charAt(i)))) {
      i++;
    }
    return i < end && text.charAt(i) == ':';
  }

  /** Whether the key starting at {@code s} follows a line start (or, braced, {@code \s*\{\s*}). */
  private static boolean startsAt(String text, int s, int from, int end, boolean braced) {
    if (lineStart(text, s, from, end)) {
      return true;
    }
    if (!braced) {
      return false;
    }
    int j = s;
    while (j > from && isSpace(text.charAt(j - 1))) {
      j--;
    }
    if (j == from || text.charAt(j - 1) != '{') {
      return false;
    }
    // a line start at the brace or anywhere in the whitespace right before it
    for (int p = j - 1; ; p--) {
      if (lineStart(text, p, from, end)) {
        return true;
      }
      if (p == from || !isSpace(text.charAt(p - 1))) {
        return false;
      }
    }
  }

  /** {@code ^} in multi-line mode at {@code i}, in the region [from, end). */
  private static boolean lineStart(String text, int i, int from, int end) {
    if (i >= end) {
      return false;
    }
    if (i == from) {
      return true;
    }
    char before = text.charAt(i - 1);
    if (before == '\r') {
      return text.charAt(i) != '\n';
    }
    return before == '\n' || before == '\u0085' || before == '\u2028' || before == '\u2029';
  }

  private static boolean isQuote(char c) {
    return c == '"' || c == '\'';
  }

  /** {@code \s}: space, tab, LF, vertical tab, form feed, CR. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
