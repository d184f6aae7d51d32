package io.pipelinekit.cli;

import io.pipelinekit.cli.internal.StartupArchive;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pipeline} command line. Each subcommand is one class implementing {@code
 * Callable<Integer>}; this class only wires them together and maps errors to exit codes.
 *
 * <p>Exit codes: {@link ExitCodes#OK} 0, {@link ExitCodes#CHECK_FAILED} 1 (the thing checked
 * failed), {@link ExitCodes#USAGE} 2 (usage error, unreadable or invalid input).
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Pipeline-as-code for AWS CodePipeline and CodeBuild.",
    synopsisSubcommandLabel = "COMMAND")
public final class PipelineCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** What {@code -} reads (lint, diff, merge): the process's standard input unless given. */
  private InputStream standardInput = System.in;

  InputStream standardInput() {
    return standardInput;
  }

  public static void main(String[] args) {
    if (QuickVersion.handled(args, System.out)) {
      StartupArchive.rewriteIfRefused();
      return;
    }
    int code = execute(args);
    StartupArchive.rewriteIfRefused();
    System.exit(code);
  }

  /** Runs the command line with the process's standard streams. */
  public static int execute(String... args) {
    return commandLineFor(args).execute(args);
  }

  /** Runs the command line with the given output streams (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return execute(System.in, out, err, args);
  }

  /**
   * Runs the command line with the given standard input (what {@code -} reads) and output streams
   * (for tests and embedding).
   */
  public static int execute(InputStream in, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLineFor(args);
    ((PipelineCli) cli.getCommand()).standardInput = java.util.Objects.requireNonNull(in, "in");
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** A configured command line: every subcommand registered, errors mapped to exit codes. */
  public static CommandLine newCommandLine() {
    return newCommandLine(null);
  }

  /**
   * The command line for these arguments: when the first names a subcommand, only that one is
   * registered (picocli's introspection of every other command is most of a short run's start-up
   * time); otherwise (options, {@code help}, which describes the others, an unknown name) every
   * subcommand.
   */
  static CommandLine commandLineFor(String... args) {
    if (args.length > 0 && !args[0].equals("help") && COMMANDS.contains(args[0])) {
      return newCommandLine(args[0]);
    }
    return newCommandLine(null);
  }

  private static CommandLine newCommandLine(String only) {
    Startup.beforePicocli();
    CommandLine cli = new CommandLine(new PipelineCli());
    for (String name : only == null ? COMMANDS : List.of(only)) {
      Object command = newCommand(name);
      // `pipeline COMMAND -V` prints what `pipeline -V` does (picocli gives a subcommand none)
      CommandLine sub = new CommandLine(command);
      sub.getCommandSpec().versionProvider(new VersionProvider());
      cli.addSubcommand(sub);
    }
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExitCodeExceptionMapper(new UsageExitCode());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  /**
   * The subcommands' names, as their {@code @Command} names them, in the order of docs/commands.md;
   * {@link #newCommand} makes each.
   */
  static final List<String> COMMANDS =
      List.of(
          "build",
          "graph",
          "image-definitions",
          "init",
          "lint",
          "rules",
          "merge",
          "diff",
          "deploy-api",
          "rollback-api",
          "deploy-stack",
          "apply",
          "drift",
          "run-local",
          "help",
          "completion");

  /**
   * A new instance of the subcommand of this name (one of {@link #COMMANDS}): a run makes only the
   * one it names (a command's constructor and field initialisers may do work, e.g. {@code init}'s
   * default version), a run that lists them ({@code --help}, {@code help}, completion) all of them.
   * One line each, in the order of {@link #COMMANDS}.
   */
  static Object newCommand(String name) {
    return switch (name) {
      // -- build, graph, image-definitions
      case "build" -> new BuildCommand();
      case "graph" -> new GraphCommand();
      case "image-definitions" -> new ImageDefinitionsCommand();
      // -- init
      case "init" -> new InitCommand();
      // -- lint, rules
      case "lint" -> new LintCommand();
      case "rules" -> new RulesCommand();
      // -- merge, diff
      case "merge" -> new MergeCommand();
      case "diff" -> new DiffCommand();
      // -- deploy-api, rollback-api, deploy-stack, apply, drift
      case "deploy-api" -> new DeployApiCommand();
      case "rollback-api" -> new RollbackApiCommand();
      case "deploy-stack" -> new DeployStackCommand();
      case "apply" -> new ApplyCommand();
      case "drift" -> new DriftCommand();
      // -- run-local
      case "run-local" -> new RunLocalCommand();
      // -- help, completion
      case "help" -> new CommandLine.HelpCommand();
      case "completion" -> new CompletionCommand();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  /**
   * Exit code 2 for an exception picocli could not map otherwise. A class, not a lambda: JDK 17's
   * archive dump links a lambda's interface to resolve it, and does not archive a linked class
   * compiled for Java 5 (as picocli's are: "Old class has been linked"), so a lambda here had the
   * interface loaded from picocli's jar on every run, after every jar before it was opened.
   */
  private static final class UsageExitCode implements CommandLine.IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable exception) {
      return ExitCodes.USAGE;
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
  }
}
