package io.pipelinekit.buildspec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.internal.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code imagedefinitions.json}, the file CodePipeline's ECS (standard) deploy action reads: a JSON
 * array of {@code {"name": <container name>, "imageUri": <image>}}.
 *
 * <p>Validated when built: container names match {@code [A-Za-z0-9_-]{1,255}} and are unique; image
 * URIs are {@link ImageUri}s with a tag or digest, {@code :latest} only when explicitly allowed;
 * the file is at most {@value #MAX_BYTES} bytes.
 */
public final class ImageDefinitions {
  /** CodePipeline's limit for the file. */
  public static final int MAX_BYTES = 100 * 1024;

  private static final Pattern CONTAINER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  private final List<Entry> entries;
  private final boolean allowLatestTag;

  private ImageDefinitions(Builder b) {
    if (b.entries.isEmpty()) {
      throw new BuildSpecException(
          "image definitions: at least one container image is required (name=imageUri)");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < b.entries.size(); i++) {
      Entry e = b.entries.get(i);
      if (!names.add(e.name())) {
        throw new BuildSpecException(
            "$["
                + i
                + "].name: container name '"
                + e.name()
                + "' appears twice; each container of the task definition gets one entry");
      }
      if (e.image().isLatest() && !b.allowLatestTag) {
        throw new BuildSpecException(
            "$["
                + i
                + "].imageUri: '"
                + e.imageUri()
                + "' uses the :latest tag, which makes deploys unreproducible; tag images with"
                + " the commit id, or allow :latest explicitly");
      }
    }
    this.entries = Collections.unmodifiableList(new ArrayList<>(b.entries));
    this.allowLatestTag = b.allowLatestTag;
    int size = toJson().getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_BYTES) {
      throw new BuildSpecException(
          "image definitions: the file would be "
              + size
              + " bytes, over CodePipeline's limit of "
              + MAX_BYTES
              + " bytes; deploy fewer containers per action");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Image definitions from container name to image URI, in the map's order. */
  public static ImageDefinitions of(Map<String, String> imagesByContainer) {
    Builder b = builder();
    Objects.requireNonNull(imagesByContainer, "imagesByContainer").forEach(b::add);
    return b.build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The entries, in order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Container name to image URI, in order. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    entries.forEach(e -> m.put(e.name(), e.imageUri()));
    return Collections.unmodifiableMap(m);
  }

  /** Whether {@code :latest} was explicitly allowed. */
  public boolean allowLatestTag() {
    return allowLatestTag;
  }

  /** The file's content: a JSON array, two-space indentation, trailing newline. */
  public String toJson() {
    StringBuilder out = new StringBuilder("[\n");
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      out.append("  {\n    \"name\": ")
          .append(JsonText.string(e.name()))
          .append(",\n    \"imageUri\": ")
          .append(JsonText.string(e.imageUri()))
          .append("\n  }")
          .append(i + 1 < entries.size() ? ",\n" : "\n");
    }
    return out.append("]\n").toString();
  }

  /**
   * Reads an {@code imagedefinitions.json} and validates it like {@link #builder()} does ({@code
   * :latest} rejected).
   *
   * @throws BuildSpecException naming the file, line, column and entry that is wrong
   */
  public static ImageDefinitions parse(String json, String fileName) {
    return parse(json, fileName, false);
  }

  /** As {@link #parse(String, String)}, optionally allowing {@code :latest}. */
  public static ImageDefinitions parse(String json, String fileName, boolean allowLatestTag) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(fileName, "fileName");
    int bytes = json.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new BuildSpecException(
          fileName
              + ": "
              + bytes
              + " bytes is over CodePipeline's limit of "
              + MAX_BYTES
              + " bytes for image definitions");
    }
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build())
            .build();
    Builder b = builder().allowLatestTag(allowLatestTag);
    List<JsonLocation> locations = new ArrayList<>();
    try (JsonParser p = factory.createParser(json)) {
      expect(p, p.nextToken(), JsonToken.START_ARRAY, fileName, "$", "a JSON array");
      int index = 0;
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        String path = "$[" + index + "]";
        JsonLocation entryStart = p.currentTokenLocation();
        expect(p, t, JsonToken.START_OBJECT, fileName, path, "an object {\"name\", \"imageUri\"}");
        String name = null;
        String uri = null;
        JsonLocation uriLocation = null;
        for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          String fieldPath = path + "." + field;
          expect(p, value, JsonToken.VALUE_STRING, fileName, fieldPath, "a string");
          switch (field) {
            case "name" -> name = p.getText();
            case "imageUri" -> {
              uri = p.getText();
              uriLocation = p.currentTokenLocation();
            }
            default ->
                throw error(
                    fileName,
                    p.currentTokenLocation(),
                    fieldPath
                        + ": unknown field '"
                        + field
                        + "'; an entry has only \"name\" and \"imageUri\""
                        + (field.equalsIgnoreCase("imageuri") || field.equalsIgnoreCase("image")
                            ? " (did you mean \"imageUri\"?)"
                            : ""));
          }
        }
        if (name == null || uri == null) {
          throw error(
              fileName,
              entryStart,
              path + ": missing \"" + (name == null ? "name" : "imageUri") + "\"");
        }
        try {
          b.add(name, uri);
        } catch (BuildSpecException e) {
          JsonLocation where = e.getMessage().contains("].name:") ? entryStart : uriLocation;
          throw error(fileName, where, e.getMessage());
        }
        locations.add(entryStart);
        index++;
      }
      if (p.nextToken() != null) {
        throw error(fileName, p.currentTokenLocation(), "unexpected content after the array");
      }
    } catch (JsonParseException e) {
      throw error(fileName, e.getLocation(), "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new BuildSpecException(fileName + ": cannot read: " + FileProblems.describe(e), e);
    }
    try {
      return b.build();
    } catch (BuildSpecException e) {
      String message = e.getMessage();
      for (int i = locations.size() - 1; i >= 0; i--) {
        if (message.startsWith("$[" + i + "]")) {
          throw error(fileName, locations.get(i), message);
        }
      }
      throw new BuildSpecException(fileName + ": " + message, e);
    }
  }

  private static void expect(
      JsonParser p, JsonToken actual, JsonToken expected, String file, String path, String what) {
    if (actual != expected) {
      throw error(
          file,
          p.currentTokenLocation(),
          path + ": expected " + what + " but found " + describe(actual));
    }
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the file";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }

  private static BuildSpecException error(String file, JsonLocation at, String message) {
    return error(file, at, message, null);
  }

  private static BuildSpecException error(
      String file, JsonLocation at, String message, Throwable cause) {
    String where =
        at == null || at.getLineNr() < 1
            ? file
            : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
    return cause == null
        ? new BuildSpecException(where + ": " + message)
        : new BuildSpecException(where + ": " + message, cause);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageDefinitions d
        && entries.equals(d.entries)
        && allowLatestTag == d.allowLatestTag;
  }

  @Override
  public int hashCode() {
    return Objects.hash(entries, allowLatestTag);
  }

  @Override
  public String toString() {
    return "ImageDefinitions" + asMap();
  }

  /** One container's image. */
  public static final class Entry {
    private final String name;
    private final ImageUri image;

    private Entry(String name, ImageUri image) {
      this.name = name;
      this.image = image;
    }

    /**
     * An entry for container {@code name}; validates the name and the URI's shape.
     *
     * @throws BuildSpecException if either is invalid
     */
    public static Entry of(String name, String imageUri) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(imageUri, "imageUri");
      if (!CONTAINER_NAME.matcher(name).matches()) {
        throw new BuildSpecException(
            "container name '"
                + name
                + "' must be 1 to 255 letters, digits, '_' or '-' and equal the container's name"
                + " in the task definition");
      }
      return new Entry(name, ImageUri.parse(imageUri));
    }

    /** The container name, as in the task definition. */
    public String name() {
      return name;
    }

    /** The image URI as written. */
    public String imageUri() {
      return image.toString();
    }

    /** The parsed image reference. */
    public ImageUri image() {
      return image;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && name.equals(e.name) && image.equals(e.image);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, image);
    }

    @Override
    public String toString() {
      return name + "=" + image;
    }
  }

  /** Builds {@link ImageDefinitions}. */
  public static final class Builder {
    private final List<Entry> entries = new ArrayList<>();
    private boolean allowLatestTag;

    private Builder() {}

    private Builder(ImageDefinitions d) {
      this.entries.addAll(d.entries);
      this.allowLatestTag = d.allowLatestTag;
    }

    /** Adds container {@code name} running {@code imageUri}. */
    public Builder add(String name, String imageUri) {
      try {
        entries.add(Entry.of(name, imageUri));
      } catch (BuildSpecException e) {
        String field = e.getMessage().startsWith("container name") ? "name" : "imageUri";
        throw new BuildSpecException(
            "$[" + entries.size() + "]." + field + ": " + e.getMessage(), e);
      }
      return this;
    }

    public Builder add(Entry entry) {
      entries.add(Objects.requireNonNull(entry, "entry"));
      return this;
    }

    /** Allows {@code :latest} tags (off by default: deploys of :latest are unreproducible). */
    public Builder allowLatestTag(boolean allowLatestTag) {
      this.allowLatestTag = allowLatestTag;
      return this;
    }

    public ImageDefinitions build() {
      return new ImageDefinitions(this);
    }
  }
}
