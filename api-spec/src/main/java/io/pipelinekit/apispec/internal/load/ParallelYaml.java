package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads a large YAML document on two threads: the text is cut at up to {@link #PIECES} - 1 lines
 * where the structure guarantees an entry boundary, the pieces are read by {@link YamlReader} (the
 * calling thread and one more each take the next piece until none is left, so that neither waits
 * long for the other when the machine is busy) and their trees are joined in order. The result is
 * exactly the serial read's: the same tree (key order included), the same line and column for every
 * node, the same errors, because whenever anything could differ the whole text is read serially
 * instead, and the serial read reports whatever is wrong.
 *
 * <p>Where it cuts (nearest evenly spaced places): at a top-level key (a line starting at column 0
 * with a key), or, to balance the pieces when one top-level key holds most of the document ({@code
 * paths}), at an entry of a top-level key whose value is a block mapping indented by n spaces (a
 * line indented by exactly n that starts a key, not the mapping's first entry). A piece of such
 * entries runs at most to the mapping's end (the next column-0 content) and is read as a document
 * of its own (YAML accepts an indented block mapping as a document); its members join that mapping,
 * which must be the last key of what comes before. Each piece's lines are counted from its first
 * line's number in the text, so that they are the serial read's; its columns are the same anyway
 * (each piece starts at a line start). No piece is copied out of the text (on a 4 MB text, copies
 * cost the JVM one more collection of the growing tree).
 *
 * <p>Why a cut line is an entry boundary when the pieces read without error: a line starting at
 * column c (0, or the mapping's n) with a key cannot continue a plain scalar (in block context its
 * continuation lines are indented more than the enclosing block collection) nor be the content of a
 * block scalar: that content is indented by at least n+1 where n is the indentation of the node the
 * scalar belongs to (YAML 1.2.2, 8.1.1.1 "Block Indentation Indicator" and rule [170]
 * c-l+literal(n) ::= "|" c-b-block-header(t) l-literal-content(n+m,t) with m &gt;= 1,
 * https://yaml.org/spec/1.2.2/#811-block-indentation-indicator; SnakeYAML's scanner likewise takes
 * a block scalar's lines only from column {@code indent + 1} on, at least column 1 -- {@code
 * minIndent} in {@code ScannerImpl.scanBlockScalar} -- which the tests check). What remains is a
 * quoted scalar or a flow collection still open at the cut: then the piece before the cut ends
 * inside it and fails to read, and the whole text is read serially.
 *
 * <p>Also read serially: text below {@link #MIN_CHARS}; a directive ({@code %}), a document marker
 * ({@code ---} other than as the first line, {@code ...}), a line break other than LF or CRLF, a
 * first line that is not a key at column 0; any piece that fails to read or whose root is not a
 * mapping starting where it should; any anchor, alias or merge key ({@code <<}) in any piece (their
 * effects and limits span the whole text); a key in a later piece that an earlier one already holds
 * (the serial read names both lines); more nodes in all than the limit. Tags need no check of their
 * own: without a {@code %TAG} directive only the standard handles ({@code !}, {@code !!}) exist,
 * and any other handle is an error in the piece that holds it. The nesting limit holds because the
 * mapping's entries are read with a limit one lower (they are one level deeper in the document);
 * string and number length limits concern one scalar each.
 */
final class ParallelYaml {
  /**
   * Texts shorter than this (in chars) are read serially. Measured on a cold JVM as the launcher
   * runs it (C1, 2 cores): the two threads together spend more CPU than one (both run SnakeYAML
   * uncompiled at first; the cut, the join and the line-break check cost about 50 ms on a 4 MB
   * text), so the gain is at most half the serial read, and only with the second core idle (the
   * swagger-parser warm-up and the JIT compiler want it too). twilio_messaging_v1.yaml (400 KB):
   * serial read about 230 ms of CPU, two threads 150 + 150 ms and 40 ms more in all, a gain of
   * under 0.1 s at best and a loss under load; Stripe (4 MB): about 570 ms, two threads about 420
   * ms each. From 1 MiB on, the gain outweighs the extra CPU.
   */
  static final int MIN_CHARS = 1 << 20;

  /** One piece of the text (chars [from, to), its first line 0-based), and what was seen in it. */
  static final class Piece {
    final int from;
    final int to;
    final int firstLine;
    boolean unjoinable;
    long nodes;

    Piece(int from, int to, int firstLine) {
      this.from = from;
      this.to = to;
      this.firstLine = firstLine;
    }
  }

  private record Read(LoadedDocument doc, Piece piece) {
    JsonNode root() {
      return doc.root();
    }

    LocationIndex index() {
      return (LocationIndex) doc.locations();
    }
  }

  /** How many pieces a text is cut into, at most: both threads take the next one when done. */
  static final int PIECES = 8;

  /**
   * A top-level key whose value is a block mapping indented by {@code indent}: its line, its first
   * entry's line (0-based), and where its lines end (the next content at column 0, char and line).
   */
  record Section(int keyLine, int firstLine, int indent, int end, int endLine) {}

  /** Chars [from, to) of the text, from line {@code line}; entries of {@code section}, or null. */
  record Span(int from, int to, int line, Section section) {}

  /** Where the text is cut: its pieces in order, and the line of its first key (0-based). */
  record Plan(List<Span> spans, int firstKeyLine) {}

  private ParallelYaml() {}

  /** Reads {@code text} as {@link YamlReader#read} does, on two threads when it is large. */
  static LoadedDocument read(Path file, String text, long sizeBytes, LoadOptions options) {
    return read(file, text, sizeBytes, options, MIN_CHARS);
  }

  /** {@link #read(Path, String, long, LoadOptions)} with another threshold (tests). */
  static LoadedDocument read(
      Path file, String text, long sizeBytes, LoadOptions options, int minChars) {
    if (text.length() >= minChars) {
      LoadedDocument joined = parallel(file, text, sizeBytes, options);
      if (joined != null) {
        return joined;
      }
    }
    return YamlReader.read(file, text, sizeBytes, options);
  }

  /** The parallel read's result, or null when the text must be read serially. */
  static LoadedDocument parallel(Path file, String text, long sizeBytes, LoadOptions options) {
    Plan plan = plan(text);
    if (plan == null || options.maxDepth() < 2) {
      return null;
    }
    List<Span> spans = plan.spans();
    Read[] reads = new Read[spans.size()];
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    LoadOptions deeper = options.toBuilder().maxDepth(options.maxDepth() - 1).build();
    Runnable work =
        () -> {
          for (int i; !failed.get() && (i = next.getAndIncrement()) < reads.length; ) {
            Span span = spans.get(i);
            reads[i] =
                piece(file, text, span, sizeBytes, span.section() == null ? options : deeper);
            if (reads[i] == null) {
              failed.set(true);
            }
          }
        };
    FutureTask<Void> helper =
        new FutureTask<>(
            () -> {
              if (!onlyLfOrCrLf(text)) {
                failed.set(true);
              }
              work.run();
              return null;
            });
    Thread thread = new Thread(helper, "pipelinekit-yaml-reader");
    thread.setDaemon(true);
    thread.start();
    work.run();
    try {
      helper.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      return null;
    }
    return failed.get() ? null : join(file, sizeBytes, options, plan, reads);
  }

  /**
   * Reads one span of the text as a document whose first line is the span's; null when it cannot be
   * joined (its error, if any, is the serial read's to report).
   */
  private static Read piece(
      Path file, String text, Span span, long sizeBytes, LoadOptions options) {
    Piece seen = new Piece(span.from(), span.to(), span.line());
    try {
      LoadedDocument doc = YamlReader.read(file, text, sizeBytes, options, seen);
      return seen.unjoinable || !doc.root().isObject() ? null : new Read(doc, seen);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static LoadedDocument join(
      Path file, long sizeBytes, LoadOptions options, Plan plan, Read[] reads) {
    if (!(reads[0].root() instanceof ObjectNode root)) {
      return null;
    }
    LocationIndex index = reads[0].index();
    if (index.rootPosition() != LocationIndex.pack(plan.firstKeyLine() + 1, 1)) {
      return null;
    }
    long nodes = reads[0].piece().nodes;
    IdentityHashMap<JsonNode, LocationIndex.Positions> children = index.children();
    LocationIndex.Positions rootPositions = children.get(root);
    Section section = null;
    ObjectNode target = null;
    LocationIndex.Positions targetPositions = null;
    for (int i = 1; i < reads.length; i++) {
      Span span = plan.spans().get(i);
      Read read = reads[i];
      Section in = span.section();
      int column = in == null ? 1 : in.indent() + 1;
      if (read.index().rootPosition() != LocationIndex.pack(span.line() + 1, column)) {
        return null; // the piece's mapping does not start at its first line
      }
      if (in == null) {
        if (!append(root, rootPositions, read, children)) {
          return null;
        }
      } else {
        if (in != section) {
          // the root's last key must be the section's (column 1 of its line), its value the block
          // mapping whose first entry is on the next content line, at the section's indentation
          if (root.size() == 0
              || rootPositions.packed[root.size() - 1] != LocationIndex.pack(in.keyLine() + 1, 1)
              || !(last(root) instanceof ObjectNode mapping)
              || mapping.size() == 0
              || children.get(mapping).packed[0]
                  != LocationIndex.pack(in.firstLine() + 1, in.indent() + 1)) {
            return null;
          }
          section = in;
          target = mapping;
          targetPositions = children.get(mapping);
        }
        if (!append(target, targetPositions, read, children)) {
          return null;
        }
      }
      nodes += read.piece().nodes - 1;
    }
    if (nodes > options.maxNodes()) {
      return null;
    }
    return new LoadedDocument(
        file, root, new LocationIndex(root, index.rootPosition(), children), sizeBytes);
  }

  /**
   * Appends the members of {@code piece}'s root to {@code target} (and their positions), and the
   * piece's positions to {@code children}; false when a key is already there.
   */
  private static boolean append(
      ObjectNode target,
      LocationIndex.Positions targetPositions,
      Read piece,
      IdentityHashMap<JsonNode, LocationIndex.Positions> children) {
    ObjectNode source = (ObjectNode) piece.root();
    for (Iterator<String> names = source.fieldNames(); names.hasNext(); ) {
      if (target.has(names.next())) {
        return false;
      }
    }
    IdentityHashMap<JsonNode, LocationIndex.Positions> sourceChildren = piece.index().children();
    LocationIndex.Positions sourcePositions = sourceChildren.remove(source);
    int i = 0;
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      target.set(e.getKey(), e.getValue());
      targetPositions.add(sourcePositions.packed[i++]);
    }
    children.putAll(sourceChildren);
    return true;
  }

  private static JsonNode last(ObjectNode object) {
    JsonNode last = null;
    for (JsonNode value : object) {
      last = value;
    }
    return last;
  }

  /**
   * Where to cut {@code text}: at the lines nearest {@link #PIECES} - 1 evenly spaced places, or
   * null when it must be read serially. One pass over the lines; a section is the lines after a
   * top-level key with nothing after its ':', up to the next line with content at column 0.
   */
  static Plan plan(String text) {
    int length = text.length();
    double step = length / (double) PIECES;
    // per place k (1 .. PIECES - 1): the best line so far, and the section it is an entry of
    int[] best = new int[PIECES];
    int[] bestLine = new int[PIECES];
    long[] bestDistance = new long[PIECES];
    Section[] bestSection = new Section[PIECES];
    java.util.Arrays.fill(best, -1);
    java.util.Arrays.fill(bestDistance, Long.MAX_VALUE);
    int[] sectionBest = new int[PIECES];
    int[] sectionBestLine = new int[PIECES];
    long[] sectionBestDistance = new long[PIECES];
    boolean sectionHasBest = false;
    int firstKeyLine = -1;
    boolean marker = false;
    // the open section: its key's line, first entry's line and indentation (0: none yet)
    int sectionKeyLine = -1;
    int sectionFirstLine = -1;
    int sectionIndent = 0;
    boolean sectionUsable = false;
    int i = length > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
    int line = 0;
    for (; ; line++) {
      int start = i;
      int end = start >= length ? length : text.indexOf('\n', start);
      end = end < 0 ? length : end;
      i = end + 1;
      if (start < length && sectionIndent > 0 && start < end && text.charAt(start) == ' ') {
        // inside a section whose indentation n is known: at most n + 1 chars tell the line's kind
        int n = start + sectionIndent;
        int k = start + 1;
        while (k < n && k < end && text.charAt(k) == ' ') {
          k++;
        }
        char c = k < end ? text.charAt(k) : '\n';
        if (c == '\n' || c == '#' || c == ' ' && k == n || c == '\r' && k + 1 == end) {
          continue; // empty, a comment, or more indented than the section's entries
        }
        if (k < n || c == '\t') {
          sectionUsable = false; // less indented than its entries: not one mapping level
        } else if (sectionUsable && keyStart(c)) {
          int place = (int) Math.round(start / step);
          long distance = Math.abs(start - Math.round(place * step));
          if (place > 0
              && place < PIECES
              && distance < sectionBestDistance[place]
              && keyLine(text, k, end)) {
            sectionBest[place] = start;
            sectionBestLine[place] = line;
            sectionBestDistance[place] = distance;
            sectionHasBest = true;
          }
        }
        continue;
      }
      int j = start;
      while (j < end && text.charAt(j) == ' ') {
        j++;
      }
      boolean atEnd = start >= length;
      if (!atEnd
          && (j == end || text.charAt(j) == '#' || (text.charAt(j) == '\r' && j + 1 == end))) {
        continue; // empty, or a comment
      }
      char c = atEnd ? '\n' : text.charAt(j);
      int indent = j - start;
      if (!atEnd && indent > 0) {
        if (firstKeyLine < 0) {
          return null; // the document does not start with a key at column 0
        }
        if (sectionKeyLine >= 0 && sectionIndent == 0) {
          // the section's first entry (later lines take the way above)
          sectionIndent = indent;
          sectionFirstLine = line;
          sectionUsable = keyStart(c);
        }
        continue;
      }
      // content at column 0 (or the text's end): it ends the open section
      if (sectionKeyLine >= 0
          && sectionUsable
          && sectionHasBest
          && (atEnd || keyStart(c) && keyLine(text, j, end))) {
        Section section = null;
        for (int place = 1; place < PIECES; place++) {
          if (sectionBestDistance[place] < bestDistance[place]) {
            if (section == null) {
              section = new Section(sectionKeyLine, sectionFirstLine, sectionIndent, start, line);
            }
            best[place] = sectionBest[place];
            bestLine[place] = sectionBestLine[place];
            bestDistance[place] = sectionBestDistance[place];
            bestSection[place] = section;
          }
        }
      }
      sectionKeyLine = -1;
      sectionIndent = 0;
      if (sectionHasBest) {
        java.util.Arrays.fill(sectionBestDistance, Long.MAX_VALUE);
        sectionHasBest = false;
      }
      if (atEnd) {
        break;
      }
      if (c == '%' || text.startsWith("...", j)) {
        return null; // a directive, or the end of a document
      }
      if (text.startsWith("---", j)) {
        if (firstKeyLine < 0 && !marker && text.substring(j + 3, end).isBlank()) {
          marker = true; // the document's start, before its first key
          continue;
        }
        return null;
      }
      if (!keyStart(c) || !keyLine(text, j, end)) {
        if (firstKeyLine < 0) {
          return null;
        }
        continue; // a compact list's entry, or anything else: stays inside a piece
      }
      if (firstKeyLine < 0) {
        firstKeyLine = line;
      } else {
        int place = (int) Math.round(start / step);
        long distance = Math.abs(start - Math.round(place * step));
        if (place > 0 && place < PIECES && distance < bestDistance[place]) {
          best[place] = start;
          bestLine[place] = line;
          bestDistance[place] = distance;
          bestSection[place] = null;
        }
      }
      if (emptyValue(text, j, end)) {
        sectionKeyLine = line;
        java.util.Arrays.fill(sectionBestDistance, Long.MAX_VALUE);
      }
    }
    if (firstKeyLine < 0) {
      return null;
    }
    // the spans: from each cut to the next; a section's entries end where the section does
    List<Span> spans = new ArrayList<>();
    int from = 0;
    int fromLine = 0;
    Section in = null;
    for (int place = 1; place < PIECES; place++) {
      if (best[place] <= from) {
        continue;
      }
      if (in != null && in != bestSection[place]) {
        spans.add(new Span(from, in.end(), fromLine, in));
        from = in.end();
        fromLine = in.endLine();
        in = null;
      }
      if (best[place] > from) {
        spans.add(new Span(from, best[place], fromLine, in));
      }
      from = best[place];
      fromLine = bestLine[place];
      in = bestSection[place];
    }
    if (spans.isEmpty()) {
      return null;
    }
    if (in != null && in.end() < length) {
      spans.add(new Span(from, in.end(), fromLine, in));
      from = in.end();
      fromLine = in.endLine();
      in = null;
    }
    spans.add(new Span(from, length, fromLine, in));
    return new Plan(List.copyOf(spans), firstKeyLine);
  }

  /**
   * Whether SnakeYAML counts lines as {@link #cut} does: LF and CRLF only (not CR, NEL, LS, PS).
   * Checked on the second thread, while the first piece is read.
   */
  static boolean onlyLfOrCrLf(String text) {
    if (text.indexOf('\u0085') >= 0 || text.indexOf('\u2028') >= 0 || text.indexOf('\u2029') >= 0) {
      return false;
    }
    for (int r = text.indexOf('\r'); r >= 0; r = text.indexOf('\r', r + 1)) {
      if (r + 1 >= text.length() || text.charAt(r + 1) != '\n') {
        return false;
      }
    }
    return true;
  }

  /** A character a key may start with (plain or quoted); not an indicator. */
  private static boolean keyStart(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '_'
        || c == '/'
        || c == '"'
        || c == '\'';
  }

  /** text[from, end) has a ':' followed by a space or the line's end before any '#'. */
  private static boolean keyLine(String text, int from, int end) {
    for (int k = from; k < end; k++) {
      char c = text.charAt(k);
      if (c == '#') {
        return false;
      }
      if (c == ':' && (k + 1 == end || text.charAt(k + 1) == ' ' || text.charAt(k + 1) == '\r')) {
        return true;
      }
    }
    return false;
  }

  /** The key line text[from, end) has nothing after its first ': ' but spaces or a comment. */
  private static boolean emptyValue(String text, int from, int end) {
    int k = from;
    while (k < end
        && !(text.charAt(k) == ':'
            && (k + 1 == end || text.charAt(k + 1) == ' ' || text.charAt(k + 1) == '\r'))) {
      k++;
    }
    for (k++; k < end; k++) {
      char c = text.charAt(k);
      if (c == '#') {
        return true;
      }
      if (c != ' ' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
