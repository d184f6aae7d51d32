package io.pipelinekit.core.internal;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} for text already in memory, in linear time. SnakeYAML's own
 * reader reads 1 KiB at a time and copies its whole window (from the scanner's position to the end
 * of what it has read) on every read; the scanner looks ahead over a whole token before moving on,
 * so a token of n characters without a space costs n²/2048 copies (a 16 MiB number or string:
 * minutes). This one holds the text's code points once and looks ahead in O(1). Events, and the
 * index, line and column of every mark and error, are the same as with SnakeYAML's reader (a mark's
 * snippet may show more text: SnakeYAML's shows only what it had buffered); a non-printable
 * character is reported as SnakeYAML reports it, when the scanner comes near it.
 */
public final class TextStreamReader extends StreamReader {
  private static final String NAME = "'string'";
  private static final int CHECK_AHEAD = 1024;

  private final int[] data;
  private int checked;
  private int pointer;
  private int documentIndex;
  private int line;
  private int column;

  TextStreamReader(String text) {
    this(text, 0, text.length(), 0);
  }

  /**
   * A reader of {@code text[from, to)} (which starts at a line start) as if it were a text of its
   * own whose first line is line {@code firstLine} (0-based) of the marks: the lines of every mark
   * are {@code text}'s; indexes count from {@code from}.
   */
  TextStreamReader(String text, int from, int to, int firstLine) {
    super("");
    this.data = codePoints(text, from, to);
    this.line = firstLine;
  }

  /**
   * {@code text.codePoints().toArray()} of {@code text[from, to)}, without a stream (a cold JVM
   * interprets it slowly). A text without surrogates (the usual case) is copied a chunk at a time
   * and widened in a loop without calls: on a cold JVM (C1, as the launcher runs it) about 50 ms
   * instead of 90 ms for 4 million chars, with no copy of the whole text.
   */
  private static int[] codePoints(String text, int from, int to) {
    int[] points = new int[to - from];
    char[] chunk = new char[Math.min(to - from, 8192)];
    for (int at = from; at < to; at += chunk.length) {
      int n = Math.min(chunk.length, to - at);
      text.getChars(at, at + n, chunk, 0);
      int base = at - from;
      for (int k = 0; k < n; k++) {
        char c = chunk[k];
        if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
          return withSurrogates(text, from, to);
        }
        points[base + k] = c;
      }
    }
    return points;
  }

  private static int[] withSurrogates(String text, int from, int to) {
    int[] points = new int[to - from];
    int n = 0;
    for (int i = from; i < to; ) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        points[n++] = Character.toCodePoint(c, text.charAt(i + 1));
        i += 2;
      } else {
        points[n++] = c;
        i++;
      }
    }
    return n == points.length ? points : java.util.Arrays.copyOf(points, n);
  }

  /** True when there is a code point {@code offset} ahead; checks it is printable first. */
  private boolean has(int offset) {
    int at = pointer + offset;
    if (at >= checked && checked < data.length) {
      int end = Math.min(data.length, Math.max(at + 1, checked + CHECK_AHEAD));
      for (int i = checked; i < end; i++) {
        if (!isPrintable(data[i])) {
          throw new ReaderException(NAME, i, data[i], "special characters are not allowed");
        }
      }
      checked = end;
    }
    return at < data.length;
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, pointer, line, column, data, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int length) {
    for (int i = 0; i < length && has(0); i++) {
      int c = data[pointer++];
      documentIndex++;
      if (Constant.LINEBR.has(c) || c == '\r' && has(0) && data[pointer] != '\n') {
        line++;
        column = 0;
      } else if (c != '\uFEFF') {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return has(0) ? data[pointer] : 0;
  }

  @Override
  public int peek(int index) {
    return has(index) ? data[pointer + index] : 0;
  }

  @Override
  public String prefix(int length) {
    if (length == 0) {
      return "";
    }
    int count = has(length) ? length : Math.min(length, data.length - pointer);
    return new String(data, pointer, count);
  }

  @Override
  public String prefixForward(int length) {
    String prefix = prefix(length);
    pointer += length;
    documentIndex += length;
    column += length;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return pointer;
  }

  @Override
  public int getLine() {
    return line;
  }
}
