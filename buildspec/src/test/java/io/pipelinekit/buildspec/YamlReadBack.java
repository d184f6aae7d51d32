package io.pipelinekit.buildspec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads YAML back the two ways users' tools do: SnakeYAML's safe loader and Jackson. */
final class YamlReadBack {
  private static final YAMLMapper JACKSON = new YAMLMapper();

  private YamlReadBack() {}

  /** SnakeYAML (YAML 1.1) safe loader. */
  @SuppressWarnings("unchecked")
  static Map<Object, Object> snake(String yaml) {
    return (Map<Object, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  /** Jackson's YAML mapper, as a tree. */
  static JsonNode jackson(String yaml) {
    try {
      return JACKSON.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Follows a path of mapping keys in a SnakeYAML result. */
  @SuppressWarnings("unchecked")
  static Object at(Map<Object, Object> root, String... keys) {
    Object node = root;
    for (String key : keys) {
      node = ((Map<Object, Object>) node).get(key);
    }
    return node;
  }

  /** The strings of a Jackson array; fails if an element is not a string. */
  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array) {
      if (!item.isTextual()) {
        throw new AssertionError("not a string: " + item + " (" + item.getNodeType() + ")");
      }
      out.add(item.textValue());
    }
    return out;
  }

  /** The string entries of a Jackson object, in order; fails if a value is not a string. */
  static Map<String, String> stringMap(JsonNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new AssertionError("not a string: " + e.getValue() + " at key " + e.getKey());
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }
}
