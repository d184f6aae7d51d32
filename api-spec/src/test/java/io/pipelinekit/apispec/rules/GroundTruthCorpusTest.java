package io.pipelinekit.apispec.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Lint fidelity measured on documents whose API Gateway outcome is known (issue 14): public
 * documents AWS imports (its developer-guide samples, AWS::Include bodies of aws-samples
 * serverless-patterns) must give no error; documents built from what AWS documents as rejected must
 * each give an error of the rule that explains why. Sources, licences and the AWS sentence behind
 * each rejection: {@code src/test/resources/groundtruth/SOURCES.md}; the expected outcome per
 * document: {@code expected.tsv}.
 */
class GroundTruthCorpusTest {

  record Expected(Path file, boolean accepted, String rule) {}

  record Outcome(Expected expected, List<Finding> errors) {
    boolean caught() {
      return errors.stream().anyMatch(f -> f.ruleId().equals(expected.rule()));
    }
  }

  static Path root() {
    try {
      return Path.of(GroundTruthCorpusTest.class.getResource("/groundtruth").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Expected> index() throws IOException {
    List<Expected> out = new ArrayList<>();
    for (String line : Files.readAllLines(root().resolve("expected.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cols = line.split("\t");
      assertThat(cols).as("expected.tsv line '%s'", line).hasSize(3);
      assertThat(cols[1]).as("outcome in '%s'", line).isIn("accepted", "rejected");
      out.add(new Expected(root().resolve(cols[0]), cols[1].equals("accepted"), cols[2]));
    }
    return out;
  }

  static List<Outcome> lintAll() throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    for (Expected e : index()) {
      LintResult result = OpenApiLinter.lint(e.file());
      outcomes.add(
          new Outcome(
              e, result.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList()));
    }
    return outcomes;
  }

  @Test
  void index_listsEveryDocumentOfTheCorpus_andNamesKnownRules() throws IOException {
    List<Path> listed = index().stream().map(Expected::file).toList();
    List<Path> present;
    try (Stream<Path> a = Files.list(root().resolve("accepted"));
        Stream<Path> r = Files.list(root().resolve("rejected"))) {
      present = Stream.concat(a, r).toList();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    List<String> ruleIds =
        OpenApiLinter.ruleSet().rules().stream().map(io.pipelinekit.core.Rule::id).toList();
    for (Expected e : index()) {
      if (!e.accepted()) {
        assertThat(ruleIds).as("rule of %s", e.file().getFileName()).contains(e.rule());
      }
    }
    String sources = Files.readString(root().resolve("SOURCES.md"));
    for (Path p : listed) {
      assertThat(sources)
          .as("SOURCES.md names %s", p.getFileName())
          .contains(p.getFileName().toString());
    }
  }

  @Test
  void corpus_acceptedHaveNoErrors_rejectedAreCaughtByTheirRule() throws IOException {
    List<Outcome> outcomes = lintAll();
    List<Outcome> accepted = outcomes.stream().filter(o -> o.expected().accepted()).toList();
    List<Outcome> rejected = outcomes.stream().filter(o -> !o.expected().accepted()).toList();
    List<Outcome> falsePositives = accepted.stream().filter(o -> !o.errors().isEmpty()).toList();
    List<Outcome> missed = rejected.stream().filter(o -> !o.caught()).toList();
    long caught = rejected.size() - missed.size();
    long falseErrors = accepted.stream().mapToLong(o -> o.errors().size()).sum();
    // Per document: a positive is "lint reports an error"; a true positive is a rejected document
    // reported by the rule that explains its rejection.
    double precision =
        caught + falsePositives.size() == 0
            ? 1.0
            : (double) caught / (caught + falsePositives.size());
    double recall = rejected.isEmpty() ? 1.0 : (double) caught / rejected.size();
    System.out.printf(
        Locale.ROOT,
        "ground truth: %d accepted (%d with errors, %d errors), %d rejected (%d caught by their"
            + " rule); precision %.3f, recall %.3f%n",
        accepted.size(),
        falsePositives.size(),
        falseErrors,
        rejected.size(),
        caught,
        precision,
        recall);
    assertThat(accepted).hasSizeGreaterThanOrEqualTo(15);
    assertThat(rejected).hasSizeGreaterThanOrEqualTo(24);
    assertThat(describe(falsePositives)).as("errors on documents API Gateway imports").isEmpty();
    assertThat(describe(missed)).as("documented rejections not reported by their rule").isEmpty();
  }

  private static List<String> describe(List<Outcome> outcomes) {
    return outcomes.stream()
        .map(
            o ->
                root().relativize(o.expected().file())
                    + (o.expected().accepted() ? "" : " (expected " + o.expected().rule() + ")")
                    + ": "
                    + o.errors().stream().map(Finding::format).collect(Collectors.joining("; ")))
        .toList();
  }
}
