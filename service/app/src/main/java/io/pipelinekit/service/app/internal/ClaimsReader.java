package io.pipelinekit.service.app.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pipelinekit.service.app.UserClaims;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code POST /test} bodies into {@link UserClaims}: strict JSON (no duplicate keys, nothing
 * after the value, bounded nesting), every known claim a string of bounded length, the required
 * ones present, unknown fields ignored. Every refusal is an {@link HttpProblem} with status 400
 * whose message names the place (line/column or JSON pointer).
 */
public final class ClaimsReader {

  private static final int MAX_MESSAGE = 200;
  private static final List<String> FIELDS = UserClaims.fieldNames();

  private final ObjectMapper mapper;

  public ClaimsReader() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxNumberLength(64)
                    .maxStringLength(1 << 20)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /** The mapper the app writes its JSON with. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Parses and checks a request body.
   *
   * @throws HttpProblem (400) saying what is wrong and where
   */
  public UserClaims read(byte[] body) {
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpProblem.badRequest("malformed_json", "malformed JSON " + where(e) + firstLine(e));
    } catch (CharConversionException e) {
      // Jackson guesses the encoding from the first bytes; some (a UCS-4 order it does not
      // support, broken UTF-32) fail before any JSON is read: the client's fault, not ours.
      throw HttpProblem.badRequest(
          "malformed_json", "the request body is not text in a JSON encoding; send UTF-8 JSON");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || root.isMissingNode()) {
      throw HttpProblem.badRequest(
          "malformed_json", "the request body is empty; send a JSON object");
    }
    if (!root.isObject()) {
      throw HttpProblem.badRequest(
          "invalid_claims",
          "the request body must be a JSON object of claims, was " + kind(root) + " (at /)");
    }
    List<String> problems = new ArrayList<>();
    for (String field : FIELDS) {
      JsonNode value = root.get(field);
      if (value == null) {
        if (UserClaims.REQUIRED.contains(field)) {
          problems.add("/" + field + " is required");
        }
      } else if (!value.isTextual()) {
        problems.add("/" + field + " must be a string, was " + kind(value));
      } else if (value.textValue().length() > UserClaims.MAX_LENGTH) {
        problems.add(
            "/"
                + field
                + " must be at most "
                + UserClaims.MAX_LENGTH
                + " characters, was "
                + value.textValue().length());
      }
    }
    if (!problems.isEmpty()) {
      throw HttpProblem.badRequest(
          "invalid_claims", "invalid claims: " + String.join("; ", problems));
    }
    try {
      return mapper.treeToValue(root, UserClaims.class);
    } catch (JsonProcessingException e) {
      // Every field was checked above; a failure here is a bug, not bad input.
      throw new IllegalStateException("claims passed the checks but did not bind: " + e, e);
    }
  }

  /** Serializes the claims as the response body. */
  public byte[] write(UserClaims claims) {
    try {
      return mapper.writeValueAsBytes(claims);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize claims", e);
    }
  }

  private static String where(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 1) {
      return "";
    }
    return "at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
  }

  private static String firstLine(JsonProcessingException e) {
    String message =
        e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    // Drop Jackson's source-reference tail ("... (start marker at [Source: ...])").
    for (String cut : new String[] {"\n", " (start marker at", " at [Source"}) {
      int at = message.indexOf(cut);
      if (at >= 0) {
        message = message.substring(0, at);
      }
    }
    return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "..." : message;
  }

  private static String kind(JsonNode node) {
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
