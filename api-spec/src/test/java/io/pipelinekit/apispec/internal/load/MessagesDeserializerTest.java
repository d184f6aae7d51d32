package io.pipelinekit.apispec.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.LoadOptions;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.util.OpenAPIDeserializer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MessagesDeserializer} hands extensions on unconverted: the same keys in the same order,
 * the values swagger-parser's conversion would make from them, the same failure, and the same
 * messages for whole documents full of extensions.
 */
class MessagesDeserializerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"a\": 1}",
        "{\"x-a\": 1, \"b\": 2, \"x-c\": {\"d\": [1, 2.5, true, null, \"e\"]}, \"x-e\": null}",
        "{\"x-big\": 123456789012345678901234567890, \"x-\": \"\", \"X-up\": 1}",
        "{\"extensions\": {\"x-a\": 1, \"b\": 2, \"x-c\": [{}]}}",
        "{\"extensions\": {\"b\": 2}}",
        "{\"x-a\": 1, \"extensions\": {\"x-b\": 2}}",
        "{\"extensions\": \"text\"}",
        "{\"extensions\": [1]}",
        "{\"extensions\": null}",
      })
  void getExtensions_isSwaggerParsersLessTheConversion(String json) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(json);
    Throwable expectedFailure = catchThrowable(() -> new OpenAPIDeserializer().getExtensions(node));
    Throwable failure = catchThrowable(() -> new MessagesDeserializer().getExtensions(node));
    if (expectedFailure != null) {
      assertThat(failure)
          .isInstanceOf(expectedFailure.getClass())
          .hasMessage(expectedFailure.getMessage());
      return;
    }
    assertThat(failure).isNull();
    Map<String, Object> expected = new OpenAPIDeserializer().getExtensions(node);
    Map<String, Object> converted = new LinkedHashMap<>();
    new MessagesDeserializer()
        .getExtensions(node)
        .forEach((k, v) -> converted.put(k, Json.mapper().convertValue(v, Object.class)));
    assertThat(converted).containsExactlyEntriesOf(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "openapi: 3.0.3\n"
            + "x-root: {a: [1, {b: c}]}\n"
            + "info: {title: t, version: '1', x-i: 1, contact: {x-c: 2}, license: {name: l, x-l: 3}}\n"
            + "servers: [{url: 'https://e.com', x-s: 1, variables: {v: {default: a, x-v: 1}}}]\n"
            + "tags: [{name: t, x-t: 1, externalDocs: {url: 'https://e.com', x-d: 1}}]\n"
            + "paths:\n"
            + "  x-p: 1\n"
            + "  /a/{id}:\n"
            + "    x-item: true\n"
            + "    parameters: [{name: id, in: path, required: true, x-par: 1,"
            + " schema: {type: string, x-sch: 1}}]\n"
            + "    get:\n"
            + "      x-op: {deep: {deeper: [1, 2]}}\n"
            + "      requestBody: {x-rb: 1, content: {application/json: {x-mt: 1,"
            + " schema: {type: object, x-o: 1, properties: {a: {type: string, x-a: 1}}},"
            + " encoding: {a: {x-enc: 1}}}}}\n"
            + "      responses:\n"
            + "        x-rs: 1\n"
            + "        '200': {description: d, x-r: 1, headers: {h: {schema: {type: string},"
            + " x-h: 1}}, links: {l: {operationId: o, x-link: 1}}}\n"
            + "      callbacks: {c: {x-cb: 1, '{$request.body#/u}': {post: {responses:"
            + " {'200': {description: d}}}}}}\n"
            + "components:\n"
            + "  x-comp: 1\n"
            + "  schemas: {S: {type: string, x-s: 1, discriminator: {propertyName: p},"
            + " xml: {name: n, x-xml: 1}}}\n"
            + "  examples: {E: {value: 1, x-e: 1}}\n"
            + "  securitySchemes:\n"
            + "    o: {type: oauth2, x-ss: 1, flows: {x-fs: 1, implicit: {authorizationUrl:"
            + " 'https://e.com', scopes: {}, x-f: 1}}}\n",
        "openapi: 3.0.3\n"
            + "info: {title: t, version: '1', extensions: {x-i: 1}, contact: {extensions: {b: 1}}}\n"
            + "paths:\n"
            + "  /a:\n"
            + "    get: {extensions: {x-o: [1]}, responses: {'200': {description: d}}}\n",
        "openapi: 3.0.3\n"
            + "info: {title: t, version: '1', extensions: text}\n"
            + "paths: {/a: {get: {responses: {'200': {description: d}}}}}\n",
        "openapi: 3.0.3\n"
            + "info: {title: t, version: '1'}\n"
            + "paths: {/a: {get: {extensions: [1], responses: {'200': {description: d}}}}}\n",
        "openapi: 3.1.0\n"
            + "info: {title: t, version: '1', x-i: 1}\n"
            + "paths: {/a: {get: {x-o: 1, responses: {'200': {description: d, content:"
            + " {application/json: {schema: {type: object, x-k: 1, unknownKeyword: {a: 1}}}}}}}}}\n",
      })
  void aDocumentFullOfExtensionsGetsTheWholeDeserializersMessages(String yaml) {
    Path file = Path.of("ext.yaml");
    JsonNode root = YamlReader.read(file, yaml, yaml.length(), LoadOptions.defaults()).root();
    List<String> expected =
        new OpenAPIDeserializer().deserialize(root, "ext.yaml", new ParseOptions()).getMessages();
    assertThat(SwaggerValidation.deserialize(root, "ext.yaml")).isEqualTo(expected);
  }
}
