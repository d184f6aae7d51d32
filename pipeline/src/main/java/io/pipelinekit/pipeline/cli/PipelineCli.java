package io.pipelinekit.pipeline.cli;

import java.io.PrintWriter;
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

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line with the process's standard streams. */
  public static int execute(String... args) {
    return newCommandLine().execute(args);
  }

  /** Runs the command line with the given output streams (for tests and embedding). */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = newCommandLine();
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** A configured command line: every subcommand registered, errors mapped to exit codes. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new PipelineCli());
    // Subcommands, one line each, in the order of DESIGN.md's table.
    // -- build, graph, image-definitions
    cli.addSubcommand(new BuildCommand());
    cli.addSubcommand(new GraphCommand());
    cli.addSubcommand(new ImageDefinitionsCommand());

    // -- lint
    cli.addSubcommand(new LintCommand());

    // -- merge, diff
    cli.addSubcommand(new MergeCommand());
    cli.addSubcommand(new DiffCommand());

    // -- deploy-api, rollback-api, apply
    cli.addSubcommand(new DeployApiCommand());
    cli.addSubcommand(new RollbackApiCommand());
    cli.addSubcommand(new ApplyCommand());

    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExitCodeExceptionMapper(t -> ExitCodes.USAGE);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
  }
}
