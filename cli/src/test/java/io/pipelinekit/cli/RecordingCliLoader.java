package io.pipelinekit.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Runs the command line in a class loader of its own, apart from the test's classes, over this test
 * JVM's class path, and records what it did there: the classes it defined, the classes it asked for
 * and the class path lacks, and the resources it asked for.
 */
final class RecordingCliLoader extends URLClassLoader {
  private final List<String> defined = Collections.synchronizedList(new ArrayList<>());
  private final List<String> missing = Collections.synchronizedList(new ArrayList<>());
  private final List<String> resources = Collections.synchronizedList(new ArrayList<>());
  private final java.util.Map<String, String> definingThreads =
      new java.util.concurrent.ConcurrentHashMap<>();
  String out = "";
  String err = "";

  RecordingCliLoader() throws MalformedURLException {
    super(urls(testClassPath()), ClassLoader.getPlatformClassLoader());
  }

  /** This test JVM's class path, entry by entry (surefire's, when it runs the tests). */
  static List<String> testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    if (cp == null || cp.isBlank()) {
      cp = System.getProperty("java.class.path");
    }
    List<String> entries = new ArrayList<>();
    for (String entry : cp.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private static URL[] urls(List<String> classPath) throws MalformedURLException {
    URL[] urls = new URL[classPath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = new File(classPath.get(i)).toURI().toURL();
    }
    return urls;
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    Class<?> c;
    try {
      c = super.findClass(name);
    } catch (ClassNotFoundException e) {
      missing.add(name);
      throw e;
    }
    defined.add(name);
    definingThreads.put(name, Thread.currentThread().getName());
    return c;
  }

  @Override
  public URL findResource(String name) {
    resources.add(name);
    return super.findResource(name);
  }

  @Override
  public Enumeration<URL> findResources(String name) throws IOException {
    resources.add(name);
    return super.findResources(name);
  }

  List<String> definedClasses() {
    return List.copyOf(defined);
  }

  /** The name of the thread that had {@code className} defined, if this loader defined it. */
  java.util.Optional<String> definingThread(String className) {
    return java.util.Optional.ofNullable(definingThreads.get(className));
  }

  List<String> missingClasses() {
    return List.copyOf(missing);
  }

  List<String> resources() {
    return List.copyOf(resources);
  }

  /** Runs {@code pipeline ARGS} in this loader (also as the thread's context loader). */
  int run(String... args) throws ReflectiveOperationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(this);
    try {
      Class<?> cli = loadClass(PipelineCli.class.getName());
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      int code =
          (int)
              cli.getMethod("execute", PrintWriter.class, PrintWriter.class, String[].class)
                  .invoke(null, new PrintWriter(o), new PrintWriter(e), args);
      out = o.toString();
      err = e.toString();
      return code;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
