package io.pipelinekit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline completion bash|zsh}: the shell completion script picocli's {@link AutoComplete}
 * generates from the command tree (every subcommand, option and enum value). The script serves zsh
 * too, through zsh's {@code bashcompinit}, which the script loads itself.
 */
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  Shell shell;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "completion");
    s.description(
        "Prints a shell completion script for pipeline's commands, options and option values.",
        "bash: source <(pipeline completion bash), e.g. in ~/.bashrc.",
        "zsh: source <(pipeline completion zsh), e.g. in ~/.zshrc (the script loads zsh's"
            + " bashcompinit).");
    s.exitCodes("0:printed", "2:usage error (a shell other than bash or zsh)");
    spec = s.spec();
    s.mixin(global.specs());
    s.parameter("shell").index("0").paramLabel("SHELL").description("bash or zsh.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    // The whole tree, whatever this run registered (a run registers only the command it names).
    String script = AutoComplete.bash("pipeline", PipelineCli.newCommandLine());
    if (shell == Shell.zsh) {
      out.print("# zsh: load with  source <(pipeline completion zsh)\n");
    }
    out.print(script);
    out.flush();
    return ExitCodes.OK;
  }
}
