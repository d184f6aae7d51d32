package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * swagger-parser's OpenAPI 3 deserializer, run for its messages only ({@link
 * SwaggerValidation#deserialize}): an object's {@code x-} extensions are handed on as the tree's
 * own nodes instead of being converted, each, into Java maps and lists by swagger-core's Jackson
 * mapper ({@code Json.mapper().convertValue}: ~25 ms of CPU on Stripe's document, and the mapper's
 * set-up, ~90 ms on a cold JVM, which an OpenAPI 3.0 validation then never needs). Every caller in
 * swagger-parser 2.1 only asks the map's size and stores it in the model, which no check reads
 * back, so the messages are the same; the keys, their order, and the lookup of an {@code
 * extensions} member when there are none directly (including its failure when that member is no
 * object) are swagger-parser's.
 */
final class MessagesDeserializer extends OpenAPIDeserializer {
  @Override
  public Map<String, Object> getExtensions(ObjectNode node) {
    Map<String, Object> extensions = direct(node);
    if (extensions.isEmpty()) {
      // swagger-parser's tryUnwrapLookupExtensions
      extensions = new LinkedHashMap<>();
      JsonNode lookup = node.get("extensions");
      if (lookup != null) {
        extensions.putAll(direct((ObjectNode) lookup));
      }
    }
    return extensions;
  }

  /** swagger-parser's tryDirectExtensions, less the conversion of each value. */
  private Map<String, Object> direct(ObjectNode node) {
    Map<String, Object> extensions = new LinkedHashMap<>();
    for (String key : getKeys(node)) {
      if (key.startsWith("x-")) {
        extensions.put(key, node.get(key));
      }
    }
    return extensions;
  }
}
