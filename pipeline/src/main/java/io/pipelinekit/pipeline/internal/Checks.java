package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.DefinitionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks builders make when they build: required values, unmodifiable copies.
 *
 * <p>Every problem goes through {@link #problem}: inside {@link #building} (each builder's {@code
 * build()}, and a whole {@code define()} run through {@code PipelineDefinition.define(definition,
 * parameters)}) problems are collected and reported together, in one {@link DefinitionException},
 * when the outermost {@code building} ends; outside, the first one is thrown. While collecting, a
 * check returns the value as it was (null, blank), so that building goes on to find the rest.
 */
public final class Checks {
  private Checks() {}

  private static final ThreadLocal<Set<String>> COLLECTED = new ThreadLocal<>();

  /**
   * Builds with every problem collected: nested inside another {@code building}, the value (the
   * enclosing one reports); outermost, the value when there was no problem, else one {@link
   * DefinitionException} listing every problem. An exception thrown after a problem was recorded (a
   * null the problem left behind, dereferenced) does not hide them: the problems are reported.
   */
  public static <T> T building(Supplier<T> construct) {
    if (COLLECTED.get() != null) {
      return construct.get();
    }
    Set<String> problems = new LinkedHashSet<>();
    COLLECTED.set(problems);
    T value;
    try {
      value = construct.get();
    } catch (DefinitionException e) {
      if (problems.isEmpty()) {
        throw e;
      }
      problems.addAll(e.messages());
      throw DefinitionException.listing(List.copyOf(problems));
    } catch (RuntimeException e) {
      if (problems.isEmpty()) {
        throw e;
      }
      throw DefinitionException.listing(List.copyOf(problems));
    } finally {
      COLLECTED.remove();
    }
    if (!problems.isEmpty()) {
      throw DefinitionException.listing(List.copyOf(problems));
    }
    return value;
  }

  /** Whether problems are being collected and at least one was found. */
  public static boolean problemsFound() {
    Set<String> problems = COLLECTED.get();
    return problems != null && !problems.isEmpty();
  }

  /** Reports a problem: collected inside {@link #building}, else thrown. */
  public static void problem(String message) {
    Set<String> problems = COLLECTED.get();
    if (problems == null) {
      throw new DefinitionException(message);
    }
    problems.add(message);
  }

  /** {@code kind 'name'}, or {@code kind} alone while the name is missing. */
  public static String where(String kind, String name) {
    return name == null || name.isBlank() ? kind : kind + " '" + name + "'";
  }

  /** The value, or a {@link DefinitionException} saying which setting of which part is missing. */
  public static <T> T required(T value, String where, String setting, String example) {
    if (value == null) {
      problem(
          where + ": " + setting + " is required; set it with ." + setting + "(" + example + ")");
    }
    return value;
  }

  /** A string that must be set, not blank, and free of control characters. */
  public static String requiredText(String value, String where, String setting, String example) {
    required(value, where, setting, example);
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      problem(where + ": " + setting + " is blank; set it with ." + setting + "(" + example + ")");
      return value;
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
        problem(
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
        return value;
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
        problem(where + ": " + setting + "[" + i + "] is null");
      } else {
        copy.add(value);
      }
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
            problem(where + ": " + setting + " has a null key or value");
          } else {
            copy.put(k, v);
          }
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
