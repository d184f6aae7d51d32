package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.core.Finding;
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
    return BuildSpecLinter.ruleSet().rules().stream().map(r -> r.id());
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
    List<Finding> findings = BuildSpecLinter.lint(bad);
    assertThat(findings)
        .as("findings of %s", bad)
        .anySatisfy(
            f -> {
              assertThat(f.ruleId()).isEqualTo(rule);
              assertThat(f.severity())
                  .isEqualTo(BuildSpecLinter.ruleSet().rule(rule).orElseThrow().severity());
              assertThat(f.location().line()).isGreaterThanOrEqualTo(1);
            });
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void lint_goodFixture_reportsNothing(String rule) throws Exception {
    Path good = fixture(rule, "good.yml");
    assertThat(BuildSpecLinter.lint(good)).as("findings of %s", good).isEmpty();
  }

  /**
   * A page says what (with the rule's severity), why, shows a reported and a not-reported example
   * and how to fix, and names its fixtures.
   */
  @ParameterizedTest
  @MethodSource("ruleIds")
  void everyRule_pageHasSeverityWhyExamplesAndFix(String rule) throws Exception {
    String page = Files.readString(RepoRoot.find().resolve("docs/rules/" + rule + ".md"));
    String severity = BuildSpecLinter.ruleSet().rule(rule).orElseThrow().severity().label();
    assertThat(page)
        .as(rule)
        .startsWith("# " + rule + "\n")
        .contains("**Severity:** " + severity + " ")
        .contains("Tested by `buildspec/src/test/resources/lint/" + rule + "/`");
    assertThat(section(page, "Why")).as(rule + " Why").hasSizeGreaterThan(60);
    assertThat(section(page, "Reported")).as(rule + " Reported").contains("```");
    assertThat(section(page, "Not reported")).as(rule + " Not reported").contains("```");
    assertThat(section(page, "Fix")).as(rule + " Fix").hasSizeGreaterThan(20);
  }

  /** The text of section {@code ## name} up to the next {@code ## } heading; empty if none. */
  private static String section(String page, String name) {
    int start = page.indexOf("\n## " + name + "\n");
    if (start < 0) {
      return "";
    }
    int from = start + name.length() + 5;
    int end = page.indexOf("\n## ", from);
    return page.substring(from, end < 0 ? page.length() : end).strip();
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void everyRule_hasADocumentationPage(String rule) {
    Path page = RepoRoot.find().resolve("docs/rules/" + rule + ".md");
    assertThat(page).exists();
  }
}
