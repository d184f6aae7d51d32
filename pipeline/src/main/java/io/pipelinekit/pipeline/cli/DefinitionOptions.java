package io.pipelinekit.pipeline.cli;

import io.pipelinekit.pipeline.DefinitionException;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which pipeline definition to load ({@code --definition FQCN}) and its parameters ({@code -P
 * name=value}); shared by {@code build}, {@code graph} and {@code apply}.
 */
public final class DefinitionOptions {
  /** The bundled service's definition, used when no {@code --definition} is given. */
  public static final String DEFAULT_DEFINITION =
      "io.pipelinekit.service.definition.ServicePipeline";

  @Option(
      names = "--definition",
      paramLabel = "FQCN",
      description =
          "The class implementing io.pipelinekit.pipeline.PipelineDefinition (default: the"
              + " bundled service's, ${DEFAULT-VALUE}). Put your own on the classpath with"
              + " PIPELINE_CLASSPATH.",
      defaultValue = DEFAULT_DEFINITION)
  String definition = DEFAULT_DEFINITION;

  @Option(
      names = {"-P", "--parameter"},
      paramLabel = "NAME=VALUE",
      description = "A definition parameter, e.g. -P account=111122223333 (repeatable).")
  Map<String, String> parameters = new LinkedHashMap<>();

  /** The definition's class name. */
  public String definition() {
    return definition;
  }

  /** The pipeline the definition builds with the given parameters (checked by every rule). */
  public Pipeline load() {
    return load(Parameters.of(parameters == null ? Map.of() : parameters));
  }

  /** The parameters the definition reads, with their defaults (null when required). */
  public Map<String, String> describeParameters() {
    Parameters params = Parameters.of(parameters == null ? Map.of() : parameters);
    try {
      instantiate(this.definition).define(params);
    } catch (DefinitionException e) {
      // the parameters asked for before the definition failed are still worth listing
    }
    return params.asked();
  }

  private Pipeline load(Parameters params) {
    PipelineDefinition definition = instantiate(this.definition);
    Pipeline pipeline = definition.define(params);
    if (pipeline == null) {
      throw CliException.invalidInput(
          "definition " + this.definition + " returned no pipeline from define(Parameters)");
    }
    params.checkAllUsed();
    return pipeline;
  }

  static PipelineDefinition instantiate(String className) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = DefinitionOptions.class.getClassLoader();
    }
    Class<?> type;
    try {
      type = Class.forName(className, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw CliException.invalidInput(
          "definition class "
              + className
              + " is not on the classpath; check the name, or add its jar or classes folder with"
              + " PIPELINE_CLASSPATH=... bin/pipeline build --definition "
              + className);
    }
    if (!PipelineDefinition.class.isAssignableFrom(type)) {
      throw CliException.invalidInput(
          "definition class "
              + className
              + " does not implement io.pipelinekit.pipeline.PipelineDefinition; implement"
              + " Pipeline define(Parameters)");
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
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(cause);
    }
  }
}
