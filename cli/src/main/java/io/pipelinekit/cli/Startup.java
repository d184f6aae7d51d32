package io.pipelinekit.cli;

/**
 * What a short run must not pay for. A class or resource the start-up archive does not hold is
 * looked up jar by jar along the classpath, and a lookup that finds nothing opens every jar on it
 * (with the hundred library jars the distribution once had in {@code lib/}, about 0.13 s of CPU on
 * a cold JVM: each jar's central directory is read and indexed by interpreted code; now the
 * libraries are one jar, and in tests and embedders they may still be many). So nothing on a
 * command's way may ask the classpath for something that is not there.
 */
final class Startup {
  /**
   * picocli's default factory looks for Groovy's {@code groovy.lang.Closure} when it is first used
   * (annotations may hold Groovy closures in Groovy scripts); this command line has none, and the
   * system property picocli documents turns the look-up off.
   */
  static final String PICOCLI_DISABLE_CLOSURES = "picocli.disable.closures";

  /**
   * Every picocli command line registers built-in converters for the JDK types it might meet, and
   * those of {@code java.sql} and {@code java.time} by reflection ({@code Class.forName} and a
   * method look-up each, about 0.04 s on a cold JVM). No option of ours has such a type (a {@code
   * Duration} option names its own converter); the system property picocli documents (regular
   * expressions of class names, comma-separated) leaves them out.
   */
  static final String PICOCLI_CONVERTERS_EXCLUDES = "picocli.converters.excludes";

  /**
   * The types whose built-in converters are left out: java.sql's and java.time's. One expression:
   * picocli matches each of its 19 reflective types against each expression with {@code
   * String.matches}, compiling it every time (in every command line), so each one more costs more
   * than a look-up it saves.
   */
  static final String UNUSED_CONVERTER_TYPES = "java\\.(sql|time)\\..*";

  /**
   * swagger-parser and the AWS SDK log through SLF4J, which the command line binds to its no-op
   * provider. Without this property SLF4J 2 finds its provider with a {@code ServiceLoader}, which
   * asks every jar for its {@code META-INF/services} file (SLF4J 1.7 asked every jar for {@code
   * StaticLoggerBinder}): about 0.1 s of CPU in a short {@code lint}. Named here, it is loaded
   * directly. See https://www.slf4j.org/manual.html#explicitProvider
   */
  static final String SLF4J_PROVIDER = "slf4j.provider";

  static final String NO_OP_PROVIDER = "org.slf4j.nop.NOPServiceProvider";

  /**
   * SLF4J reports a provider named by {@link #SLF4J_PROVIDER} on standard error at its INFO level
   * ("Attempting to load provider ...", https://github.com/qos-ch/slf4j/issues/361); warnings and
   * errors still show.
   */
  static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

  private Startup() {}

  /** Called before the first picocli command line is built. */
  static void beforePicocli() {
    if (System.getProperty(PICOCLI_DISABLE_CLOSURES) == null) {
      System.setProperty(PICOCLI_DISABLE_CLOSURES, "true");
    }
    if (System.getProperty(PICOCLI_CONVERTERS_EXCLUDES) == null) {
      System.setProperty(PICOCLI_CONVERTERS_EXCLUDES, UNUSED_CONVERTER_TYPES);
    }
    if (System.getProperty(SLF4J_PROVIDER) == null) {
      System.setProperty(SLF4J_PROVIDER, NO_OP_PROVIDER);
      if (System.getProperty(SLF4J_VERBOSITY) == null) {
        System.setProperty(SLF4J_VERBOSITY, "WARN");
      }
    }
  }
}
