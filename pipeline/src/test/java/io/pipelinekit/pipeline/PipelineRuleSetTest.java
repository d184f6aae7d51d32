package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Rule;
import io.pipelinekit.core.Severity;
import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every pipeline rule has a failing and a passing fixture ({@link PipelineRuleFixtures}) and a page
 * {@code docs/rules/<id>.md} listed in {@code docs/rules/README.md}.
 */
class PipelineRuleSetTest {

  static Stream<String> ruleIds() {
    return PipelineRuleSet.INSTANCE.rules().stream().map(Rule::id);
  }

  private static Rule rule(String id) {
    return PipelineRuleSet.INSTANCE.rules().stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void ruleSet_isNamedPipeline_withUniquePipelineIds() {
    List<String> ids = ruleIds().toList();
    assertThat(PipelineRuleSet.INSTANCE.name()).isEqualTo("pipeline");
    assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.startsWith("pipeline-"));
    assertThat(ids).hasSizeBetween(30, 100);
  }

  @Test
  void everyRule_hasFixtures_andEveryFixtureARule() {
    assertThat(PipelineRuleFixtures.CASES.keySet())
        .containsExactlyInAnyOrderElementsOf(ruleIds().toList());
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void failingFixture_reportsExactlyThatRule_asErrorsWithModelPaths(String id) {
    PipelineRuleFixtures.Case c = PipelineRuleFixtures.CASES.get(id);
    DefinitionException e =
        catchThrowableOfType(DefinitionException.class, () -> c.failing().get().build());
    assertThat(e).as(id + ": the failing fixture builds").isNotNull();
    Set<String> reported = new LinkedHashSet<>();
    e.problems().forEach(f -> reported.add(f.ruleId()));
    Set<String> expected = new LinkedHashSet<>(c.also());
    expected.add(id);
    assertThat(reported).as(e.getMessage()).containsExactlyInAnyOrderElementsOf(expected);
    for (Finding f : e.problems()) {
      assertThat(f.severity()).isEqualTo(Severity.ERROR);
      assertThat(f.location().fileOptional()).isEmpty();
      assertThat(f.location().pointer()).isNotBlank();
      assertThat(e.getMessage()).contains("\n  - " + f.message());
    }
    assertThat(e.messages()).hasSameSizeAs(e.problems());
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void passingFixture_builds(String id) {
    Pipeline p = PipelineRuleFixtures.CASES.get(id).passing().get().build();
    assertThat(p).isNotNull();
  }

  @ParameterizedTest
  @MethodSource("ruleIds")
  void everyRule_pageHasSeverityWhyExamplesFixAndAwsReference(String id) throws IOException {
    Rule rule = rule(id);
    Path page = RepoRoot.find().resolve(rule.docPath());
    assertThat(page).as(id).exists();
    String text = Files.readString(page);
    assertThat(text)
        .as(id)
        .startsWith("# " + id + "\n")
        .contains("Severity: **" + rule.severity().name().toLowerCase(Locale.ROOT) + "**")
        .contains("\n## Why\n", "\n## Fix\n", "https://docs.aws.amazon.com/")
        .contains(
            "Tested by `pipeline/src/test/java/io/pipelinekit/pipeline/PipelineRuleFixtures.java`");
    assertThat(section(text, "Why")).as(id + " Why").hasSizeGreaterThan(60);
    assertThat(section(text, "Failing")).as(id + " Failing").contains("```");
    assertThat(section(text, "Passing")).as(id + " Passing").contains("```");
    assertThat(section(text, "Fix")).as(id + " Fix").hasSizeGreaterThan(20);
  }

  @Test
  void everyRule_isListedInTheRulesIndex() throws IOException {
    String index = Files.readString(RepoRoot.find().resolve("docs/rules/README.md"));
    for (Rule rule : PipelineRuleSet.INSTANCE.rules()) {
      assertThat(index).as(rule.id()).contains("[`" + rule.id() + "`](" + rule.id() + ".md)");
    }
  }

  /** The text of section {@code ## name} up to the next {@code ## } heading; empty if none. */
  private static String section(String page, String name) {
    int start = page.indexOf("\n## " + name + "\n");
    if (start < 0) {
      return "";
    }
    int from = start + name.length() + 5;
    int end = page.indexOf("\n## ", from);
    return page.substring(from, end < 0 ? page.length() : end);
  }
}
