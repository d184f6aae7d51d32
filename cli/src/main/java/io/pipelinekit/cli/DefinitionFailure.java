package io.pipelinekit.cli;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.internal.UserCodeFailure;
import io.pipelinekit.pipeline.Pipeline;
import java.util.List;
import picocli.CommandLine;

/**
 * An exception thrown by a user's definition code (its {@code define()}, constructor or static
 * initializer), reported as the definition's failure: exit 2, the exception in words with its
 * message, and the user's own frame it came from. pipelinekit's frames (and the JDK's, and
 * picocli's) are left out; {@code --verbose} prints the whole trace (the exception is the cause).
 */
final class DefinitionFailure {
  private DefinitionFailure() {}

  /** Where pipelinekit's own classes (and picocli's) are loaded from: not the user's code. */
  private static final List<Class<?>> LIBRARY =
      List.of(
          DefinitionFailure.class,
          Pipeline.class,
          Finding.class,
          BuildSpecException.class,
          ApiSpecException.class,
          AwsClients.class,
          CommandLine.class);

  /**
   * The failure of {@code definition}'s code: {@code during} says what ran ({@code "define()"},
   * {@code "its constructor"}, {@code "its static initializer"}).
   */
  static CliException of(String className, Class<?> definition, String during, Throwable thrown) {
    return new CliException(
        ExitCodes.USAGE,
        UserCodeFailure.describe(className, definition, during, thrown, LIBRARY)
            + "\nFix the definition; run again with --verbose for the full stack trace.",
        thrown);
  }
}
