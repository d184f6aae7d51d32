package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline lint} gets swagger-parser's validation ready on another thread while it reads its
 * files, but only for a command line that lints: not for its help, its version or a usage error
 * (that work is a second core's worth of class loading and initialisation for nothing). Each run is
 * in a class loader of its own that records the classes it defined; starting the preparation
 * defines swagger-parser's validation class on the calling thread, before the command runs.
 */
class LintPreparationTest {
  private static final String VALIDATION = "io.pipelinekit.apispec.internal.load.SwaggerValidation";

  @TempDir Path tmp;

  @Test
  void lintHelpVersionAndUsageErrors_doNotStartSwaggerParsersPreparation() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), LintStartupWorkTest.SMALL_OPENAPI);
    Object[][] runs = {
      {0, new String[] {"lint", "--help"}},
      {0, new String[] {"lint", "-h", api.toString()}},
      {0, new String[] {"lint", "--version"}},
      {0, new String[] {"lint", "-V", api.toString()}},
      {2, new String[] {"lint", "--bogus", api.toString()}},
      {0, new String[] {"lint", "-hV", api.toString()}},
      {2, new String[] {"lint"}},
      {2, new String[] {"lint", "--format", "json"}},
    };
    for (Object[] run : runs) {
      String[] args = (String[]) run[1];
      try (RecordingCliLoader loader = new RecordingCliLoader()) {
        assertThat(loader.run(args)).as(loader.err).isEqualTo((int) run[0]);
        assertThat(loader.definedClasses())
            .as(String.join(" ", args))
            .contains(PipelineCli.class.getName())
            .doesNotContain(VALIDATION);
      }
    }
  }

  @Test
  void aLintOfAnOpenApiDocument_startsIt() throws Exception {
    Path api = Files.writeString(tmp.resolve("openapi.yaml"), LintStartupWorkTest.SMALL_OPENAPI);
    for (String[] args :
        new String[][] {
          {"lint", api.toString()},
          {"lint", "--format", "json", "--disable=oas-unknown-field", api.toString()},
          {"lint", "--", api.toString()},
        }) {
      try (RecordingCliLoader loader = new RecordingCliLoader()) {
        assertThat(loader.run(args)).as(loader.err).isZero();
        assertThat(loader.definedClasses()).as(String.join(" ", args)).contains(VALIDATION);
        assertThat(loader.out).contains("openapi.yaml");
      }
    }
  }

  @Test
  void aLookAtTheArguments_tellsALintFromHelpVersionAndUsageErrors() {
    assertThat(LintCommand.looksLikeALint(new String[] {"lint", "a.yaml"})).isTrue();
    assertThat(LintCommand.looksLikeALint(new String[] {"lint", "--fail-on", "info", "-"}))
        .isTrue();
    assertThat(LintCommand.looksLikeALint(new String[] {"lint", "--verbose", "--", "-x"})).isTrue();
    assertThat(LintCommand.looksLikeALint(new String[] {"lint", "--fail-on", "info"})).isFalse();
    assertThat(LintCommand.looksLikeALint(new String[] {"lint", "--help", "a.yaml"})).isFalse();
    assertThat(LintCommand.looksLikeALint(new String[] {"lint", "--bogus=1", "a.yaml"})).isFalse();
  }

  /** The look at the arguments knows lint's options as its model declares them. */
  @Test
  void theOptionsTheLookKnows_areLintsOptions() {
    java.util.Set<String> withValue = new java.util.HashSet<>();
    java.util.Set<String> withoutValue = new java.util.HashSet<>();
    for (var option : PipelineCli.newCommand("lint").options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        (option.arity().max() > 0 ? withValue : withoutValue).addAll(List.of(option.names()));
      }
    }
    assertThat(LintCommand.OPTIONS_WITH_A_VALUE).isEqualTo(withValue);
    assertThat(LintCommand.OPTIONS_WITHOUT_A_VALUE).isEqualTo(withoutValue);
  }
}
