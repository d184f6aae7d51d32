package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.core.Rule;
import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of every rule set the command line knows ({@link RuleSets#all()}) has its page {@code
 * docs/rules/<id>.md}, titled with the id and giving the rule's severity, and is linked from {@code
 * docs/rules/README.md}. The rule sets' own tests check their pages' sections.
 */
class RulePagesTest {

  static Stream<Arguments> everyRule() {
    return RuleSets.all().stream()
        .flatMap(set -> set.rules().stream().map(rule -> Arguments.of(set.name(), rule)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("everyRule")
  void everyRule_hasAPageWithItsIdAndSeverity_linkedFromTheIndex(String set, Rule rule)
      throws IOException {
    Path root = RepoRoot.find();
    Path page = root.resolve(rule.docPath());
    assertThat(page).as("%s rule %s", set, rule.id()).isRegularFile();
    String text = Files.readString(page);
    assertThat(text).as(rule.id()).startsWith("# " + rule.id() + "\n");
    assertThat(text.toLowerCase(java.util.Locale.ROOT))
        .as(rule.id() + " severity")
        .containsPattern("severity:?\\**:? \\**" + rule.severity().label() + "\\b");
    assertThat(Files.readString(root.resolve("docs/rules/README.md")))
        .as("docs/rules/README.md links " + rule.id())
        .contains("](" + rule.id() + ".md)");
  }

  @Test
  void ruleIds_areUniqueAcrossRuleSets_andNoSetIsEmpty() {
    assertThat(RuleSets.all()).allSatisfy(set -> assertThat(set.rules()).isNotEmpty());
    assertThat(RuleSets.rules().stream().map(Rule::id).distinct().count())
        .isEqualTo(RuleSets.rules().size());
  }
}
