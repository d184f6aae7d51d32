package io.pipelinekit.cli;

import io.pipelinekit.cli.internal.StartupArchive;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
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
    if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
      CommandLine only = newCommandLine(args[0]);
      if (!only.getSubcommands().isEmpty()) {
        return only;
      }
    }
    return newCommandLine(null);
  }

  private static CommandLine newCommandLine(String only) {
    Startup.beforePicocli();
    Subcommands cli = new Subcommands(new CommandLine(new PipelineCli()), only);
    // Subcommands, one line each, in the order of docs/commands.md.
    // -- build, graph, image-definitions
    cli.addSubcommand(new BuildCommand());
    cli.addSubcommand(new GraphCommand());
    cli.addSubcommand(new ImageDefinitionsCommand());

    // -- init
    cli.addSubcommand(new InitCommand());

    // -- lint, rules
    cli.addSubcommand(new LintCommand());
    cli.addSubcommand(new RulesCommand());

    // -- merge, diff
    cli.addSubcommand(new MergeCommand());
    cli.addSubcommand(new DiffCommand());

    // -- deploy-api, rollback-api, deploy-stack, apply, drift
    cli.addSubcommand(new DeployApiCommand());
    cli.addSubcommand(new RollbackApiCommand());
    cli.addSubcommand(new DeployStackCommand());
    cli.addSubcommand(new ApplyCommand());
    cli.addSubcommand(new DriftCommand());

    // -- run-local
    cli.addSubcommand(new RunLocalCommand());

    // -- help, completion
    cli.addSubcommand(new CommandLine.HelpCommand());
    cli.addSubcommand(new CompletionCommand());

    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli.commandLine();
  }

  /** Registers subcommands, all of them or only the one named; configures the command line. */
  private static final class Subcommands {
    private final CommandLine commandLine;
    private final String only;

    Subcommands(CommandLine commandLine, String only) {
      this.commandLine = commandLine;
      this.only = only;
    }

    void addSubcommand(Object command) {
      if (only != null) {
        Command annotation = command.getClass().getAnnotation(Command.class);
        if (annotation == null
            || !(annotation.name().equals(only)
                || Arrays.asList(annotation.aliases()).contains(only))) {
          return;
        }
      }
      // `pipeline COMMAND -V` prints what `pipeline -V` does (picocli gives a subcommand none)
      CommandLine sub = new CommandLine(command);
      sub.getCommandSpec().versionProvider(new VersionProvider());
      commandLine.addSubcommand(sub);
    }

    void setExecutionExceptionHandler(CommandLine.IExecutionExceptionHandler handler) {
      commandLine.setExecutionExceptionHandler(handler);
    }

    void setParameterExceptionHandler(CommandLine.IParameterExceptionHandler handler) {
      commandLine.setParameterExceptionHandler(handler);
    }

    void setExitCodeExceptionMapper(CommandLine.IExitCodeExceptionMapper mapper) {
      commandLine.setExitCodeExceptionMapper(mapper);
    }

    void setCaseInsensitiveEnumValuesAllowed(boolean allowed) {
      commandLine.setCaseInsensitiveEnumValuesAllowed(allowed);
    }

    CommandLine commandLine() {
      return commandLine;
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
  }
}
