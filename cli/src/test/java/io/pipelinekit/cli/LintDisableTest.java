package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lint --disable}: checked once against every rule set, before any file is read, and applied
 * the same way to OpenAPI and buildspec findings.
 */
class LintDisableTest {
  static final String BUILDSPEC =
      "version: 0.2\nphases:\n  build:\n    commands:\n      - docker push repo:latest\n";

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void disable_unknownRule_isAUsageError_namingIt() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC);
    Run r = Run.of("lint", "--disable", "apigw-no-such-rule", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("pipeline: unknown rule 'apigw-no-such-rule' in --disable;")
        .contains("'pipeline rules' lists every rule id")
        .doesNotContain("lint: ")
        .endsWith("Run 'pipeline lint --help' for usage." + System.lineSeparator());
  }

  @Test
  void disable_pipelineStructureRule_isAUsageError_sayingLintDoesNotRunIt() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC);
    Run r = Run.of("lint", "--disable", "pipeline-source-first", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "pipeline: rule 'pipeline-source-first' in --disable is a pipeline structure rule,"
                + " which lint does not run")
        .endsWith("Run 'pipeline lint --help' for usage." + System.lineSeparator());
  }

  @Test
  void disable_misspelledRule_suggestsTheNearestId() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC);
    Run r = Run.of("lint", "--disable", "buildspec-latest-tags", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("unknown rule 'buildspec-latest-tags' in --disable; did you mean")
        .contains("'buildspec-latest-tag'?")
        .contains("Run 'pipeline lint --help' for usage.");
  }

  @Test
  void disable_oneUnknownAmongKnown_stillFails() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC);
    Run r = Run.of("lint", "--disable", "buildspec-latest-tag,apigw-securty-none", file.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("did you mean 'apigw-security-none'?");
  }

  @Test
  void disable_buildSpecRule_dropsItsFindings_inEveryFormat() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC);
    assertThat(Run.of("lint", "--fail-on", "warning", file.toString()).out())
        .contains("buildspec-latest-tag");
    for (String format : new String[] {"text", "json", "sarif"}) {
      Run r =
          Run.of(
              "lint",
              "--format",
              format,
              "--fail-on",
              "info",
              "--disable",
              "buildspec-latest-tag",
              "--disable",
              "buildspec-unguarded-deploy,buildspec-docker-privileged",
              file.toString());
      assertThat(r.exitCode()).as(format).isZero();
      assertThat(r.out()).as(format).doesNotContain("\"ruleId\" : \"buildspec-");
      if (format.equals("text")) {
        assertThat(r.out()).isEmpty();
      }
    }
  }
}
