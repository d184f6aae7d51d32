package io.pipelinekit.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline completion bash|zsh}: the shell completion script picocli's {@link AutoComplete}
 * generates from the command tree (every subcommand, option and enum value). The script serves zsh
 * too, through zsh's {@code bashcompinit}, which the script loads itself.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Prints a shell completion script for pipeline's commands, options and option values.",
      "bash: source <(pipeline completion bash), e.g. in ~/.bashrc.",
      "zsh: source <(pipeline completion zsh), e.g. in ~/.zshrc (the script loads zsh's"
          + " bashcompinit)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:usage error (a shell other than bash or zsh)"})
final class CompletionCommand implements Callable<Integer> {
  enum Shell {
    bash,
    zsh
  }

  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  Shell shell;

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
