package io.pipelinekit.cli;

import io.pipelinekit.pipeline.DefinitionException;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which pipeline definition to load ({@code --definition FQCN}) and its parameters ({@code -P
 * name=value}); shared by {@code build}, {@code graph} and {@code apply}.
 */
public final class DefinitionOptions {
  /**
   * The system property through which a launcher names the definition to use when no {@code
   * --definition} is given ({@code bin/pipeline} names the bundled service's).
   */
  public static final String DEFAULT_DEFINITION_PROPERTY = "pipeline.definition";

  String definition;

  Map<String, String> parameters = new LinkedHashMap<>();

  /** The parameters file read from the working folder when {@code --parameters} is not given. */
  public static final String DEFAULT_PARAMETERS_FILE = "pipeline.parameters";

  Path parametersFile;

  CommandSpec mixee;

  /** These options' model, mixed into commands (see {@link Specs}). */
  Specs specs() {
    Specs s = Specs.mixin(this);
    s.option("definition", "--definition")
        .paramLabel("FQCN")
        .description(
            "The class implementing io.pipelinekit.pipeline.PipelineDefinition. Default: the one the"
                + " launcher names (bin/pipeline: the bundled service's), else the only one"
                + " registered in META-INF/services/io.pipelinekit.pipeline.PipelineDefinition on the"
                + " classpath. Put your own on the classpath with PIPELINE_CLASSPATH.");
    s.option("parameters", "-P", "--parameter")
        .paramLabel("NAME=VALUE")
        .description("A definition parameter, e.g. -P account=111122223333 (repeatable).");
    s.option("parametersFile", "--parameters")
        .paramLabel("FILE")
        .description(
            "A file of definition parameters, one NAME=VALUE per line (# comments); -P overrides"
                + " its values. Default: "
                + DEFAULT_PARAMETERS_FILE
                + " in the working folder, when there is one.");
    return s;
  }

  /** The file read (explicit or the default one), once read; null when none. */
  private ParametersFile fileRead;

  /**
   * The parameters: the file's ({@code --parameters FILE}, else {@value #DEFAULT_PARAMETERS_FILE}
   * in the working folder when it exists), each overridden by a {@code -P} of the same name.
   */
  Map<String, String> parameters() {
    Map<String, String> merged = new LinkedHashMap<>();
    fileRead = null;
    if (parametersFile != null) {
      fileRead = ParametersFile.read(parametersFile, parametersFile.toString());
    } else {
      Path conventional = Path.of(DEFAULT_PARAMETERS_FILE);
      if (Files.exists(conventional, LinkOption.NOFOLLOW_LINKS)) {
        fileRead = ParametersFile.read(conventional, DEFAULT_PARAMETERS_FILE);
        if (mixee != null) {
          PrintWriter err = mixee.commandLine().getErr();
          err.println(
              "pipeline: read "
                  + CommandSupport.counted(fileRead.values().size(), "parameter")
                  + " from "
                  + DEFAULT_PARAMETERS_FILE
                  + " in the working folder (-P overrides; --parameters FILE reads another)");
          err.flush();
        }
      }
    }
    if (fileRead != null) {
      merged.putAll(fileRead.values());
    }
    if (parameters != null) {
      merged.putAll(parameters);
    }
    return merged;
  }

  /**
   * Rejects a parameter from the file that the definition never asked for, naming its line (the
   * {@code -P} ones are {@link Parameters#checkAllUsed()}'s).
   */
  private void checkFileParametersUsed(Parameters params) {
    if (fileRead == null) {
      return;
    }
    Map<String, String> asked = params.asked();
    for (String name : fileRead.values().keySet()) {
      boolean overridden = parameters != null && parameters.containsKey(name);
      if (!asked.containsKey(name) && !overridden) {
        throw CliException.invalidInput(
            fileRead.where(name)
                + ": unknown parameter '"
                + name
                + "'; the definition takes: "
                + String.join(", ", new TreeSet<>(asked.keySet())));
      }
    }
  }

  /**
   * The definition's class name: as given, else the launcher's default, else the registered one.
   */
  public String definition() {
    if (definition != null && !definition.isBlank()) {
      return definition;
    }
    String named = System.getProperty(DEFAULT_DEFINITION_PROPERTY, "");
    if (!named.isBlank()) {
      return named;
    }
    Optional<DefinitionClassPath> user = userClassPath();
    List<String> registered =
        user.isPresent() ? sorted(user.get().registeredDefinitions()) : registeredDefinitions();
    if (registered.size() == 1) {
      return registered.get(0);
    }
    String where =
        user.isPresent()
            ? " in " + DefinitionClassPath.VARIABLE + "=" + user.get().value()
            : " on the classpath";
    throw CliException.invalidInput(
        registered.isEmpty()
            ? "no pipeline definition: pass --definition FQCN (a class implementing"
                + " io.pipelinekit.pipeline.PipelineDefinition"
                + where
                + ")"
                + (user.isPresent()
                    ? ", or register it in " + DefinitionClassPath.SERVICE_FILE
                    : "")
            : "more than one pipeline definition"
                + where
                + " "
                + registered
                + ": pick one with --definition FQCN");
  }

  private static List<String> sorted(List<String> names) {
    List<String> copy = new ArrayList<>(names);
    Collections.sort(copy);
    return copy;
  }

  /**
   * The user's definition classpath ({@code PIPELINE_CLASSPATH}, passed by the launchers as the
   * {@value DefinitionClassPath#PROPERTY} property), read once; empty when not set: the definition
   * is then looked up through the thread's context class loader (in-process runs, tests).
   */
  private Optional<DefinitionClassPath> userClassPath() {
    if (userClassPath == null) {
      userClassPath = DefinitionClassPath.fromProperty();
    }
    return userClassPath;
  }

  private Optional<DefinitionClassPath> userClassPath;

  /** The definitions registered with {@link ServiceLoader}, by class name, sorted. */
  private static List<String> registeredDefinitions() {
    List<String> names = new ArrayList<>();
    try {
      ServiceLoader.load(PipelineDefinition.class, classLoader()).stream()
          .map(provider -> provider.type().getName())
          .forEach(names::add);
    } catch (ServiceConfigurationError e) {
      throw CliException.invalidInput(
          "a META-INF/services/io.pipelinekit.pipeline.PipelineDefinition entry on the classpath"
              + " is broken: "
              + e.getMessage());
    }
    Collections.sort(names);
    return names;
  }

  private static ClassLoader classLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : DefinitionOptions.class.getClassLoader();
  }

  /** The loader of the definition: the user's classpath's, else the context class loader. */
  private ClassLoader definitionLoader() {
    return userClassPath()
        .map(DefinitionClassPath::loader)
        .orElseGet(DefinitionOptions::classLoader);
  }

  /**
   * Runs the definition's code with its loader as the thread's context class loader (as when its
   * entries were on the JVM's classpath: code that reads its own resources or services through it
   * still finds them).
   */
  private <T> T withDefinitionLoader(java.util.function.Supplier<T> work) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    ClassLoader loader = definitionLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** The pipeline the definition builds with the given parameters (checked by every rule). */
  public Pipeline load() {
    return load(Parameters.of(parameters()));
  }

  /** The parameters the definition reads, with their defaults (null when required). */
  public Map<String, String> describeParameters() {
    Parameters params = Parameters.of(parameters());
    String className = definition();
    try {
      withDefinitionLoader(() -> define(className, instantiate(className), params));
    } catch (DefinitionException e) {
      // the parameters asked for before the definition failed are still worth listing
    }
    return params.asked();
  }

  private Pipeline load(Parameters params) {
    String className = definition();
    Pipeline pipeline =
        withDefinitionLoader(() -> define(className, instantiate(className), params));
    if (pipeline == null) {
      throw CliException.invalidInput(
          "definition " + className + " returned no pipeline from define(Parameters)");
    }
    checkFileParametersUsed(params);
    params.checkAllUsed();
    return pipeline;
  }

  private PipelineDefinition instantiate(String className) {
    ClassLoader loader = definitionLoader();
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      Optional<DefinitionClassPath> user = userClassPath();
      throw CliException.invalidInput(
          user.isPresent()
              ? "definition class "
                  + className
                  + " is not in "
                  + DefinitionClassPath.VARIABLE
                  + "="
                  + user.get().value()
                  + " (nor in the tool); check the name, and that its jar or classes folder is"
                  + " listed there"
              : "definition class "
                  + className
                  + " is not on the classpath; check the name, or add its jar or classes folder"
                  + " with PIPELINE_CLASSPATH=... bin/pipeline build --definition "
                  + className);
    }
    if (!PipelineDefinition.class.isAssignableFrom(type)) {
      throw CliException.invalidInput(
          "definition class "
              + className
              + " does not implement io.pipelinekit.pipeline.PipelineDefinition; implement"
              + " Pipeline define(Parameters)");
    }
    if (type.getEnclosingClass() != null
        && !java.lang.reflect.Modifier.isStatic(type.getModifiers())) {
      throw CliException.invalidInput(
          "definition class "
              + className
              + " is an inner class, which needs an instance of its enclosing class; declare it"
              + " static (or as a top-level class)");
    }
    try {
      Class.forName(className, true, loader);
    } catch (ExceptionInInitializerError e) {
      throw staticInitFailure(className, type, e);
    } catch (ClassNotFoundException | LinkageError e) {
      throw DefinitionFailure.of(className, type, "its static initializer", e);
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor();
      return (PipelineDefinition) constructor.newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw CliException.invalidInput(
          "definition class " + className + " needs a public constructor without arguments");
    } catch (InstantiationException e) {
      throw CliException.invalidInput(
          "definition class " + className + " cannot be instantiated (abstract or an interface)");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof DefinitionException definitionProblem) {
        throw definitionProblem;
      }
      throw DefinitionFailure.of(
          className,
          type,
          "its constructor",
          cause instanceof ExceptionInInitializerError init && init.getCause() != null
              ? init.getCause()
              : cause);
    } catch (ExceptionInInitializerError e) {
      throw staticInitFailure(className, type, e);
    }
  }

  private static RuntimeException staticInitFailure(
      String className, Class<?> type, ExceptionInInitializerError e) {
    if (e.getCause() instanceof DefinitionException definitionProblem) {
      return definitionProblem;
    }
    return DefinitionFailure.of(
        className, type, "its static initializer", e.getCause() == null ? e : e.getCause());
  }

  /**
   * The definition's pipeline; an exception its code throws (other than a {@link
   * DefinitionException}) is reported as the definition's failure, naming the user's own frame.
   */
  private static Pipeline define(
      String className, PipelineDefinition definition, Parameters params) {
    try {
      return PipelineDefinition.define(definition, params);
    } catch (DefinitionException e) {
      throw e;
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      Throwable blamed =
          e instanceof ExceptionInInitializerError init && init.getCause() != null
              ? init.getCause()
              : e;
      if (blamed instanceof DefinitionException definitionProblem) {
        throw definitionProblem;
      }
      throw DefinitionFailure.of(className, definition.getClass(), "define()", blamed);
    }
  }
}
