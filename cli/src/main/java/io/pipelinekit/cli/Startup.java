package io.pipelinekit.cli;

/**
 * What a short run must not pay for. A class or resource the start-up archive does not hold is
 * looked up jar by jar along the classpath, and a lookup that finds nothing opens every one of the
 * hundred jars in {@code lib/} (about 0.13 s of CPU on a cold JVM: each jar's central directory is
 * read and indexed by interpreted code). So nothing on a command's way may ask the classpath for
 * something that is not there.
 */
final class Startup {
  /**
   * picocli's default factory looks for Groovy's {@code groovy.lang.Closure} when it is first used
   * (annotations may hold Groovy closures in Groovy scripts); this command line has none, and the
   * system property picocli documents turns the look-up off.
   */
  static final String PICOCLI_DISABLE_CLOSURES = "picocli.disable.closures";

  private Startup() {}

  /** Called before the first picocli command line is built. */
  static void beforePicocli() {
    if (System.getProperty(PICOCLI_DISABLE_CLOSURES) == null) {
      System.setProperty(PICOCLI_DISABLE_CLOSURES, "true");
    }
  }
}
