package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Reads a large YAML document on two threads: the text is cut at one line where the structure
 * guarantees an entry boundary, the pieces are read by {@link YamlReader} (the calling thread reads
 * the first, one more thread the rest) and their trees are joined. The result is exactly the serial
 * read's: the same tree (key order included), the same line and column for every node, the same
 * errors, because whenever anything could differ the whole text is read serially instead, and the
 * serial read reports whatever is wrong.
 *
 * <p>Where it cuts: at a top-level key (a line starting at column 0 with a key), or, to balance the
 * pieces when one top-level key holds most of the document ({@code paths}), at an entry of a
 * top-level key whose value is a block mapping indented by n spaces (a line indented by exactly n
 * that starts a key, not the mapping's first entry). The second case gives up to three pieces: the
 * text before the cut (a document whose last top-level key is that mapping), that mapping's entries
 * from the cut to the next column-0 line (read as a document of its own: YAML accepts an indented
 * block mapping as a document), and the top-level keys after it. Each later piece's lines are
 * counted from its first line's number in the text, so that they are the serial read's; its columns
 * are the same anyway (each piece starts at a line start). No piece is copied out of the text (on a
 * 4 MB text, copies cost the JVM one more collection of the growing tree).
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

  /** Where the text is cut; offsets are char indexes, lines 0-based line indexes. */
  record Cut(
      int at,
      int atLine,
      int sectionEnd,
      int sectionEndLine,
      int firstKeyLine,
      int sectionKeyLine,
      int sectionFirstLine,
      int sectionIndent) {
    boolean secondLevel() {
      return sectionIndent > 0;
    }
  }

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
    Cut cut = cut(text);
    if (cut == null || (cut.secondLevel() && options.maxDepth() < 2)) {
      return null;
    }
    int restStart = cut.secondLevel() ? cut.sectionEnd : cut.at;
    int restLine = cut.secondLevel() ? cut.sectionEndLine : cut.atLine;
    FutureTask<Read[]> later =
        new FutureTask<>(
            () -> {
              if (!onlyLfOrCrLf(text)) {
                return null;
              }
              Read entries = null;
              if (cut.secondLevel()) {
                LoadOptions deeper = options.toBuilder().maxDepth(options.maxDepth() - 1).build();
                entries = piece(file, text, cut.at, cut.sectionEnd, cut.atLine, sizeBytes, deeper);
                if (entries == null) {
                  return null;
                }
              }
              Read rest = null;
              if (restStart < text.length()) {
                rest = piece(file, text, restStart, text.length(), restLine, sizeBytes, options);
                if (rest == null) {
                  return null;
                }
              }
              return new Read[] {entries, rest};
            });
    Thread thread = new Thread(later, "pipelinekit-yaml-reader");
    thread.setDaemon(true);
    thread.start();
    Read first = piece(file, text, 0, cut.at, 0, sizeBytes, options);
    Read[] others;
    try {
      others = later.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      return null;
    }
    if (first == null || others == null) {
      return null;
    }
    return join(file, sizeBytes, options, cut, first, others[0], others[1]);
  }

  /**
   * Reads text[from, to) as a document whose first line is {@code line} (0-based); null when it
   * cannot be joined (its error, if any, is the serial read's to report).
   */
  private static Read piece(
      Path file, String text, int from, int to, int line, long sizeBytes, LoadOptions options) {
    Piece seen = new Piece(from, to, line);
    try {
      LoadedDocument doc = YamlReader.read(file, text, sizeBytes, options, seen);
      return seen.unjoinable || !doc.root().isObject() ? null : new Read(doc, seen);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static LoadedDocument join(
      Path file,
      long sizeBytes,
      LoadOptions options,
      Cut cut,
      Read first,
      Read entries,
      Read rest) {
    ObjectNode root = (ObjectNode) first.root();
    LocationIndex index = first.index();
    if (index.rootPosition() != LocationIndex.pack(cut.firstKeyLine + 1, 1)) {
      return null;
    }
    long nodes = first.piece().nodes;
    IdentityHashMap<JsonNode, LocationIndex.Positions> children = index.children();
    if (entries != null) {
      // the first piece's last key must be the mapping's (column 1 of its line), its value the
      // block mapping whose first entry is on the next content line, at the mapping's indentation
      if (root.size() == 0) {
        return null;
      }
      LocationIndex.Positions rootPositions = children.get(root);
      if (rootPositions.packed[root.size() - 1] != LocationIndex.pack(cut.sectionKeyLine + 1, 1)) {
        return null;
      }
      JsonNode mapping = last(root);
      if (!(mapping instanceof ObjectNode target) || target.size() == 0) {
        return null;
      }
      LocationIndex.Positions targetPositions = children.get(target);
      if (targetPositions.packed[0]
              != LocationIndex.pack(cut.sectionFirstLine + 1, cut.sectionIndent + 1)
          || entries.index().rootPosition()
              != LocationIndex.pack(cut.atLine + 1, cut.sectionIndent + 1)) {
        return null;
      }
      if (!append(target, targetPositions, entries, children)) {
        return null;
      }
      nodes += entries.piece().nodes - 1;
    }
    if (rest != null) {
      int restLine = entries != null ? cut.sectionEndLine : cut.atLine;
      if (rest.index().rootPosition() != LocationIndex.pack(restLine + 1, 1)
          || !append(root, children.get(root), rest, children)) {
        return null;
      }
      nodes += rest.piece().nodes - 1;
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
   * The best place to cut {@code text} (nearest its middle), or null when it must be read serially.
   * One pass over the lines; a section is the lines after a top-level key with nothing after its
   * ':', up to the next line with content at column 0.
   */
  static Cut cut(String text) {
    int length = text.length();
    int target = length / 2;
    int best = -1;
    int bestLine = -1;
    int bestDistance = Integer.MAX_VALUE;
    Cut bestCut = null;
    int firstKeyLine = -1;
    boolean marker = false;
    // the open section: its key's line, first entry's line and indentation (0: none yet)
    int sectionKeyLine = -1;
    int sectionFirstLine = -1;
    int sectionIndent = 0;
    boolean sectionUsable = false;
    int sectionBest = -1;
    int sectionBestLine = -1;
    int sectionBestDistance = Integer.MAX_VALUE;
    int i = length > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
    int line = 0;
    for (; i < length; line++) {
      int start = i;
      int end = text.indexOf('\n', i);
      end = end < 0 ? length : end;
      i = end + 1;
      if (sectionIndent > 0 && start < end && text.charAt(start) == ' ') {
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
          int distance = Math.abs(start - target);
          if (distance < sectionBestDistance && keyLine(text, k, end)) {
            sectionBest = start;
            sectionBestLine = line;
            sectionBestDistance = distance;
          }
        }
        continue;
      }
      int j = start;
      while (j < end && text.charAt(j) == ' ') {
        j++;
      }
      if (j == end || text.charAt(j) == '#' || (text.charAt(j) == '\r' && j + 1 == end)) {
        continue; // empty, or a comment
      }
      char c = text.charAt(j);
      int indent = j - start;
      if (indent > 0) {
        if (firstKeyLine < 0) {
          return null; // the document does not start with a key at column 0
        }
        if (sectionKeyLine < 0) {
          continue;
        }
        // the section's first entry (later lines take the way above)
        sectionIndent = indent;
        sectionFirstLine = line;
        sectionUsable = keyStart(c);
        continue;
      }
      // content at column 0: it ends the open section
      if (sectionKeyLine >= 0 && sectionUsable && sectionBest >= 0) {
        if (keyStart(c) && keyLine(text, j, end) && sectionBestDistance < bestDistance) {
          bestDistance = sectionBestDistance;
          bestCut =
              new Cut(
                  sectionBest,
                  sectionBestLine,
                  start,
                  line,
                  firstKeyLine,
                  sectionKeyLine,
                  sectionFirstLine,
                  sectionIndent);
          best = -1;
        }
      }
      sectionKeyLine = -1;
      sectionIndent = 0;
      sectionBest = -1;
      sectionBestDistance = Integer.MAX_VALUE;
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
        int distance = Math.abs(start - target);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = start;
          bestLine = line;
          bestCut = null;
        }
      }
      if (emptyValue(text, j, end)) {
        sectionKeyLine = line;
      }
    }
    if (sectionKeyLine >= 0 && sectionUsable && sectionBest >= 0) {
      if (sectionBestDistance < bestDistance) {
        return new Cut(
            sectionBest,
            sectionBestLine,
            length,
            line,
            firstKeyLine,
            sectionKeyLine,
            sectionFirstLine,
            sectionIndent);
      }
    }
    if (bestCut != null) {
      return bestCut;
    }
    return best < 0 ? null : new Cut(best, bestLine, -1, -1, firstKeyLine, -1, -1, 0);
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
