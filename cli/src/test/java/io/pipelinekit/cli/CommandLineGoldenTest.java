package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The command line's own text, byte for byte: {@code --help}, {@code help}, each command's {@code
 * --help} and {@code help X}, completion scripts, the usage error for an unknown option on each
 * command (with its exit code), no command, and {@code --version}. Golden files under {@code
 * src/test/resources/golden/command-line/}; {@code -Dgolden.update=true} rewrites them (review the
 * diff). The commit in the version line is written as {@code COMMIT}.
 */
class CommandLineGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/golden/command-line");

  static Map<String, String[]> cases() {
    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put("no-args", new String[] {});
    cases.put("help-option", new String[] {"--help"});
    cases.put("help-short-option", new String[] {"-h"});
    cases.put("help", new String[] {"help"});
    cases.put("version", new String[] {"--version"});
    cases.put("version-short", new String[] {"-V"});
    cases.put("unknown-option", new String[] {"--no-such-option"});
    cases.put("unknown-command", new String[] {"no-such-command"});
    for (String name : PipelineCli.COMMANDS) {
      cases.put(name + ".help-option", new String[] {name, "--help"});
      cases.put(name + ".help-command", new String[] {"help", name});
      cases.put(name + ".unknown-option", new String[] {name, "--no-such-option"});
      cases.put(name + ".version-option", new String[] {name, "--version"});
    }
    cases.put("completion.bash", new String[] {"completion", "bash"});
    cases.put("completion.zsh", new String[] {"completion", "zsh"});
    cases.put("completion.unknown-shell", new String[] {"completion", "fish"});
    return cases;
  }

  private static String render(String[] args) {
    Run run = Run.of(args);
    String text =
        "$ pipeline "
            + String.join(" ", args)
            + "\nexit: "
            + run.exitCode()
            + "\n--- stdout\n"
            + run.out()
            + "--- stderr\n"
            + run.err();
    return text.replace("(commit " + VersionProvider.commit() + ")", "(commit COMMIT)");
  }

  @Test
  void helpUsageErrorsCompletionAndVersion_matchTheGoldenFilesByteForByte() throws IOException {
    Map<String, String[]> cases = cases();
    if (Boolean.getBoolean("golden.update")) {
      if (Files.isDirectory(DIR)) {
        try (Stream<Path> old = Files.list(DIR)) {
          for (Path p : old.toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(DIR);
      for (Map.Entry<String, String[]> c : cases.entrySet()) {
        Files.writeString(
            DIR.resolve(c.getKey() + ".txt"), render(c.getValue()), StandardCharsets.UTF_8);
      }
      return;
    }
    List<String> names = new ArrayList<>();
    SoftAssertions soft = new SoftAssertions();
    for (Map.Entry<String, String[]> c : cases.entrySet()) {
      Path golden = DIR.resolve(c.getKey() + ".txt");
      assertThat(golden).as("run with -Dgolden.update=true to create it").isRegularFile();
      soft.assertThat(render(c.getValue()))
          .as(c.getKey())
          .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
      names.add(c.getKey() + ".txt");
    }
    soft.assertAll();
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactlyInAnyOrderElementsOf(names);
    }
  }
}
