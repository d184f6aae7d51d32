package io.pipelinekit.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** A usage error: one line saying what is wrong, then how to get help; exit 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("pipeline: " + wording(ex.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    if (ex instanceof CommandLine.MissingParameterException
        || ex instanceof CommandLine.UnmatchedArgumentException) {
      String dashed = dashedNonOption(cmd.getCommandSpec(), args);
      if (dashed != null) {
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(
            "'"
                + dashed
                + "' is not an option of '"
                + name
                + "'; if it is a file name, put -- before it: "
                + name
                + " -- "
                + dashed);
      }
    }
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return ExitCodes.USAGE;
  }

  /**
   * Picocli's message, without its doubled wording: its KEY=VALUE check says "Value for option
   * option '--parameter'" (it puts "option" before a description that already starts with it).
   */
  static String wording(String message) {
    return message == null ? "" : message.replace("option option '", "option '");
  }

  /**
   * The first argument that starts with '-' but names none of the command's options (not an
   * option's value, nothing after {@code --}): a file whose name starts with '-', most likely.
   */
  private static String dashedNonOption(CommandSpec spec, String[] args) {
    boolean valueNext = false;
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      if (valueNext) {
        valueNext = false;
        continue;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        continue;
      }
      int eq = arg.indexOf('=');
      OptionSpec option = spec.findOption(eq > 0 ? arg.substring(0, eq) : arg);
      if (option == null && spec.parent() != null) {
        option = spec.parent().findOption(eq > 0 ? arg.substring(0, eq) : arg);
      }
      if (option == null) {
        return arg;
      }
      valueNext = eq < 0 && option.arity().max() > 0;
    }
    return null;
  }
}
