package io.pipelinekit.cli;

import io.pipelinekit.core.FileProblems;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions from a command to a message and an exit code. A user-input problem is one or two
 * lines a person can act on; a stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = verbose(cmd, parseResult);
    Classified classified = classify(ex);
    err.println("pipeline: " + classified.message());
    if (verbose) {
      ex.printStackTrace(err);
    } else if (classified.internal()) {
      err.println("This is a bug in pipelinekit; run again with --verbose for the stack trace.");
    }
    err.flush();
    return classified.exitCode();
  }

  /** Whether --verbose was given, on the command or any subcommand in the chain. */
  private static boolean verbose(CommandLine cmd, ParseResult parseResult) {
    CommandLine top = cmd;
    while (top.getParent() != null) {
      top = top.getParent();
    }
    for (ParseResult r : new ParseResult[] {parseResult, top.getParseResult()}) {
      for (ParseResult p = r; p != null; p = p.subcommand()) {
        if (p.hasMatchedOption("--verbose")
            || Arrays.asList(p.originalArgs()).contains("--verbose")) {
          return true;
        }
      }
    }
    return false;
  }

  private record Classified(int exitCode, String message, boolean internal) {}

  private static Classified classify(Throwable ex) {
    if (ex instanceof CliException cli) {
      return new Classified(cli.exitCode(), cli.getMessage(), false);
    }
    for (UserErrors.Kind kind : UserErrors.KINDS) {
      if (kind.type().isInstance(ex)) {
        return new Classified(kind.exitCode(), ex.getMessage(), false);
      }
    }
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof IOException io) {
        // The environment, not a bug: a file that cannot be read or written, in words.
        String file =
            io instanceof FileSystemException f && f.getFile() != null ? f.getFile() : null;
        return new Classified(
            ExitCodes.USAGE, (file == null ? "" : file + ": ") + FileProblems.describe(io), false);
      }
    }
    String message = ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
    return new Classified(ExitCodes.CHECK_FAILED, "internal error: " + message, true);
  }
}
