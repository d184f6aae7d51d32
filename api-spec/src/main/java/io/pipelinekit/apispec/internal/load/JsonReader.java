package io.pipelinekit.apispec.internal.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
                // Strings, names and numbers are checked by TreeBuilder, with the YAML reader's
                // messages and the token's place; Jackson only buffers them (the document is
                // already in memory, within maxBytes), and computes no number's value before that.
                StreamReadConstraints.builder()
                    .maxNestingDepth(options.maxDepth() + 1)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();
    TreeBuilder tree = new TreeBuilder(file, options);
    try (JsonParser p = factory.createParser(text)) {
      try {
        readTokens(file, p, tree);
      } catch (StreamConstraintsException e) {
        // Jackson's message names its own classes: say which limit, and where.
        JsonLocation at = p.currentTokenLocation();
        throw LoadErrors.at(file, at.getLineNr(), at.getColumnNr(), limitMessage(e, options), e);
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw LoadErrors.at(
          file,
          at == null ? 0 : at.getLineNr(),
          at == null ? 0 : at.getColumnNr(),
          // Jackson names its own classes in some messages ("from `StreamReadConstraints...`").
          "invalid JSON: " + e.getOriginalMessage().replaceAll(",?\\s*from `[^`]*`", ""),
          e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!tree.hasRoot()) {
      throw LoadErrors.at(file, 1, 1, "the file holds no JSON document; it is empty");
    }
    return tree.finish(sizeBytes);
  }

  private static String limitMessage(StreamConstraintsException e, LoadOptions options) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.contains("nesting depth")) {
      return "nesting deeper than "
          + options.maxDepth()
          + " levels; flatten the document or raise the limit (--max-depth)";
    }
    // Another of the parser's limits (none is set but depth): what, without Jackson's class names.
    return "the document exceeds a parser limit: " + message.replaceAll("\\s*\\(.*", "");
  }

  private static void readTokens(Path file, JsonParser p, TreeBuilder tree) throws IOException {
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
        case VALUE_NUMBER_INT -> {
          tree.checkNumberLength(TreeBuilder.decimalDigits(p.getText()), line, column);
          tree.value(
              switch (p.getNumberType()) {
                case INT -> TreeBuilder.NODES.numberNode(p.getIntValue());
                case LONG -> TreeBuilder.NODES.numberNode(p.getLongValue());
                default -> TreeBuilder.NODES.numberNode(p.getBigIntegerValue());
              },
              line,
              column,
              1);
        }
        case VALUE_NUMBER_FLOAT -> {
          tree.checkNumberLength(TreeBuilder.decimalDigits(p.getText()), line, column);
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
  }
}
