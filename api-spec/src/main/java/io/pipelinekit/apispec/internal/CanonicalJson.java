package io.pipelinekit.apispec.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.core.Location;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The loaded tree written as compact JSON: object members in document order, strings as loaded (a
 * YAML {@code 200:} key is {@code "200"}, {@code on:} is {@code "on"}), numbers as the loader typed
 * them (YAML 1.2 core schema). What is sent is then exactly what was checked, whatever YAML dialect
 * the receiver would have read.
 */
public final class CanonicalJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          // NaN and infinities are refused below; never written as strings.
          .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
          .build();

  static {
    // The loader's own depth limit is the bound; Jackson's default writer limit must not cut in.
    MAPPER
        .getFactory()
        .setStreamWriteConstraints(
            StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build());
  }

  private CanonicalJson() {}

  /**
   * The document as JSON.
   *
   * @throws ApiSpecException naming the file, line and pointer of a number JSON cannot hold ({@code
   *     .inf}, {@code .nan})
   */
  public static String write(LoadedDocument doc) {
    requireFiniteNumbers(doc);
    try {
      return MAPPER.writeValueAsString(doc.root());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the loaded document as JSON", e);
    }
  }

  private record Item(JsonNode node, String pointer) {}

  private static void requireFiniteNumbers(LoadedDocument doc) {
    Deque<Item> todo = new ArrayDeque<>();
    todo.push(new Item(doc.root(), ""));
    while (!todo.isEmpty()) {
      Item item = todo.pop();
      JsonNode node = item.node();
      if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
        Location at = doc.locate(item.pointer());
        throw new ApiSpecException(
            at
                + " ("
                + (item.pointer().isEmpty() ? "/" : item.pointer())
                + "): "
                + node.doubleValue()
                + " is not a number JSON (and API Gateway) can hold; quote it if it is text,"
                + " or use a finite number");
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          todo.push(new Item(e.getValue(), item.pointer() + "/" + JsonPointers.escape(e.getKey())));
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          todo.push(new Item(node.get(i), item.pointer() + "/" + i));
        }
      }
    }
  }
}
