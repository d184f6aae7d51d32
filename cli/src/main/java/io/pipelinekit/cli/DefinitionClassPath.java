package io.pipelinekit.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.Permission;
import java.security.PermissionCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * The user's definition classpath ({@code PIPELINE_CLASSPATH}, which the launchers pass as the
 * {@value #PROPERTY} system property instead of appending it to the JVM's classpath): its own class
 * loader over those entries, so that looking up the definition does not search the tool's ~110 jars
 * first, and the JVM's classpath stays the one the start-up archive was written for.
 *
 * <p>The tool's own packages ({@code io.pipelinekit.core}, {@code .buildspec}, {@code .apispec},
 * {@code .pipeline}, {@code .aws}, {@code .cli}) always resolve to the tool's copy, also when a
 * user's fat jar bundles one: the definition then implements the tool's {@code PipelineDefinition}
 * and returns the tool's {@code Pipeline}. The library's public API carries only those and JDK
 * types, so every other class (a third-party library the fat jar bundles, in whatever version) is
 * looked up in the user's entries first, then in the tool's. JDK classes are always the JDK's.
 */
final class DefinitionClassPath {
  /** The system property holding the entries, separated as a classpath is ({@code :}). */
  static final String PROPERTY = "pipeline.classpath";

  /** The environment variable users set (named in messages). */
  static final String VARIABLE = "PIPELINE_CLASSPATH";

  static final String SERVICE_FILE = "META-INF/services/io.pipelinekit.pipeline.PipelineDefinition";

  /** Class and resource name prefixes of the tool's own packages, always the tool's. */
  private static final List<String> TOOL_PACKAGES =
      List.of("core", "buildspec", "apispec", "pipeline", "aws", "cli").stream()
          .map(p -> "io.pipelinekit." + p + ".")
          .toList();

  private final String value;
  private final UserFirstLoader loader;

  private DefinitionClassPath(String value, List<Path> entries, ClassLoader parent) {
    this.value = value;
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw CliException.invalidInput(
            VARIABLE + " entry '" + entry + "' is not a usable path: " + e.getMessage());
      }
    }
    this.loader = new UserFirstLoader(urls.toArray(new URL[0]), parent);
  }

  /**
   * The definition classpath the {@value #PROPERTY} property names, with the tool's class loader
   * (the thread's context class loader: the application class loader in the launchers) as parent;
   * empty when it is not set (the definition is then looked up on the JVM's classpath).
   *
   * @throws CliException (exit 2) when an entry does not exist or is neither a folder nor a jar
   */
  static java.util.Optional<DefinitionClassPath> fromProperty() {
    String value = System.getProperty(PROPERTY, "");
    if (value.isBlank()) {
      return java.util.Optional.empty();
    }
    ClassLoader tool = Thread.currentThread().getContextClassLoader();
    if (tool == null) {
      tool = DefinitionClassPath.class.getClassLoader();
    }
    return java.util.Optional.of(new DefinitionClassPath(value, entries(value), tool));
  }

  /** The class loader of the definition (and of the classes it uses). */
  ClassLoader loader() {
    return loader;
  }

  /** The entries as given, for messages. */
  String value() {
    return value;
  }

  /**
   * The class names registered in {@value #SERVICE_FILE} of the user's entries only (not of the
   * tool's jars), in classpath order, without duplicates.
   */
  List<String> registeredDefinitions() {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> files = loader.findResources(SERVICE_FILE);
      for (URL file : Collections.list(files)) {
        readServiceFile(file, names);
      }
    } catch (IOException e) {
      throw CliException.invalidInput(
          "cannot read " + SERVICE_FILE + " of " + VARIABLE + "=" + value + ": " + e.getMessage());
    }
    return List.copyOf(names);
  }

  /** The names of one service file (one per line, {@code #} comments), as ServiceLoader reads. */
  private static void readServiceFile(URL file, Set<String> names) throws IOException {
    try (InputStream in = file.openStream();
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        int comment = line.indexOf('#');
        String name = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (name.isEmpty()) {
          continue;
        }
        if (!isClassName(name)) {
          throw CliException.invalidInput(
              file
                  + ":"
                  + number
                  + ": '"
                  + name
                  + "' is not a class name; each line of "
                  + SERVICE_FILE
                  + " names one class implementing io.pipelinekit.pipeline.PipelineDefinition");
        }
        names.add(name);
      }
    }
  }

  private static boolean isClassName(String name) {
    for (String part : name.split("\\.", -1)) {
      if (part.isEmpty() || !Character.isJavaIdentifierStart(part.codePointAt(0))) {
        return false;
      }
      if (!part.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The entries of {@code value}: relative ones against the working folder, {@code DIR/*} as the
   * jars in DIR (sorted by name), empty ones skipped.
   */
  static List<Path> entries(String value) {
    List<Path> entries = new ArrayList<>();
    Path workingFolder = Path.of("").toAbsolutePath();
    for (String raw : value.split(File.pathSeparator, -1)) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
        Path folder = workingFolder.resolve(entry.substring(0, entry.length() - 1));
        if (!Files.isDirectory(folder)) {
          throw missing(raw, folder);
        }
        entries.addAll(jarsIn(folder));
        continue;
      }
      Path path = workingFolder.resolve(entry).normalize();
      if (Files.isDirectory(path)) {
        entries.add(path);
      } else if (Files.isRegularFile(path)) {
        checkJar(raw, path);
        entries.add(path);
      } else {
        throw missing(raw, path);
      }
    }
    return List.copyOf(entries);
  }

  private static List<Path> jarsIn(Path folder) {
    List<Path> jars = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")
            && Files.isRegularFile(file)) {
          jars.add(file);
        }
      }
    } catch (IOException e) {
      throw CliException.invalidInput(
          VARIABLE + " folder " + folder + " cannot be listed: " + e.getMessage());
    }
    Collections.sort(jars);
    return jars;
  }

  private static void checkJar(String raw, Path path) {
    try (ZipFile zip = new ZipFile(path.toFile())) {
      // opens: a jar (or zip) it is
    } catch (IOException e) {
      throw CliException.invalidInput(
          VARIABLE
              + " entry '"
              + raw
              + "' ("
              + path
              + ") is neither a folder of classes nor a jar: "
              + e.getMessage());
    }
  }

  private static CliException missing(String raw, Path resolved) {
    return CliException.invalidInput(
        VARIABLE
            + " entry '"
            + raw
            + "' does not exist (looked for "
            + resolved
            + "); relative entries are read from the working folder. Put your definition's jar or"
            + " classes folder there, or fix "
            + VARIABLE);
  }

  /** Whether {@code name} (a class name, or a resource path with '/') is in a tool's package. */
  private static boolean isTool(String name) {
    String dotted = name.replace('/', '.');
    for (String prefix : TOOL_PACKAGES) {
      if (dotted.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Classes of the tool's packages from the parent (the tool) first; JDK classes from the JDK;
   * everything else from the user's entries first, then the parent.
   */
  private static final class UserFirstLoader extends URLClassLoader {
    static {
      ClassLoader.registerAsParallelCapable();
    }

    private final ClassLoader jdk = ClassLoader.getPlatformClassLoader();

    UserFirstLoader(URL[] urls, ClassLoader parent) {
      super("pipeline-definition", urls, parent);
    }

    /**
     * The permissions URLClassLoader grants a code source (reading its own jar or folder), made
     * when a security check first asks for them, as the JDK's class path loader makes them. Made
     * when each jar's first class is defined, they cost about 5 ms of a build's start-up (a
     * FilePermission canonicalises its path) for checks only a SecurityManager makes.
     */
    @Override
    protected PermissionCollection getPermissions(CodeSource codeSource) {
      return new LazyPermissions(this, codeSource);
    }

    PermissionCollection codeSourcePermissions(CodeSource codeSource) {
      return super.getPermissions(codeSource);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> type = findLoadedClass(name);
        if (type == null) {
          type = isTool(name) ? parentThenOwn(name) : jdkThenOwnThenParent(name);
        }
        if (resolve) {
          resolveClass(type);
        }
        return type;
      }
    }

    private Class<?> parentThenOwn(String name) throws ClassNotFoundException {
      try {
        return getParent().loadClass(name);
      } catch (ClassNotFoundException e) {
        return findClass(name); // not one of the tool's classes, though in its packages
      }
    }

    private Class<?> jdkThenOwnThenParent(String name) throws ClassNotFoundException {
      try {
        return jdk.loadClass(name);
      } catch (ClassNotFoundException e) {
        // not the JDK's
      }
      try {
        return findClass(name);
      } catch (ClassNotFoundException e) {
        return getParent().loadClass(name);
      }
    }

    @Override
    public URL getResource(String name) {
      if (isTool(name)) {
        URL tool = getParent().getResource(name);
        return tool != null ? tool : findResource(name);
      }
      URL jdkResource = jdk.getResource(name);
      if (jdkResource != null) {
        return jdkResource;
      }
      URL own = findResource(name);
      return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      List<URL> all = new ArrayList<>();
      if (isTool(name)) {
        all.addAll(Collections.list(getParent().getResources(name)));
        all.addAll(Collections.list(findResources(name)));
      } else {
        all.addAll(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
      }
      return Collections.enumeration(all);
    }
  }

  /** {@link UserFirstLoader#codeSourcePermissions}, made on first use. */
  static final class LazyPermissions extends PermissionCollection {
    private static final long serialVersionUID = 1L;

    private final transient UserFirstLoader loader;
    private final transient CodeSource codeSource;
    private transient PermissionCollection permissions;

    LazyPermissions(UserFirstLoader loader, CodeSource codeSource) {
      this.loader = loader;
      this.codeSource = codeSource;
    }

    /** Whether a check has asked for them yet. */
    synchronized boolean made() {
      return permissions != null;
    }

    private synchronized PermissionCollection permissions() {
      if (permissions == null) {
        permissions = loader.codeSourcePermissions(codeSource);
        if (isReadOnly()) {
          permissions.setReadOnly();
        }
      }
      return permissions;
    }

    @Override
    public void add(Permission permission) {
      if (isReadOnly()) {
        throw new SecurityException("attempt to add a Permission to a readonly collection");
      }
      permissions().add(permission);
    }

    @Override
    public boolean implies(Permission permission) {
      return permissions().implies(permission);
    }

    @Override
    public Enumeration<Permission> elements() {
      return permissions().elements();
    }

    @Override
    public synchronized void setReadOnly() {
      super.setReadOnly();
      if (permissions != null) {
        permissions.setReadOnly();
      }
    }
  }
}
