package io.pipelinekit.maven;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.internal.UserCodeFailure;
import io.pipelinekit.pipeline.DefinitionException;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;

/**
 * The project's pipeline definition, run on the project's own runtime classpath: a class loader
 * over its classes and dependencies whose parent is the plugin's, so that the {@code
 * io.pipelinekit.pipeline} types the definition builds are the plugin's own.
 */
final class ProjectDefinition implements AutoCloseable {
  static final String SERVICE_FILE = "META-INF/services/" + PipelineDefinition.class.getName();

  private final URLClassLoader loader;

  private ProjectDefinition(URLClassLoader loader) {
    this.loader = loader;
  }

  /** A class loader over the project's runtime classpath (its classes folder first). */
  static ProjectDefinition open(MavenProject project) throws MojoExecutionException {
    List<String> elements;
    try {
      elements = project.getRuntimeClasspathElements();
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException(
          "the project's runtime dependencies are not resolved: " + e.getMessage(), e);
    }
    return open(elements.stream().map(Path::of).toList(), project.getArtifactId());
  }

  /** A class loader over these classpath elements (missing ones left out). */
  static ProjectDefinition open(List<Path> classpath, String projectName)
      throws MojoExecutionException {
    List<URL> urls = new ArrayList<>();
    for (Path path : classpath) {
      if (!Files.exists(path)) {
        continue; // e.g. target/classes of a project with no sources yet
      }
      try {
        urls.add(path.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new MojoExecutionException("classpath element " + path + " is not a path", e);
      }
    }
    return new ProjectDefinition(
        new URLClassLoader(
            "pipeline definition of " + projectName,
            urls.toArray(URL[]::new),
            ProjectDefinition.class.getClassLoader()));
  }

  /** The definition's class name: the configured one, else the one registered by ServiceLoader. */
  String className(String configured) throws MojoFailureException {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    List<String> registered = registered();
    if (registered.size() == 1) {
      return registered.get(0);
    }
    throw new MojoFailureException(
        registered.isEmpty()
            ? "no pipeline definition: none is registered in "
                + SERVICE_FILE
                + " on the project's classpath (compiled into target/classes). Register your class"
                + " implementing "
                + PipelineDefinition.class.getName()
                + " there, or configure <definition>FQCN</definition> (-Dpipeline.definition=FQCN)"
            : "more than one pipeline definition is registered in "
                + SERVICE_FILE
                + ": "
                + registered
                + "; pick one with <definition>FQCN</definition> (-Dpipeline.definition=FQCN)");
  }

  private List<String> registered() throws MojoFailureException {
    List<String> names = new ArrayList<>();
    try {
      ServiceLoader.load(PipelineDefinition.class, loader).stream()
          .map(provider -> provider.type().getName())
          .forEach(names::add);
    } catch (ServiceConfigurationError e) {
      throw new MojoFailureException(
          "an entry of "
              + SERVICE_FILE
              + " on the project's classpath is broken: "
              + e.getMessage());
    }
    Collections.sort(names);
    return names;
  }

  /**
   * The pipeline the definition builds with these parameters, every structure rule checked. Through
   * {@link PipelineDefinition#define(PipelineDefinition, Parameters)}: every missing or invalid
   * setting and every required parameter not given is reported at once.
   *
   * @throws MojoFailureException when there is no such definition, it breaks a rule (every problem
   *     listed), or its code throws (the exception in words and the definition's own frame)
   */
  Pipeline load(String configured, Map<String, String> parameters)
      throws MojoFailureException, MojoExecutionException {
    String name = className(configured);
    Map<String, String> values = new LinkedHashMap<>();
    if (parameters != null) {
      parameters.forEach((k, v) -> values.put(k, v == null ? "" : v));
    }
    Parameters params = Parameters.of(values);
    Pipeline pipeline =
        run(
            name,
            () -> {
              PipelineDefinition definition = instantiate(name);
              Pipeline built = define(name, definition, params);
              params.checkAllUsed();
              return built;
            });
    if (pipeline == null) {
      throw new MojoFailureException(
          "definition " + name + " returned no pipeline from define(Parameters)");
    }
    return pipeline;
  }

  /**
   * The definition's pipeline; an exception its code throws (other than a {@link
   * DefinitionException}) is the definition's failure, naming the user's own frame.
   */
  private static Pipeline define(String name, PipelineDefinition definition, Parameters params) {
    try {
      return PipelineDefinition.define(definition, params);
    } catch (DefinitionException e) {
      throw e;
    } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
      throw userCodeFailure(name, definition.getClass(), "define()", e);
    }
  }

  /**
   * {@code thrown} by the definition's code {@code during} a step, as a build failure: a {@link
   * DefinitionException} (also inside an initializer error) is itself; anything else is described
   * with the user's frame, the exception kept as the cause (shown with {@code mvn -e}).
   */
  private static RuntimeException userCodeFailure(
      String name, Class<?> type, String during, Throwable thrown) {
    Throwable blamed =
        thrown instanceof ExceptionInInitializerError init && init.getCause() != null
            ? init.getCause()
            : thrown;
    if (blamed instanceof DefinitionException definitionProblem) {
      return definitionProblem;
    }
    return new UserError(
        UserCodeFailure.describe(name, type, during, blamed, LIBRARY)
            + "\nFix the definition; run Maven with -e for the full stack trace.",
        blamed);
  }

  /** Where pipelinekit's classes (and Maven's) are loaded from: not the user's code. */
  private static final List<Class<?>> LIBRARY =
      List.of(
          ProjectDefinition.class,
          Pipeline.class,
          Finding.class,
          BuildSpecException.class,
          ApiSpecException.class,
          MojoExecutionException.class,
          MavenProject.class);

  /**
   * Runs {@code work} with the project's class loader as the thread's context class loader; a
   * broken rule is a build failure listing every problem, anything else the definition throws an
   * error with its cause (shown with {@code mvn -e}).
   */
  <T> T run(String name, Supplier<T> work) throws MojoFailureException, MojoExecutionException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return work.get();
    } catch (DefinitionException e) {
      throw failure(name, e);
    } catch (UserError e) {
      throw e.getCause() == null
          ? new MojoFailureException(e.getMessage())
          : new MojoFailureException(e.getMessage(), e.getCause());
    } catch (ApiSpecException | BuildSpecException e) {
      throw new MojoFailureException(e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      throw new MojoExecutionException(
          "definition "
              + name
              + " failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + " (mvn -e shows where)",
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** Every problem of a definition, one per line with its rule id. */
  static MojoFailureException failure(String name, DefinitionException e) {
    List<Finding> problems = e.problems();
    if (problems.isEmpty()) {
      return new MojoFailureException("definition " + name + ": " + e.getMessage());
    }
    StringBuilder message =
        new StringBuilder("definition ")
            .append(name)
            .append(" breaks ")
            .append(problems.size())
            .append(problems.size() == 1 ? " rule:" : " rules:");
    for (Finding problem : problems) {
      message.append("\n  - ").append(problem.ruleId()).append(": ").append(problem.message());
    }
    message.append("\nEach rule is explained in pipelinekit's docs/rules/<rule-id>.md.");
    return new MojoFailureException(message.toString());
  }

  private PipelineDefinition instantiate(String className) {
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new UserError(
          "definition class "
              + className
              + " is not on the project's classpath; check the name in <definition>, and that the"
              + " class is in src/main/java (compiled before this goal runs)");
    }
    if (!PipelineDefinition.class.isAssignableFrom(type)) {
      throw new UserError(
          "definition class "
              + className
              + " does not implement "
              + PipelineDefinition.class.getName()
              + "; implement Pipeline define(Parameters)");
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw new UserError(
          "definition class "
              + className
              + " is an inner class, which needs an instance of its enclosing class; declare it"
              + " static (or as a top-level class)");
    }
    try {
      Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw userCodeFailure(className, type, "its static initializer", e);
    }
    try {
      return (PipelineDefinition) type.getDeclaredConstructor().newInstance();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new UserError(
          "definition class " + className + " needs a public constructor without arguments");
    } catch (InstantiationException e) {
      throw new UserError(
          "definition class " + className + " cannot be instantiated (abstract or an interface)");
    } catch (InvocationTargetException e) {
      throw userCodeFailure(
          className, type, "its constructor", e.getCause() == null ? e : e.getCause());
    }
  }

  @Override
  public void close() throws MojoExecutionException {
    try {
      loader.close();
    } catch (IOException e) {
      throw new MojoExecutionException("cannot close the definition's class loader", e);
    }
  }

  /** A problem with the configured definition class, reported as a build failure. */
  private static final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
      super(message);
    }

    UserError(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
