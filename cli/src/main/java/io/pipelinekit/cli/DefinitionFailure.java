package io.pipelinekit.cli;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.core.Finding;
import io.pipelinekit.pipeline.Pipeline;
import java.net.URL;
import java.security.CodeSource;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import picocli.CommandLine;

/**
 * An exception thrown by a user's definition code (its {@code define()}, constructor or static
 * initializer), reported as the definition's failure: exit 2, the exception in words with its
 * message, and the user's own frame it came from. pipelinekit's frames (and the JDK's) are left
 * out; {@code --verbose} prints the whole trace (the exception is the cause).
 */
final class DefinitionFailure {
  private DefinitionFailure() {}

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
   * The failure of {@code definition}'s code: {@code during} says what ran ({@code "define()"},
   * {@code "its constructor"}, {@code "its static initializer"}).
   */
  static CliException of(String className, Class<?> definition, String during, Throwable thrown) {
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
    StackTraceElement frame = userFrame(thrown, definition);
    if (frame != null) {
      message.append("\n  at ").append(describe(frame));
      if (thrownByLibraryAbove(thrown, frame, definition)) {
        message.append(" (in a call it made to pipelinekit)");
      }
    }
    message.append("\nFix the definition; run again with --verbose for the full stack trace.");
    return new CliException(ExitCodes.USAGE, message.toString(), thrown);
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

  /** The exception's kind in words: a known one's, else its name split into words. */
  static String words(Throwable thrown) {
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

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end) + " …";
    return line.length() > 500 ? line.substring(0, 500) + " …" : line;
  }

  /**
   * The top frame of the user's code: one from the definition's own jar or folder, else the first
   * that is neither the JDK's nor pipelinekit's (nor picocli's), else none.
   */
  static StackTraceElement userFrame(Throwable thrown, Class<?> definition) {
    StackTraceElement[] trace = thrown.getStackTrace();
    ClassLoader loader = definition.getClassLoader();
    URL own = location(definition);
    Set<URL> library = libraryLocations();
    StackTraceElement other = null;
    for (StackTraceElement e : trace) {
      Class<?> type = load(e.getClassName(), loader);
      if (type == null) {
        continue;
      }
      URL where = location(type);
      if (where == null || library.contains(where)) {
        continue; // the JDK, or pipelinekit
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

  /** Whether a pipelinekit frame lies between the top of the trace and the user's frame. */
  private static boolean thrownByLibraryAbove(
      Throwable thrown, StackTraceElement frame, Class<?> definition) {
    Set<URL> library = libraryLocations();
    for (StackTraceElement e : thrown.getStackTrace()) {
      if (e.equals(frame)) {
        return false;
      }
      Class<?> type = load(e.getClassName(), definition.getClassLoader());
      URL where = type == null ? null : location(type);
      if (where != null && library.contains(where)) {
        return true;
      }
    }
    return false;
  }

  /** Where pipelinekit's own classes (and picocli's) are loaded from. */
  private static Set<URL> libraryLocations() {
    Set<URL> set = new HashSet<>();
    for (Class<?> c :
        new Class<?>[] {
          DefinitionFailure.class,
          Pipeline.class,
          Finding.class,
          BuildSpecException.class,
          ApiSpecException.class,
          AwsClients.class,
          CommandLine.class
        }) {
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
      return Class.forName(name, false, Objects.requireNonNullElse(loader, classLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  private static ClassLoader classLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : DefinitionFailure.class.getClassLoader();
  }
}
