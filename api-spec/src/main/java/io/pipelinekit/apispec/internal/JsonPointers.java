package io.pipelinekit.apispec.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** JSON pointer segments (RFC 6901) and the %-escapes of {@code $ref}s (RFC 3986). */
public final class JsonPointers {
  private JsonPointers() {}

  /** Escapes one pointer segment: {@code ~} → {@code ~0}, {@code /} → {@code ~1}. */
  public static String escape(String segment) {
    return segment.replace("~", "~0").replace("/", "~1");
  }

  /** Undoes {@link #escape}. */
  public static String unescape(String segment) {
    if (segment.indexOf('~') < 0) {
      return segment;
    }
    return segment.replace("~1", "/").replace("~0", "~");
  }

  /**
   * The node at {@code pointer} (already %-decoded) under {@code root}: {@code root} for "", a
   * missing node when there is none or the pointer is malformed (does not start with {@code /}).
   */
  public static JsonNode at(JsonNode root, String pointer) {
    if (pointer.isEmpty()) {
      return root;
    }
    try {
      return root.at(pointer);
    } catch (IllegalArgumentException e) {
      return MissingNode.getInstance();
    }
  }

  /**
   * The node a {@code $ref} fragment (the part after {@code #}, still %-escaped) names under {@code
   * root}; a missing node when there is none or the fragment is malformed.
   */
  public static JsonNode atFragment(JsonNode root, String fragment) {
    try {
      return at(root, percentDecode(fragment));
    } catch (IllegalArgumentException e) {
      return MissingNode.getInstance();
    }
  }

  /**
   * Decodes the %-escapes of a {@code $ref}'s file part or fragment as UTF-8. Unlike form decoding,
   * {@code +} stays {@code +} (a URI reference, not a query string).
   *
   * @throws IllegalArgumentException on a malformed escape ({@code %zz}, a lone {@code %})
   */
  public static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
