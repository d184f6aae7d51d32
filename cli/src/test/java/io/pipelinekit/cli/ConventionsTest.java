package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What people expect of a command line: shell completion, {@code help COMMAND}, aligned columns,
 * picocli's messages without doubled words, one JSON convention (docs/commands.md).
 */
class ConventionsTest {
  @TempDir Path tmp;

  // ---- completion

  @Test
  void completionBash_isValidBash_andCompletesSubcommandNames() throws Exception {
    Run run = Run.of("completion", "bash");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path script = Files.writeString(tmp.resolve("pipeline.bash"), run.out());
    assertThat(bash("bash", "-n", script.toString())).isEmpty();

    String all = complete(script, "");
    assertThat(all.split(" "))
        .contains(
            "build", "graph", "lint", "rules", "merge", "diff", "apply", "help", "completion");
    assertThat(complete(script, "li")).isEqualTo("lint");
    assertThat(complete(script, "comp")).isEqualTo("completion");
  }

  @Test
  void completionBash_completesOptionsOfASubcommand() throws Exception {
    Path script = Files.writeString(tmp.resolve("p.bash"), Run.of("completion", "bash").out());

    String words =
        "source "
            + script
            + " 2>/dev/null; COMP_WORDS=(pipeline lint --fail); COMP_CWORD=2;"
            + " _complete_pipeline 2>/dev/null; echo \"${COMPREPLY[*]}\"";
    assertThat(bash("bash", "-c", words).trim()).isEqualTo("--fail-on");
  }

  @Test
  void completionZsh_isTheSameScript_whichLoadsBashcompinitUnderZsh() throws Exception {
    Run zsh = Run.of("completion", "zsh");

    assertThat(zsh.exitCode()).as(zsh.err()).isZero();
    assertThat(zsh.out()).startsWith("# zsh: load with  source <(pipeline completion zsh)\n");
    assertThat(zsh.out()).contains("bashcompinit").endsWith(Run.of("completion", "bash").out());
    Path script = Files.writeString(tmp.resolve("pipeline.zsh"), zsh.out());
    assertThat(bash("bash", "-n", script.toString())).isEmpty();
  }

  @Test
  void completion_otherShell_isAUsageError() {
    Run run = Run.of("completion", "fish");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("'fish'")
        .contains("bash, zsh")
        .contains("Run 'pipeline completion --help' for usage.");
    assertThat(run.out()).isEmpty();
  }

  /** What the completion function offers for {@code pipeline WORD<TAB>}. */
  private static String complete(Path script, String word) throws Exception {
    String words =
        "source "
            + script
            + " 2>/dev/null; COMP_WORDS=(pipeline '"
            + word
            + "'); COMP_CWORD=1; _complete_pipeline 2>/dev/null; echo \"${COMPREPLY[*]}\"";
    return bash("bash", "-c", words).trim();
  }

  private static String bash(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  // ---- help COMMAND

  @Test
  void helpCommand_printsThatCommandsUsage() {
    Run run = Run.of("help", "lint");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("Usage: pipeline lint ").contains("--fail-on=SEVERITY");
    assertThat(run.out()).isEqualTo(Run.of("lint", "--help").out());
  }

  @Test
  void helpCommand_withoutCommand_listsEveryCommand() {
    Run run = Run.of("help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: pipeline", "lint", "diff", "help", "completion");
  }

  @Test
  void helpCommand_unknownCommand_isAUsageError() {
    Run run = Run.of("help", "lnt");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .isEqualTo("pipeline: Unknown subcommand 'lnt'.\nRun 'pipeline --help' for usage.\n");
  }

  // ---- picocli's wording

  @Test
  void keyValueOption_withoutEquals_saysOptionOnce() {
    Run run = Run.of("build", "-P", "branch");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .startsWith(
            "pipeline: Value for option '--parameter' (NAME=VALUE) should be in KEY=VALUE format"
                + " but was branch\n")
        .doesNotContain("option option");
  }

  @Test
  void keyValueOptions_ofEveryCommand_sayOptionOnce() {
    for (String[] args :
        List.of(
            new String[] {"graph", "-P", "x"},
            new String[] {"apply", "-P", "x"},
            new String[] {"deploy-api", "--parameter", "x"},
            new String[] {"deploy-api", "--variable", "x"})) {
      Run run = Run.of(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.err()).contains("KEY=VALUE format").doesNotContain("option option");
    }
  }

  // ---- build summary

  @Test
  void buildSummary_columnsAreAligned_whateverTheFileNameLength() throws IOException {
    Path sources = tmp.resolve("src");
    Files.createDirectories(sources.resolve("api"));
    for (String name : new String[] {"openapi.yaml", "gateway.yaml"}) {
      try (var in = getClass().getResourceAsStream("/sources/kitchen/api/" + name)) {
        Files.write(sources.resolve("api").resolve(name), in.readAllBytes());
      }
    }
    Run run =
        Run.of(
            "build",
            "--definition",
            TestDefinitions.Kitchen.class.getName(),
            "--out",
            tmp.resolve("out").toString(),
            "--source-root",
            sources.toString(),
            TestDefinitions.TOOL[0],
            TestDefinitions.TOOL[1],
            TestDefinitions.TOOL[2],
            TestDefinitions.TOOL[3]);

    assertThat(run.exitCode()).as(run.err()).isZero();
    String listing = run.out().substring(run.out().indexOf("\nwrote ") + 1);
    List<String> rows = new ArrayList<>(List.of(listing.split("\n")));
    rows.remove(0);
    assertThat(rows).hasSize(12);
    // the kitchen sink has names longer than 32 characters
    assertThat(rows).anyMatch(r -> r.contains("iam/codebuild-role-policy-kitchen-images.json"));
    // Every row as long as the others: names padded to the longest, sizes right-aligned.
    int end = rows.get(0).length();
    for (String row : rows) {
      assertThat(row).matches("  \\S+ +\\d+ bytes").hasSize(end);
    }
    String longest =
        rows.stream()
            .map(r -> r.trim().split(" +")[0])
            .reduce((x, y) -> x.length() >= y.length() ? x : y)
            .orElseThrow();
    assertThat(rows)
        .anyMatch(r -> r.matches("  " + java.util.regex.Pattern.quote(longest) + "  +\\d+ bytes"));
    assertThat(rows)
        .allMatch(
            r -> r.charAt(2 + longest.length()) == ' ' && r.charAt(3 + longest.length()) == ' ');
  }

  // ---- JSON: one convention

  @Test
  void json_lintDiffAndBuild_shareOkFindingsAndTheLocationShape() throws IOException {
    Path old = tmp.resolve("old.yaml");
    Path now = tmp.resolve("new.yaml");
    String api =
        "openapi: 3.0.1\n"
            + "info: {title: t, version: '1'}\n"
            + "paths:\n"
            + "  /a:\n"
            + "    get:\n"
            + "      responses: {'200': {description: ok}}\n";
    Files.writeString(old, api + "  /b:\n    get:\n      responses: {'200': {description: ok}}\n");
    Files.writeString(now, api);
    ObjectMapper json = new ObjectMapper();

    Run diff =
        Run.of("diff", "--format", "json", "--fail-on-breaking", old.toString(), now.toString());
    assertThat(diff.exitCode()).isEqualTo(1);
    JsonNode d = json.readTree(diff.out());
    assertThat(d.get("ok").asBoolean()).isFalse();
    assertThat(d.at("/summary/breaking").asInt()).isEqualTo(1);
    JsonNode change = d.at("/changes/0");
    assertLocation(change.get("location"));
    assertThat(change.at("/location/file").asText()).isEqualTo(old.toString());
    assertThat(change.at("/location/pointer").asText()).isEqualTo("/paths/~1b");

    Run diffOk = Run.of("diff", "--format", "json", now.toString(), now.toString());
    assertThat(diffOk.exitCode()).isZero();
    assertThat(json.readTree(diffOk.out()).get("ok").asBoolean()).isTrue();

    Run lint = Run.of("lint", "--format", "json", "--fail-on", "info", now.toString());
    JsonNode l = json.readTree(lint.out());
    assertThat(l.get("ok").asBoolean()).isEqualTo(lint.exitCode() == 0);
    JsonNode finding = l.at("/files/0/findings/0");
    assertThat(finding.isMissingNode()).as(lint.out()).isFalse();
    assertFinding(finding);
    assertThat(finding.at("/location/file").asText()).isEqualTo(now.toString());

    Run build =
        Run.of(
            "build",
            "--definition",
            TestDefinitions.Broken.class.getName(),
            "--format",
            "json",
            "--out",
            tmp.resolve("out").toString());
    assertThat(build.exitCode()).isEqualTo(2);
    JsonNode b = json.readTree(build.out());
    assertThat(b.get("ok").asBoolean()).isFalse();
    assertThat(b.get("errors")).hasSize(1);
    assertFinding(b.at("/findings/0"));
    assertThat(b.at("/findings/0/location/file").isNull()).isTrue();
    assertThat(b.at("/findings/0/location/pointer").asText())
        .isEqualTo("pipeline 'broken pipeline'");
  }

  private static void assertFinding(JsonNode finding) {
    assertThat(finding.fieldNames())
        .toIterable()
        .containsExactly("rule", "severity", "message", "location");
    assertLocation(finding.get("location"));
  }

  private static void assertLocation(JsonNode location) {
    assertThat(location.fieldNames())
        .toIterable()
        .containsExactly("file", "line", "column", "pointer");
    assertThat(location.get("line").isInt()).isTrue();
    assertThat(location.get("column").isInt()).isTrue();
  }
}
