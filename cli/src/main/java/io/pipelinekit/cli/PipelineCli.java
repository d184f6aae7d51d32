package io.pipelinekit.cli;

import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.cli.internal.StartupArchive;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code pipeline} command line. Each subcommand is one class implementing {@code
 * Callable<Integer>}; this class only wires them together and maps errors to exit codes.
 *
 * <p>Exit codes: {@link ExitCodes#OK} 0, {@link ExitCodes#CHECK_FAILED} 1 (the thing checked
 * failed), {@link ExitCodes#USAGE} 2 (usage error, unreadable or invalid input).
 */
public final class PipelineCli implements Runnable {

  CommandSpec spec;

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
    return newCommandLine(null, new String[0]);
  }

  /**
   * The command line for these arguments: when the first names a subcommand, only that one is
   * registered (picocli's introspection of every other command is most of a short run's start-up
   * time); otherwise (options, {@code help}, which describes the others, an unknown name) every
   * subcommand.
   */
  static CommandLine commandLineFor(String... args) {
    if (args.length > 0 && !args[0].equals("help") && COMMANDS.contains(args[0])) {
      return newCommandLine(args[0], args);
    }
    return newCommandLine(null, args);
  }

  private static CommandLine newCommandLine(String only, String[] args) {
    Startup.beforePicocli();
    if ("lint".equals(only) && LintCommand.looksLikeALint(args)) {
      // swagger-parser's validation gets ready while picocli builds and parses the command line
      OpenApiLinter.prepareInBackground();
    }
    // for a command that loads a definition, its rules and the reader of its API's fragments
    Preparation.inBackground(only, args);
    CommandLine cli = new CommandLine(new PipelineCli().commandSpec());
    for (String name : only == null ? COMMANDS : List.of(only)) {
      CommandSpec command = newCommand(name);
      // `pipeline COMMAND -V` prints what `pipeline -V` does (picocli gives a subcommand none)
      command.versionProvider(new VersionProvider());
      cli.addSubcommand(name, new CommandLine(command));
    }
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExitCodeExceptionMapper(new UsageExitCode());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    if ("lint".equals(only)) {
      cli.setExecutionStrategy(new PrepareLintThenRun());
    }
    return cli;
  }

  /**
   * Runs a parsed {@code lint} command line as picocli does, once swagger-parser's validation has
   * started getting ready on another thread (while the command reads its files) if the command line
   * lints and {@link LintCommand#looksLikeALint} did not start it already: not for {@code --help}
   * or {@code --version}; a usage error never gets here. A class, not a lambda: a class comes ready
   * from the start-up archive, a lambda's call site is linked anew on every run.
   */
  private static final class PrepareLintThenRun implements CommandLine.IExecutionStrategy {
    @Override
    public int execute(CommandLine.ParseResult parsed) {
      boolean lints = parsed.hasSubcommand();
      for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
        lints &= !p.isUsageHelpRequested() && !p.isVersionHelpRequested();
      }
      if (lints) {
        OpenApiLinter.prepareInBackground();
      }
      return new CommandLine.RunLast().execute(parsed);
    }
  }

  /**
   * The subcommands' names, as their {@code commandSpec()} names them, in the order of
   * docs/commands.md; {@link #newCommand} makes each.
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
   * The model of a new instance of the subcommand of this name (one of {@link #COMMANDS}), as its
   * {@code commandSpec()} declares it (picocli's programmatic model, see {@link Specs}): a run
   * makes only the one it names (a command's constructor and field initialisers may do work, e.g.
   * {@code init}'s default version), a run that lists them ({@code --help}, {@code help},
   * completion) all of them. One line each, in the order of {@link #COMMANDS}.
   */
  static CommandSpec newCommand(String name) {
    return switch (name) {
      // -- build, graph, image-definitions
      case "build" -> new BuildCommand().commandSpec();
      case "graph" -> new GraphCommand().commandSpec();
      case "image-definitions" -> new ImageDefinitionsCommand().commandSpec();
      // -- init
      case "init" -> new InitCommand().commandSpec();
      // -- lint, rules
      case "lint" -> new LintCommand().commandSpec();
      case "rules" -> new RulesCommand().commandSpec();
      // -- merge, diff
      case "merge" -> new MergeCommand().commandSpec();
      case "diff" -> new DiffCommand().commandSpec();
      // -- deploy-api, rollback-api, deploy-stack, apply, drift
      case "deploy-api" -> new DeployApiCommand().commandSpec();
      case "rollback-api" -> new RollbackApiCommand().commandSpec();
      case "deploy-stack" -> new DeployStackCommand().commandSpec();
      case "apply" -> new ApplyCommand().commandSpec();
      case "drift" -> new DriftCommand().commandSpec();
      // -- run-local
      case "run-local" -> new RunLocalCommand().commandSpec();
      // -- help, completion
      case "help" -> Specs.helpCommand();
      case "completion" -> new CompletionCommand().commandSpec();
      default -> throw new IllegalArgumentException("no command " + name);
    };
  }

  /**
   * Exit code 2 for an exception picocli could not map otherwise. A class, not a lambda (see {@link
   * PrepareLintThenRun}).
   */
  private static final class UsageExitCode implements CommandLine.IExitCodeExceptionMapper {
    @Override
    public int getExitCode(Throwable exception) {
      return ExitCodes.USAGE;
    }
  }

  /** The root command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "pipeline");
    s.spec().versionProvider(new VersionProvider());
    s.description("Pipeline-as-code for AWS CodePipeline and CodeBuild.");
    s.usage().synopsisSubcommandLabel("COMMAND");
    spec = s.spec();
    return s.build();
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command.");
  }
}
