package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule has a failing fixture ({@code lint/<rule>/bad.yml}: at least one finding of that rule)
 * and a passing one ({@code good.yml}: no findings at all), and a page {@code
 * docs/rules/<rule>.md}.
 */
class BuildSpecLinterRuleFixturesTest {

  static Stream<String> ruleIds() {
    return BuildSpecLinter.rules().keySet().stream();
  }

  private static Path fixture(String rule, String name) throws URISyntaxException {
    URL url = BuildSpecLinterRuleFixturesTest.class.getResource("/lint/" + rule + "/" + name);
    assertThat(url).as("fixture lint/%s/%s", rule, name).isNotNull();
    return Path.of(url.toURI());
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void lint_badFixture_reportsTheRuleWithItsSeverity(String rule) throws Exception {
    Path bad = fixture(rule, "bad.yml");
    assertThat(BuildSpecLinter.looksLikeBuildSpec(Files.readString(bad))).isTrue();
    List<BuildSpecFinding> findings = BuildSpecLinter.lint(bad);
    assertThat(findings)
        .as("findings of %s", bad)
        .anySatisfy(
            f -> {
              assertThat(f.ruleId()).isEqualTo(rule);
              assertThat(f.severity()).isEqualTo(BuildSpecLinter.rules().get(rule));
              assertThat(f.line()).isGreaterThanOrEqualTo(1);
            });
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void lint_goodFixture_reportsNothing(String rule) throws Exception {
    Path good = fixture(rule, "good.yml");
    assertThat(BuildSpecLinter.lint(good)).as("findings of %s", good).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void everyRule_hasADocumentationPage(String rule) {
    Path page = RepoRoot.find().resolve("docs/rules/" + rule + ".md");
    assertThat(page).exists();
  }
}
