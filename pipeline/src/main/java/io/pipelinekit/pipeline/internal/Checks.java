package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.DefinitionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Checks builders make when they build: required values, unmodifiable copies. */
public final class Checks {
  private Checks() {}

  /** The value, or a {@link DefinitionException} saying which setting of which part is missing. */
  public static <T> T required(T value, String where, String setting, String example) {
    if (value == null) {
      throw new DefinitionException(
          where + ": " + setting + " is required; set it with ." + setting + "(" + example + ")");
    }
    return value;
  }

  /** A string that must be set and not blank. */
  public static String requiredText(String value, String where, String setting, String example) {
    required(value, where, setting, example);
    if (value.isBlank()) {
      throw new DefinitionException(
          where + ": " + setting + " is blank; set it with ." + setting + "(" + example + ")");
    }
    return value;
  }

  /** An unmodifiable copy; null elements rejected with the collection's name. */
  public static <T> List<T> copy(Collection<? extends T> values, String where, String setting) {
    if (values == null) {
      return List.of();
    }
    List<T> copy = new ArrayList<>(values.size());
    int i = 0;
    for (T value : values) {
      if (value == null) {
        throw new DefinitionException(where + ": " + setting + "[" + i + "] is null");
      }
      copy.add(value);
      i++;
    }
    return Collections.unmodifiableList(copy);
  }

  /** An unmodifiable copy that keeps insertion order; null keys or values rejected. */
  public static <V> Map<String, V> copy(
      Map<String, ? extends V> values, String where, String setting) {
    if (values == null) {
      return Map.of();
    }
    Map<String, V> copy = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (k == null || v == null) {
            throw new DefinitionException(where + ": " + setting + " has a null key or value");
          }
          copy.put(k, v);
        });
    return Collections.unmodifiableMap(copy);
  }

  /** Adds all values to a mutable list, rejecting nulls. */
  public static <T> void addAll(List<T> target, Collection<? extends T> values) {
    for (T value : Objects.requireNonNull(values, "values")) {
      target.add(Objects.requireNonNull(value, "value"));
    }
  }
}
