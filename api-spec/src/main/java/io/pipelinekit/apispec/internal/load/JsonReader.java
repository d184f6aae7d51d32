package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.internal.LoadedDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads one JSON document into a Jackson tree with node locations, strictly (no comments). */
final class JsonReader {
  private JsonReader() {}

  static LoadedDocument read(Path file, String text, long sizeBytes, LoadOptions options) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(options.maxDepth() + 1)
                    .maxStringLength(options.maxStringLength())
                    .maxNumberLength(1000)
                    .maxNameLength(options.maxStringLength())
                    .maxDocumentLength(-1)
                    .build())
            .build();
    TreeBuilder tree = new TreeBuilder(file, options);
    try (JsonParser p = factory.createParser(text)) {
      JsonToken token;
      while ((token = p.nextToken()) != null) {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        switch (token) {
          case START_OBJECT -> tree.startContainer(true, null, line, column);
          case START_ARRAY -> tree.startContainer(false, null, line, column);
          case END_OBJECT, END_ARRAY -> tree.endContainer();
          case FIELD_NAME -> tree.key(p.currentName(), line, column, false);
          case VALUE_STRING -> tree.value(TreeBuilder.NODES.textNode(p.getText()), line, column, 1);
          case VALUE_NUMBER_INT ->
              tree.value(
                  switch (p.getNumberType()) {
                    case INT -> TreeBuilder.NODES.numberNode(p.getIntValue());
                    case LONG -> TreeBuilder.NODES.numberNode(p.getLongValue());
                    default -> TreeBuilder.NODES.numberNode(p.getBigIntegerValue());
                  },
                  line,
                  column,
                  1);
          case VALUE_NUMBER_FLOAT -> {
            JsonNode number = YamlReader.decimal(p.getText(), p.getDoubleValue());
            if (number == null) {
              throw LoadErrors.at(file, line, column, YamlReader.outOfRange(p.getText()));
            }
            tree.value(number, line, column, 1);
          }
          case VALUE_TRUE -> tree.value(TreeBuilder.NODES.booleanNode(true), line, column, 1);
          case VALUE_FALSE -> tree.value(TreeBuilder.NODES.booleanNode(false), line, column, 1);
          case VALUE_NULL -> tree.value(TreeBuilder.NODES.nullNode(), line, column, 1);
          default -> throw LoadErrors.at(file, line, column, "unexpected JSON token " + token);
        }
        if (tree.isEmpty() && tree.hasRoot()) {
          JsonToken extra = p.nextToken();
          if (extra != null) {
            JsonLocation x = p.currentTokenLocation();
            throw LoadErrors.at(
                file,
                x.getLineNr(),
                x.getColumnNr(),
                "content after the end of the JSON document; a file holds exactly one document");
          }
          break;
        }
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String message = e.getOriginalMessage();
      if (message.contains("nesting depth")) {
        message =
            "nesting deeper than "
                + options.maxDepth()
                + " levels; flatten the document or raise the limit (--max-depth)";
      } else if (message.contains("String value length")) {
        message =
            "a string longer than the limit of "
                + options.maxStringLength()
                + " characters; shorten it or raise the limit (--max-string-length)";
      } else {
        // Jackson names its own classes in some messages ("from `StreamReadConstraints...`").
        message = "invalid JSON: " + message.replaceAll(",?\\s*from `[^`]*`", "");
      }
      throw LoadErrors.at(
          file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message, e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!tree.hasRoot()) {
      throw LoadErrors.at(file, 1, 1, "the file holds no JSON document; it is empty");
    }
    return tree.finish(sizeBytes);
  }
}
