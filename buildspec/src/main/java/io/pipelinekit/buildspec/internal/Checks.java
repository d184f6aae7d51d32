package io.pipelinekit.buildspec.internal;

import io.pipelinekit.buildspec.BuildSpecException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Validation helpers shared by the model types. Not public API. */
public final class Checks {
  private Checks() {}

  /** Fails when {@code value} is null, naming the model path. */
  public static <T> T required(T value, String path) {
    if (value == null) {
      throw new BuildSpecException(path + " is required but was not set");
    }
    return value;
  }

  /**
   * Checks that a string can be written to a UTF-8 file: no unpaired surrogate. Returns the value.
   */
  public static String text(String value, String path) {
    Objects.requireNonNull(path, "path");
    if (value == null) {
      throw new BuildSpecException(path + " must not be null");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new BuildSpecException(
            path
                + " contains an unpaired UTF-16 surrogate at index "
                + i
                + "; such text cannot be written as UTF-8: remove it");
      }
    }
    return value;
  }

  /** Checks that a string is not blank. */
  public static String nonBlank(String value, String path) {
    text(value, path);
    if (value.isBlank()) {
      throw new BuildSpecException(path + " must not be empty or blank");
    }
    return value;
  }

  /** An unmodifiable copy of a list whose elements are checked with {@link #text}. */
  public static List<String> textList(List<String> values, String path) {
    if (values == null) {
      return List.of();
    }
    List<String> copy = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      copy.add(text(values.get(i), path + "[" + i + "]"));
    }
    return Collections.unmodifiableList(copy);
  }

  /** An unmodifiable copy of a list whose elements are checked with {@link #nonBlank}. */
  public static List<String> nonBlankList(List<String> values, String path) {
    List<String> copy = textList(values, path);
    for (int i = 0; i < copy.size(); i++) {
      nonBlank(copy.get(i), path + "[" + i + "]");
    }
    return copy;
  }

  /**
   * An unmodifiable, insertion-ordered copy of a string map; keys must be non-empty text, values
   * text.
   */
  public static Map<String, String> textMap(Map<String, String> values, String path) {
    if (values == null) {
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (key == null || key.isEmpty()) {
        throw new BuildSpecException(path + " has an empty or null key: give every entry a name");
      }
      text(key, path + " key " + key);
      copy.put(key, text(e.getValue(), path + "." + key));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** An unmodifiable, insertion-ordered copy of a map of model values (nulls rejected). */
  public static <V> Map<String, V> valueMap(Map<String, V> values, String path) {
    if (values == null) {
      return Map.of();
    }
    Map<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : values.entrySet()) {
      String key = e.getKey();
      if (key == null || key.isEmpty()) {
        throw new BuildSpecException(path + " has an empty or null key: give every entry a name");
      }
      text(key, path + " key " + key);
      if (e.getValue() == null) {
        throw new BuildSpecException(path + "." + key + " must not be null");
      }
      copy.put(key, e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }
}
