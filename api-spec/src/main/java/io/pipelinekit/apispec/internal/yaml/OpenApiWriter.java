package io.pipelinekit.apispec.internal.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.core.internal.YamlText;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes an OpenAPI tree as YAML or JSON, deterministically: keys in tree order, block style, two
 * spaces, sequences indented under their key, no line folding, {@code \n} line ends, a final
 * newline, no anchors or aliases.
 *
 * <p>A string is written plain only when every YAML reader (1.1 or 1.2) reads it back as that
 * string; otherwise single-quoted ({@code '200'}, {@code 'true'}, {@code 'a: b'}), or double-quoted
 * with escapes when it holds control characters or Unicode line breaks. Multi-line strings are
 * literal blocks ({@code |}, {@code |-}, {@code |+}) when that is exact.
 */
public final class OpenApiWriter {
  private static final int MAX_IMPLICIT_KEY = 1000;

  /** YAML 1.2 octal, which YAML 1.1's patterns below do not cover. */
  private static final Pattern OCTAL_12 = Pattern.compile("0o[0-7]+");

  private OpenApiWriter() {}

  /**
   * Only {@link #json} needs an ObjectMapper: created on first use, as its class initialisation
   * (date formats, locale data) is a good part of a short {@code pipeline build}, which writes
   * YAML.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** The tree as YAML text. */
  public static String yaml(JsonNode root) {
    StringBuilder out = new StringBuilder(1 << 16);
    if (root.isContainerNode() && !root.isEmpty()) {
      writeBlock(out, root, 0);
    } else {
      writeInline(out, root, 0);
      out.append('\n');
    }
    return out.toString();
  }

  /** The tree as JSON text, two-space indented, with a final newline. */
  public static String json(JsonNode root) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return Json.MAPPER.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A non-empty mapping or sequence, each entry on its own line at {@code indent}. */
  private static void writeBlock(StringBuilder out, JsonNode node, int indent) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      boolean first = true;
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!first) {
          pad(out, indent);
        }
        first = false;
        String key = field.getKey();
        if (key.length() > MAX_IMPLICIT_KEY) {
          // YAML allows at most 1024 characters in an implicit key: use '? key' then ': value'.
          out.append("? ");
          writeKey(out, key);
          out.append('\n');
          pad(out, indent);
        } else {
          writeKey(out, key);
        }
        out.append(':');
        writeValue(out, field.getValue(), indent);
      }
    } else {
      boolean first = true;
      for (JsonNode item : node) {
        if (!first) {
          pad(out, indent);
        }
        first = false;
        out.append('-');
        if (item.isObject() && !item.isEmpty()) {
          out.append(' ');
          writeBlock(out, item, indent + 2);
        } else {
          writeValue(out, item, indent);
        }
      }
    }
  }

  /** The value after {@code key:} or {@code -}: inline, or a nested block on the next lines. */
  private static void writeValue(StringBuilder out, JsonNode value, int indent) {
    if (value.isContainerNode() && !value.isEmpty()) {
      out.append('\n');
      pad(out, indent + 2);
      writeBlock(out, value, indent + 2);
    } else {
      out.append(' ');
      writeInline(out, value, indent + 2);
      out.append('\n');
    }
  }

  private static void pad(StringBuilder out, int indent) {
    for (int i = 0; i < indent; i++) {
      out.append(' ');
    }
  }

  /** A scalar or an empty container; {@code indent} is where a literal block's lines start. */
  private static void writeInline(StringBuilder out, JsonNode node, int indent) {
    if (node.isTextual()) {
      writeString(out, node.textValue(), indent);
    } else if (node.isObject()) {
      out.append("{}");
    } else if (node.isArray()) {
      out.append("[]");
    } else if (node.isNull() || node.isMissingNode()) {
      out.append("null");
    } else if (node.isBoolean()) {
      out.append(node.booleanValue());
    } else if (node.isDouble() || node.isFloat()) {
      double d = node.doubleValue();
      if (Double.isNaN(d)) {
        out.append(".nan");
      } else if (Double.isInfinite(d)) {
        out.append(d > 0 ? ".inf" : "-.inf");
      } else {
        out.append(node.asText());
      }
    } else if (node.isNumber()) {
      out.append(node.asText());
    } else {
      writeString(out, node.asText(), indent);
    }
  }

  private static void writeKey(StringBuilder out, String key) {
    if (isPlainSafe(key)) {
      out.append(key);
    } else if (isSingleQuoteSafe(key)) {
      singleQuoted(out, key);
    } else {
      doubleQuoted(out, key);
    }
  }

  private static void writeString(StringBuilder out, String value, int indent) {
    if (value.indexOf('\n') >= 0 && isLiteralSafe(value)) {
      literal(out, value, indent);
    } else if (isPlainSafe(value)) {
      out.append(value);
    } else if (isSingleQuoteSafe(value)) {
      singleQuoted(out, value);
    } else {
      doubleQuoted(out, value);
    }
  }

  // ---- style decisions

  /** Whether YAML reads the text back, unquoted, as this same string. */
  static boolean isPlainSafe(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    if ("-?:,[]{}#&*!|>'\"%@` \t".indexOf(first) >= 0) {
      return false;
    }
    char last = s.charAt(s.length() - 1);
    if (last == ' ' || last == '\t' || last == ':') {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || isSpecial(s, i)) {
        return false;
      }
      if (c == ':' && i + 1 < s.length() && (s.charAt(i + 1) == ' ' || s.charAt(i + 1) == '\t')) {
        return false;
      }
      if (c == '#' && (s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t')) {
        return false;
      }
    }
    if (YamlText.isReservedWord(s)) {
      return false;
    }
    return !looksLikeNumber(s);
  }

  /** Numbers, infinities, NaN, sexagesimals and timestamps, as YAML 1.1 and 1.2 resolve them. */
  private static boolean looksLikeNumber(String s) {
    char c = s.charAt(0);
    if (!(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') {
      return false;
    }
    return Resolver.INT.matcher(s).matches()
        || Resolver.FLOAT.matcher(s).matches()
        || Resolver.TIMESTAMP.matcher(s).matches()
        || OCTAL_12.matcher(s).matches();
  }

  /**
   * DEL, C1 controls (NEL among them), BOM, non-characters, Unicode line breaks, lone surrogates.
   */
  private static boolean isSpecial(String s, int i) {
    char c = s.charAt(i);
    return c == 0x7f
        || (c >= 0x80 && c <= 0x9f)
        || c == '\u2028'
        || c == '\u2029'
        || c == '\ufeff'
        || c == '\ufffe'
        || c == '\uffff'
        || (Character.isSurrogate(c) && !validPair(s, i));
  }

  private static boolean isSingleQuoteSafe(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((c < 0x20 && c != '\t') || isSpecial(s, i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a literal block keeps the string exactly: printable text, no line that is only
   * whitespace, no leading space on the first non-empty line (the block's indentation is detected
   * from it, so it would need an indentation indicator), and something besides line breaks.
   */
  private static boolean isLiteralSafe(String s) {
    if (s.isBlank()) {
      return false;
    }
    int firstContent = 0;
    while (s.charAt(firstContent) == '\n') {
      firstContent++;
    }
    if (s.charAt(firstContent) == ' ' || s.charAt(firstContent) == '\t') {
      return false;
    }
    int lineStart = 0;
    boolean onlyWhitespace = true;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        if (onlyWhitespace && i > lineStart) {
          return false;
        }
        lineStart = i + 1;
        onlyWhitespace = true;
        continue;
      }
      if ((c < 0x20 && c != '\t') || isSpecial(s, i)) {
        return false;
      }
      if (c != ' ' && c != '\t') {
        onlyWhitespace = false;
      }
    }
    return !(onlyWhitespace && s.length() > lineStart);
  }

  // ---- writers

  private static void literal(StringBuilder out, String s, int indent) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '\n') {
      end--;
    }
    int trailing = s.length() - end;
    out.append(trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
    int lineStart = 0;
    for (int i = 0; i <= end; i++) {
      if (i == end || s.charAt(i) == '\n') {
        out.append('\n');
        if (i > lineStart) {
          pad(out, indent);
          out.append(s, lineStart, i);
        }
        lineStart = i + 1;
      }
    }
    for (int i = 1; i < trailing; i++) {
      out.append('\n');
    }
    // the caller ends the line; a kept (|+) block's trailing breaks are the empty lines above
  }

  private static void singleQuoted(StringBuilder out, String s) {
    out.append('\'');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\'') {
        out.append("''");
      } else {
        out.append(c);
      }
    }
    out.append('\'');
  }

  private static void doubleQuoted(StringBuilder out, String s) {
    out.append(YamlText.doubleQuoted(s));
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
