package io.pipelinekit.apispec.internal.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Writes an OpenAPI tree as YAML or JSON, deterministically: keys in tree order, block style, two
 * spaces, no line folding, {@code \n} line ends, a final newline. A string is quoted only when YAML
 * would read it back as something else ({@code '200'}, {@code 'true'}, {@code ''}); strings with
 * line breaks are literal blocks where YAML allows it. No anchors or aliases.
 */
public final class OpenApiWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenApiWriter() {}

  /** The tree as YAML text. */
  public static String yaml(JsonNode root) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    options.setWidth(Integer.MAX_VALUE);
    options.setAllowUnicode(true);
    options.setLineBreak(DumperOptions.LineBreak.UNIX);
    options.setExplicitStart(false);
    Yaml yaml = new Yaml(options);
    StringWriter out = new StringWriter();
    yaml.serialize(toNode(root), out);
    return out.toString();
  }

  /** The tree as JSON text, two-space indented, with a final newline. */
  public static String json(JsonNode root) {
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    try {
      return JSON.writer(printer).writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Node toNode(JsonNode node) {
    if (node.isObject()) {
      List<NodeTuple> tuples = new ArrayList<>(node.size());
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        tuples.add(new NodeTuple(string(field.getKey()), toNode(field.getValue())));
      }
      return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
    }
    if (node.isArray()) {
      List<Node> items = new ArrayList<>(node.size());
      for (JsonNode item : node) {
        items.add(toNode(item));
      }
      return new SequenceNode(
          Tag.SEQ,
          items,
          items.isEmpty() ? DumperOptions.FlowStyle.FLOW : DumperOptions.FlowStyle.BLOCK);
    }
    if (node.isTextual()) {
      return string(node.textValue());
    }
    if (node.isIntegralNumber()) {
      return scalar(Tag.INT, node.asText());
    }
    if (node.isNumber()) {
      return scalar(Tag.FLOAT, node.asText());
    }
    if (node.isBoolean()) {
      return scalar(Tag.BOOL, node.asText());
    }
    if (node.isNull() || node.isMissingNode()) {
      return scalar(Tag.NULL, "null");
    }
    return string(node.asText());
  }

  private static Node string(String value) {
    DumperOptions.ScalarStyle style;
    if (hasUnicodeLineBreak(value)) {
      // SnakeYAML writes NEL, LS and PS raw, and YAML readers then fold them: escape them.
      style = DumperOptions.ScalarStyle.DOUBLE_QUOTED;
    } else if (value.indexOf('\n') >= 0) {
      style = DumperOptions.ScalarStyle.LITERAL;
    } else {
      style = DumperOptions.ScalarStyle.PLAIN;
    }
    return new ScalarNode(Tag.STR, value, null, null, style);
  }

  private static boolean hasUnicodeLineBreak(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return true;
      }
    }
    return false;
  }

  private static Node scalar(Tag tag, String value) {
    return new ScalarNode(tag, value, null, null, DumperOptions.ScalarStyle.PLAIN);
  }
}
