package io.pipelinekit.apispec.internal.merge;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one place merge and diff read documents. Reads YAML or JSON into a {@link LoadedDocument}
 * with a line and column for every node.
 *
 * <p>Interim: this delegates to nothing yet; once the project's safe loader is in the tree, this
 * method calls it and the parsing below goes away.
 */
public final class Documents {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 1_000;
  private static final int MAX_BYTES = 64 * 1024 * 1024;

  private Documents() {}

  /** Reads one OpenAPI document; an unreadable file is an {@link ApiSpecException}. */
  public static LoadedDocument read(Path file) {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new ApiSpecException(file + ":1:1: the file is larger than " + MAX_BYTES + " bytes.");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ApiSpecException(file + ": no such file; check the path.");
    } catch (IOException e) {
      throw new ApiSpecException(file + ": cannot read the file: " + e.getMessage(), e);
    }
    LoaderOptions yamlOptions = new LoaderOptions();
    yamlOptions.setCodePointLimit(MAX_BYTES);
    JsonFactory factory =
        looksLikeJson(bytes)
            ? new JsonFactory()
            : YAMLFactory.builder().loaderOptions(yamlOptions).build();
    Map<String, int[]> locations = new HashMap<>();
    try (JsonParser parser = factory.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ApiSpecException(file + ":1:1: the document is empty.");
      }
      JsonNode root = readValue(parser, file, "", locations, 0);
      locations.put("", new int[] {1, 1});
      if (parser.nextToken() != null) {
        JsonLocation at = parser.currentTokenLocation();
        throw new ApiSpecException(
            file
                + ":"
                + at.getLineNr()
                + ":"
                + at.getColumnNr()
                + ": more than one document in the file; keep one document per file.");
      }
      return new LoadedDocument(file, root, locations, bytes.length);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? ":1:1" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ApiSpecException(
          file + where + ": not valid YAML or JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ApiSpecException(file + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  private static boolean looksLikeJson(byte[] bytes) {
    for (byte b : bytes) {
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        continue;
      }
      return b == '{' || b == '[';
    }
    return false;
  }

  private static JsonNode readValue(
      JsonParser parser, Path file, String pointer, Map<String, int[]> locations, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      JsonLocation at = parser.currentTokenLocation();
      throw new ApiSpecException(
          file
              + ":"
              + at.getLineNr()
              + ":"
              + at.getColumnNr()
              + ": nested more than "
              + MAX_DEPTH
              + " levels deep.");
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        {
          ObjectNode object = NODES.objectNode();
          Map<String, int[]> seen = new HashMap<>();
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonLocation at = parser.currentTokenLocation();
            int[] lc = {at.getLineNr(), at.getColumnNr()};
            int[] earlier = seen.putIfAbsent(name, lc);
            if (earlier != null) {
              throw new ApiSpecException(
                  file
                      + ":"
                      + lc[0]
                      + ":"
                      + lc[1]
                      + ": duplicate key '"
                      + name
                      + "' (first at line "
                      + earlier[0]
                      + "); remove one of them.");
            }
            String child = pointer + "/" + LoadedDocument.escape(name);
            locations.put(child, lc);
            parser.nextToken();
            object.set(name, readValue(parser, file, child, locations, depth + 1));
          }
          return object;
        }
      case START_ARRAY:
        {
          ArrayNode array = NODES.arrayNode();
          int index = 0;
          while (parser.nextToken() != JsonToken.END_ARRAY) {
            String child = pointer + "/" + index++;
            JsonLocation at = parser.currentTokenLocation();
            locations.put(child, new int[] {at.getLineNr(), at.getColumnNr()});
            array.add(readValue(parser, file, child, locations, depth + 1));
          }
          return array;
        }
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return intNode(parser);
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        JsonLocation at = parser.currentTokenLocation();
        throw new ApiSpecException(
            file + ":" + at.getLineNr() + ":" + at.getColumnNr() + ": unexpected " + token + ".");
    }
  }

  private static JsonNode intNode(JsonParser parser) throws IOException {
    switch (parser.getNumberType()) {
      case INT:
        return NODES.numberNode(parser.getIntValue());
      case LONG:
        return NODES.numberNode(parser.getLongValue());
      default:
        return NODES.numberNode(parser.getBigIntegerValue());
    }
  }
}
