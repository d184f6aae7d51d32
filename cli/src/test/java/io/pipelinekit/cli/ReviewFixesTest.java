package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Review fixes of issue 9 item 5 on the command line: help text and the files the code cites. */
class ReviewFixesTest {

  @Test
  void lintHelp_listsEverySeverityFailOnTakes() {
    Run help = Run.of("lint", "--help");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out().replaceAll("\\s+", " "))
        .contains("at least this serious: error, warning or info");
    assertThat(Run.of("lint", "--fail-on", "info", "--help").exitCode()).isZero();
  }

  @Test
  void retryOptions_areOneOptionsObjectOnEveryCommandThatCallsAws() {
    for (String command : List.of("deploy-api", "rollback-api", "apply", "drift")) {
      var spec = PipelineCli.commandLineFor(command).getSubcommands().get(command).getCommandSpec();
      for (String option : List.of("--max-retry-time", "--retry-base-delay", "--attempt-timeout")) {
        assertThat(spec.findOption(option)).as(command + " " + option).isNotNull();
        assertThat(((Specs.FieldBinding) spec.findOption(option).getter()).owner())
            .as(command + " " + option)
            .isInstanceOf(RetryOptions.class);
      }
      assertThat(Run.of(command, "--help").out())
          .contains("--max-retry-time", "--retry-base-delay", "--attempt-timeout");
    }
  }

  @Test
  void subcommands_areRegisteredInTheOrderOfDocsCommandsMd() throws IOException {
    String commands = Files.readString(RepoRoot.find().resolve("docs/commands.md"));
    List<String> documented = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^## ([a-z-]+)$").matcher(commands);
    while (m.find()) {
      documented.add(m.group(1));
    }

    List<String> registered =
        new ArrayList<>(PipelineCli.commandLineFor().getSubcommands().keySet());
    registered.remove("help");

    assertThat(documented).containsSubsequence(registered);
  }

  /** Every {@code something.md} a source file of the CLI names exists in the repository. */
  @Test
  void sourceComments_citeOnlyDocumentsThatExist() throws IOException {
    Path root = RepoRoot.find();
    Pattern doc = Pattern.compile("([A-Za-z0-9_./-]+\\.md)\\b");
    List<String> missing = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("cli/src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = doc.matcher(Files.readString(file));
        while (m.find()) {
          String cited = m.group(1);
          boolean exists =
              Files.exists(root.resolve(cited))
                  || Files.exists(root.resolve("docs").resolve(cited));
          if (!exists) {
            missing.add(root.relativize(file) + ": " + cited);
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }
}
