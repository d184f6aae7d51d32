package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.DefinitionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

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

  /** A string that must be set, not blank, and free of control characters. */
  public static String requiredText(String value, String where, String setting, String example) {
    required(value, where, setting, example);
    if (value.isBlank()) {
      throw new DefinitionException(
          where + ": " + setting + " is blank; set it with ." + setting + "(" + example + ")");
    }
    return noControlCharacters(value, where, setting);
  }

  /**
   * The value, when it holds no control character (a line break, a tab, NUL, ...). No name, branch,
   * ARN or path AWS accepts holds one — ECS cluster names are letters, digits, '-' and '_'
   * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html);
   * CodePipeline's branch filters match {@code .*}, which excludes line terminators
   * (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_GitBranchFilterCriteria.html)
   * — and a line break in one would break every file written from it (graph, YAML, JSON diffs),
   * often after passing through {@code -P name=value} unseen.
   */
  public static String noControlCharacters(String value, String where, String setting) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        throw new DefinitionException(
            where
                + ": "
                + setting
                + " '"
                + printable(value)
                + "' holds "
                + (c == '\n' || c == '\r'
                    ? "a line break"
                    : c == '\t' ? "a tab" : "a control character")
                + String.format(java.util.Locale.ROOT, " (U+%04X)", (int) c)
                + " at character "
                + (i + 1)
                + "; remove it (a -P value taken from a file or a variable often carries one)");
      }
    }
    return value;
  }

  /** The value with control characters shown as {@code \n}, {@code \t}, {@code \u0000}. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < value.length() && out.length() < 100; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
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

  /**
   * Replaces a builder's list with the values, rejecting nulls: collection setters replace, as in
   * the AWS SDK v2; {@code add…} methods add.
   */
  public static <T> void replaceAll(List<T> target, Collection<? extends T> values) {
    List<T> copy = new ArrayList<>();
    addAll(copy, values);
    target.clear();
    target.addAll(copy);
  }

  /**
   * The index of the element named {@code name}, or a {@link DefinitionException} naming {@code
   * where}, what was looked for and the names there are.
   */
  public static <T> int indexOfName(
      List<T> list, Function<? super T, String> nameOf, String name, String where, String what) {
    Objects.requireNonNull(name, "name");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String n = nameOf.apply(list.get(i));
      if (name.equals(n)) {
        return i;
      }
      names.add("'" + n + "'");
    }
    throw new DefinitionException(
        where
            + ": no "
            + what
            + " named '"
            + name
            + "'"
            + (names.isEmpty()
                ? "; there are none yet"
                : "; there are " + String.join(", ", names)));
  }

  /** Adds all values to a mutable list, rejecting nulls. */
  public static <T> void addAll(List<T> target, Collection<? extends T> values) {
    for (T value : Objects.requireNonNull(values, "values")) {
      target.add(Objects.requireNonNull(value, "value"));
    }
  }
}
