package io.pipelinekit.core.internal;

import java.net.URL;
import java.security.CodeSource;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An exception thrown by a user's definition code, in words a person can act on: the kind of
 * exception, its message's first line, and the user's own frame it came from — pipelinekit's frames
 * (and the JDK's, and the host's: picocli, Maven) left out. Shared by the CLI and the Maven plugin,
 * which each add how to see the full trace.
 */
public final class UserCodeFailure {
  private UserCodeFailure() {}

  /** Plain words for the exceptions definitions throw most. */
  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("java.lang.NullPointerException", "a null value was used"),
          Map.entry("java.lang.IllegalArgumentException", "an invalid argument"),
          Map.entry("java.lang.IllegalStateException", "an invalid state"),
          Map.entry("java.lang.NumberFormatException", "not a number"),
          Map.entry("java.lang.ArithmeticException", "an arithmetic error"),
          Map.entry("java.lang.ClassCastException", "a value of the wrong type"),
          Map.entry("java.lang.IndexOutOfBoundsException", "an index out of range"),
          Map.entry("java.lang.ArrayIndexOutOfBoundsException", "an index out of range"),
          Map.entry("java.lang.StringIndexOutOfBoundsException", "an index out of range"),
          Map.entry("java.lang.UnsupportedOperationException", "an unsupported operation"),
          Map.entry("java.util.NoSuchElementException", "no such element"),
          Map.entry(
              "java.util.ConcurrentModificationException", "a collection changed while iterated"),
          Map.entry("java.lang.StackOverflowError", "endless recursion (stack overflow)"),
          Map.entry("java.lang.NoClassDefFoundError", "a class it needs is missing"),
          Map.entry("java.lang.AssertionError", "an assertion failed"));

  /**
   * {@code definition NAME failed in DURING: KIND: MESSAGE} and, on the next line, {@code at
   * FRAME}: the report of {@code thrown}, without advice (the caller adds how to see the trace).
   *
   * @param definition the definition's class: its jar or folder is the user's code
   * @param library classes whose jars or folders are not the user's (pipelinekit's, the host's)
   */
  public static String describe(
      String className,
      Class<?> definition,
      String during,
      Throwable thrown,
      Collection<Class<?>> library) {
    StringBuilder message =
        new StringBuilder("definition ")
            .append(className)
            .append(" failed in ")
            .append(during)
            .append(": ")
            .append(words(thrown));
    String detail = thrown.getMessage();
    if (detail != null && !detail.isBlank()) {
      message.append(": ").append(firstLine(detail));
    }
    Set<URL> ours = locations(library);
    StackTraceElement frame = userFrame(thrown, definition, ours);
    if (frame != null) {
      message.append("\n  at ").append(describe(frame));
      if (thrownByLibraryAbove(thrown, frame, definition, ours)) {
        message.append(" (in a call it made to pipelinekit)");
      }
    }
    return message.toString();
  }

  /** The exception's kind in words: a known one's, else its name split into words. */
  public static String words(Throwable thrown) {
    String known = WORDS.get(thrown.getClass().getName());
    if (known != null) {
      return known;
    }
    String simple = thrown.getClass().getSimpleName();
    if (simple.isEmpty()) {
      return "an error";
    }
    return simple.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  /** {@code class.method(File.java:12)}, without class loader or module names. */
  private static String describe(StackTraceElement frame) {
    String file = frame.getFileName() == null ? "unknown source" : frame.getFileName();
    return frame.getClassName()
        + "."
        + frame.getMethodName()
        + "("
        + file
        + (frame.getLineNumber() >= 0 ? ":" + frame.getLineNumber() : "")
        + ")";
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end) + " …";
    return line.length() > 500 ? line.substring(0, 500) + " …" : line;
  }

  /**
   * The top frame of the user's code: one from the definition's own jar or folder, else the first
   * that is neither the JDK's nor one of {@code ours}, else none.
   */
  private static StackTraceElement userFrame(Throwable thrown, Class<?> definition, Set<URL> ours) {
    URL own = location(definition);
    StackTraceElement other = null;
    for (StackTraceElement e : thrown.getStackTrace()) {
      Class<?> type = load(e.getClassName(), definition.getClassLoader());
      if (type == null) {
        continue;
      }
      URL where = location(type);
      if (where == null || ours.contains(where)) {
        continue; // the JDK, pipelinekit or the host
      }
      if (where.equals(own)) {
        return e;
      }
      if (other == null) {
        other = e;
      }
    }
    return other;
  }

  /** Whether one of our frames lies between the top of the trace and the user's frame. */
  private static boolean thrownByLibraryAbove(
      Throwable thrown, StackTraceElement frame, Class<?> definition, Set<URL> ours) {
    for (StackTraceElement e : thrown.getStackTrace()) {
      if (e.equals(frame)) {
        return false;
      }
      Class<?> type = load(e.getClassName(), definition.getClassLoader());
      URL where = type == null ? null : location(type);
      if (where != null && ours.contains(where)) {
        return true;
      }
    }
    return false;
  }

  private static Set<URL> locations(Collection<Class<?>> library) {
    Set<URL> set = new HashSet<>();
    URL core = location(UserCodeFailure.class);
    if (core != null) {
      set.add(core);
    }
    for (Class<?> c : library) {
      URL url = location(c);
      if (url != null) {
        set.add(url);
      }
    }
    return set;
  }

  private static URL location(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    return source == null ? null : source.getLocation();
  }

  private static Class<?> load(String name, ClassLoader loader) {
    try {
      ClassLoader from = loader;
      if (from == null) {
        from = Thread.currentThread().getContextClassLoader();
      }
      if (from == null) {
        from = UserCodeFailure.class.getClassLoader();
      }
      return Class.forName(name, false, from);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }
}
