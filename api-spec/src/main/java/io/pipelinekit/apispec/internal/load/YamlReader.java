package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import io.pipelinekit.core.TextPosition;
import io.pipelinekit.core.internal.BoundedYaml;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads one YAML document into a Jackson tree from SnakeYAML's event stream (no SnakeYAML object
 * construction, no recursion). Keys are kept as the text written ({@code 200:} is "200"); plain
 * values are typed by the YAML 1.2 core schema; aliases are expanded within the limits; merge keys
 * ({@code <<}) are applied; a second document is an error.
 */
final class YamlReader {
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");
  private static final Pattern OCT = Pattern.compile("0o[0-7]+");
  private static final Pattern FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern INF = Pattern.compile("[-+]?\\.(inf|Inf|INF)");
  private static final Pattern NAN = Pattern.compile("\\.(nan|NaN|NAN)");

  private record Anchored(JsonNode node, long nodes) {}

  private YamlReader() {}

  static LoadedDocument read(Path file, String text, long sizeBytes, LoadOptions options) {
    return read(file, text, sizeBytes, options, null);
  }

  /**
   * {@link #read(Path, String, long, LoadOptions)}, or, when {@code piece} is not null, of the
   * piece of {@code text} it names, telling it what {@link ParallelYaml} needs to know to join this
   * tree with others: whether any anchor, alias or merge key occurred, and how many nodes the tree
   * holds.
   */
  static LoadedDocument read(
      Path file, String text, long sizeBytes, LoadOptions options, ParallelYaml.Piece piece) {
    // size and alias limits are checked here (on bytes, and on the nodes aliases add), with
    // messages of our own; SnakeYAML enforces the depth
    LoaderOptions loaderOptions =
        BoundedYaml.options(Integer.MAX_VALUE, options.maxDepth() + 1, Integer.MAX_VALUE, false);
    // a piece: text[from, to) as a document of its own, lines counted as in the whole text (its
    // errors are never shown: ParallelYaml then reads the whole text serially)
    Parser parser =
        piece == null
            ? BoundedYaml.parser(text, loaderOptions)
            : BoundedYaml.parser(text, piece.from, piece.to, piece.firstLine, loaderOptions);
    TreeBuilder tree = new TreeBuilder(file, options);
    Map<String, Anchored> anchors = new HashMap<>();
    int documents = 0;
    int aliases = 0;
    long aliasNodes = 0;
    try {
      while (true) {
        Event event = parser.getEvent();
        Mark mark = event.getStartMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        int column = mark == null ? 0 : mark.getColumn() + 1;
        switch (event.getEventId()) {
          case StreamStart, DocumentEnd, Comment -> {}
          case StreamEnd -> {
            if (!tree.hasRoot()) {
              throw LoadErrors.at(file, 1, 1, "the file holds no YAML document; it is empty");
            }
            if (piece != null) {
              piece.nodes = tree.nodeCount();
            }
            return tree.finish(sizeBytes);
          }
          case DocumentStart -> {
            documents++;
            if (documents > 1) {
              throw LoadErrors.at(
                  file,
                  line,
                  column,
                  "a second YAML document starts here; an OpenAPI file holds exactly one document:"
                      + " remove the '---' and what follows, or split it into its own file");
            }
          }
          case MappingStart, SequenceStart -> {
            if (tree.expectingKey()) {
              throw LoadErrors.at(
                  file,
                  line,
                  column,
                  "a mapping or list used as a key; OpenAPI keys are strings: quote the key");
            }
            CollectionStartEvent start = (CollectionStartEvent) event;
            if (piece != null && start.getAnchor() != null) {
              piece.unjoinable = true;
            }
            tree.startContainer(
                event.getEventId() == Event.ID.MappingStart, start.getAnchor(), line, column);
          }
          case MappingEnd, SequenceEnd -> {
            TreeBuilder.Closed closed = tree.endContainer();
            if (closed.anchor() != null) {
              anchors.put(closed.anchor(), new Anchored(closed.node(), closed.nodes()));
            }
          }
          case Scalar -> {
            ScalarEvent scalar = (ScalarEvent) event;
            if (tree.expectingKey()) {
              boolean merge =
                  "<<".equals(scalar.getValue())
                      && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
              if (piece != null && (merge || scalar.getAnchor() != null)) {
                piece.unjoinable = true;
              }
              tree.key(scalar.getValue(), line, column, merge);
            } else {
              JsonNode node = scalarNode(scalar, tree, line, column);
              tree.value(node, line, column, 1);
              if (scalar.getAnchor() != null) {
                if (piece != null) {
                  piece.unjoinable = true;
                }
                anchors.put(scalar.getAnchor(), new Anchored(node, 1));
              }
            }
          }
          case Alias -> {
            String name = ((AliasEvent) event).getAnchor();
            if (piece != null) {
              piece.unjoinable = true;
            }
            Anchored anchored = anchors.get(name);
            if (anchored == null) {
              throw LoadErrors.at(
                  file,
                  line,
                  column,
                  "alias *"
                      + name
                      + " names no anchor defined before it (or its own enclosing node); define"
                      + " &"
                      + name
                      + " first");
            }
            if (++aliases > options.maxAliases()) {
              throw LoadErrors.at(
                  file,
                  line,
                  column,
                  "more than "
                      + options.maxAliases()
                      + " YAML aliases; expand them in the file or raise the limit"
                      + " (--max-aliases)");
            }
            aliasNodes += anchored.nodes();
            if (aliasNodes > options.maxAliasNodes()) {
              throw LoadErrors.at(
                  file,
                  line,
                  column,
                  "YAML aliases expand to more than "
                      + options.maxAliasNodes()
                      + " nodes (alias *"
                      + name
                      + " alone copies "
                      + anchored.nodes()
                      + "); this looks like an alias bomb: expand them in the file or raise the"
                      + " limit (--max-alias-nodes)");
            }
            if (tree.expectingKey()) {
              throw LoadErrors.at(
                  file, line, column, "an alias used as a key; write the key as a plain string");
            }
            tree.value(anchored.node().deepCopy(), line, column, anchored.nodes());
          }
          default -> throw new IllegalStateException("unexpected YAML event " + event);
        }
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = m == null ? 0 : m.getLine() + 1;
      int column = m == null ? 0 : m.getColumn() + 1;
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      if (m != null && m.getIndex() < text.length() && text.charAt(m.getIndex()) == '\t') {
        int lineStart = text.lastIndexOf('\n', m.getIndex() - 1) + 1;
        boolean indentation = text.substring(lineStart, m.getIndex()).isBlank();
        problem =
            indentation
                ? "a tab character in the indentation; YAML indents with spaces only"
                : "a tab character where a space is needed (after ':' or '-'); use a space";
      }
      throw LoadErrors.at(file, line, column, "invalid YAML: " + problem.strip(), e);
    } catch (ReaderException e) {
      // A character YAML does not allow (NUL, other control characters): where it is.
      TextPosition at = TextPosition.ofCodePoint(text, e.getPosition());
      throw LoadErrors.at(
          file,
          at.line(),
          at.column(),
          "invalid YAML: "
              + TextPosition.describe(e.getCodePoint())
              + " is not allowed in YAML; is this a text file?",
          e);
    } catch (YAMLException e) {
      throw LoadErrors.at(file, 1, 1, "invalid YAML: " + e.getMessage(), e);
    }
  }

  private static JsonNode scalarNode(ScalarEvent scalar, TreeBuilder tree, int line, int column) {
    String value = scalar.getValue();
    String tag = scalar.getTag();
    if (tag != null && !"!".equals(tag)) {
      return switch (tag) {
        case "tag:yaml.org,2002:str" -> TreeBuilder.NODES.textNode(value);
        case "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null" ->
            plain(value, tree, line, column);
        default -> TreeBuilder.NODES.textNode(value);
      };
    }
    if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
      return TreeBuilder.NODES.textNode(value);
    }
    return plain(value, tree, line, column);
  }

  /**
   * Types a plain scalar as the YAML 1.2 core schema does. A number's digits are counted against
   * the limit before any value is computed from them ({@code BigInteger} parsing is quadratic).
   */
  private static JsonNode plain(String v, TreeBuilder tree, int line, int column) {
    switch (v) {
      case "", "~", "null", "Null", "NULL" -> {
        return TreeBuilder.NODES.nullNode();
      }
      case "true", "True", "TRUE" -> {
        return TreeBuilder.NODES.booleanNode(true);
      }
      case "false", "False", "FALSE" -> {
        return TreeBuilder.NODES.booleanNode(false);
      }
      default -> {}
    }
    char c = v.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.') {
      return TreeBuilder.NODES.textNode(v);
    }
    if (INT.matcher(v).matches()) {
      tree.checkNumberLength(v.length() - (c == '-' || c == '+' ? 1 : 0), line, column);
      if (v.length() < 19) {
        long l = Long.parseLong(v);
        return l == (int) l
            ? TreeBuilder.NODES.numberNode((int) l)
            : TreeBuilder.NODES.numberNode(l);
      }
      return TreeBuilder.NODES.numberNode(new BigInteger(v));
    }
    if (HEX.matcher(v).matches()) {
      tree.checkNumberLength(v.length() - 2, line, column);
      return TreeBuilder.NODES.numberNode(new BigInteger(v.substring(2), 16));
    }
    if (OCT.matcher(v).matches()) {
      tree.checkNumberLength(v.length() - 2, line, column);
      return TreeBuilder.NODES.numberNode(new BigInteger(v.substring(2), 8));
    }
    if (FLOAT.matcher(v).matches()) {
      tree.checkNumberLength(TreeBuilder.decimalDigits(v), line, column);
      JsonNode number = decimal(v, Double.parseDouble(v));
      if (number == null) {
        throw new YAMLException(outOfRange(v));
      }
      return number;
    }
    if (INF.matcher(v).matches()) {
      return TreeBuilder.NODES.numberNode(
          v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
    }
    if (NAN.matcher(v).matches()) {
      return TreeBuilder.NODES.numberNode(Double.NaN);
    }
    return TreeBuilder.NODES.textNode(v);
  }

  /**
   * A decimal number: a double, unless the literal is beyond a double's range ({@code 1e99999}),
   * which stays exact (as a {@code BigDecimal}) so that it is written back as the number it is, not
   * as infinity; null when even that cannot hold it (an exponent beyond 2^31). The JSON reader does
   * the same.
   */
  static JsonNode decimal(String literal, double value) {
    if (Double.isFinite(value)) {
      return TreeBuilder.NODES.numberNode(value);
    }
    try {
      return TreeBuilder.NODES.numberNode(new BigDecimal(literal));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static String outOfRange(String literal) {
    return "the number "
        + (literal.length() > 40 ? literal.substring(0, 40) + "..." : literal)
        + " is out of range (its exponent is too large); write a smaller number";
  }
}
