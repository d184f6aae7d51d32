package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.pipelinekit.core.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildSpecLinterTest {

  private static List<Finding> lint(String yaml) {
    return BuildSpecLinter.lint(yaml, "buildspec.yml");
  }

  private static int line(Finding f) {
    return f.location().line();
  }

  private static int column(Finding f) {
    return f.location().column();
  }

  private static String pointer(Finding f) {
    return f.location().pointer();
  }

  private static List<Finding> of(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
  }

  @Test
  void looksLikeBuildSpec_detectsByTopLevelKeys() {
    assertThat(BuildSpecLinter.looksLikeBuildSpec("version: 0.2\nphases:\n  build: {}\n")).isTrue();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("version: 0.2\nenv:\n  variables: {}\n"))
        .isTrue();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("{\"version\": 0.2, \"phases\": {}}")).isTrue();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("openapi: 3.0.3\ninfo:\n  version: 1.0\n"))
        .isFalse();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("info:\n  version: 1\nphases:\n")).isFalse();
    assertThat(BuildSpecLinter.looksLikeBuildSpec("phases:\n  build: {}\n")).isFalse();
    assertThat(BuildSpecLinter.looksLikeBuildSpec(null)).isFalse();
  }

  @Test
  void lint_commandWithColonSpace_pointsAtItemWithCodeBuildMessageAndQuotedFix() {
    String yaml =
        "version: 0.2\nphases:\n  build:\n    commands:\n      - echo ok\n"
            + "      - echo Build started on: $(date)\n";
    List<Finding> findings = lint(yaml);
    assertThat(findings)
        .extracting(
            Finding::ruleId,
            BuildSpecLinterTest::line,
            BuildSpecLinterTest::column,
            BuildSpecLinterTest::pointer)
        .containsExactly(tuple("buildspec-command-not-string", 6, 9, "/phases/build/commands/1"));
    assertThat(findings.get(0).message())
        .contains("Expected Commands[1] to be of string type")
        .contains("- \"echo Build started on: $(date)\"");
    assertThat(BuildSpecLinter.lint(yaml, "ci/buildspec.yml").get(0).format())
        .startsWith("ci/buildspec.yml:6:9 error buildspec-command-not-string command 1 is read as");
  }

  @Test
  void lint_missingVersion_reportsAtRoot() {
    assertThat(lint("phases:\n  build:\n    commands:\n      - x\n"))
        .extracting(Finding::ruleId, BuildSpecLinterTest::line)
        .containsExactly(tuple("buildspec-version", 1));
  }

  @Test
  void lint_versionOtherThan02_isReported() {
    assertThat(lint("version: 1.0\nphases:\n  build:\n    commands:\n      - x\n"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("version must be 0.2 (found '1.0')"));
    assertThat(lint("version: \"0.2\"\nphases:\n  build:\n    commands:\n      - x\n")).isEmpty();
  }

  @Test
  void lint_duplicateKeys_nameBothLines() {
    List<Finding> findings =
        lint(
            "version: 0.2\nenv:\n  variables:\n    A: 1\n    B: 2\n    A: 3\n"
                + "phases:\n  build:\n    commands:\n      - x\n");
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.ruleId()).isEqualTo("buildspec-duplicate-key");
              assertThat(f.location().line()).isEqualTo(6);
              assertThat(f.location().pointer()).isEqualTo("/env/variables/A");
              assertThat(f.message()).contains("'A' appears twice").contains("first at line 4");
            });
  }

  @Test
  void lint_unknownKeys_suggestClosestAtEveryLevel() {
    List<Finding> findings =
        lint(
            "version: 0.2\nenv:\n  variable:\n    A: b\n  parameter_store:\n    P: /p\n"
                + "phases:\n  prebuild:\n    command:\n      - x\n  build:\n    commands:\n"
                + "      - x\n    runtime-versions:\n      java: 21\n"
                + "artifacts:\n  files:\n    - a\n  base_directory: out\n"
                + "cache:\n  path:\n    - /root/.m2\n");
    assertThat(of(findings, "buildspec-unknown-key"))
        .extracting(
            BuildSpecLinterTest::pointer,
            f -> f.message().replaceAll(".*Did you mean '([^']+)'.*", "$1"))
        .containsExactlyInAnyOrder(
            tuple("/env/variable", "variables"),
            tuple("/env/parameter_store", "parameter-store"),
            tuple("/phases/prebuild", "pre_build"),
            tuple("/artifacts/base_directory", "base-directory"),
            tuple("/cache/path", "paths"),
            tuple(
                "/phases/build/runtime-versions",
                "runtime-versions is only allowed in the install phase; move it to"
                    + " phases.install.runtime-versions"));
  }

  @Test
  void lint_unknownKeyWithNothingClose_listsKnownKeys() {
    assertThat(lint("version: 0.2\nphases:\n  build:\n    commands: [x]\nfoo: bar\n"))
        .singleElement()
        .satisfies(
            f ->
                assertThat(f.message())
                    .contains("unknown key 'foo' in the top level")
                    .doesNotContain("Did you mean")
                    .contains("Known keys: version, run-as, env"));
  }

  @Test
  void lint_awsKeyInVariableOrCommand_isRedacted() {
    String key = "AKIAIOSFODNN7EXAMPLE";
    List<Finding> findings =
        lint(
            "version: 0.2\nenv:\n  variables:\n    KEY: "
                + key
                + "\nphases:\n  build:\n    commands:\n      - export AWS_ACCESS_KEY_ID="
                + key
                + "\n");
    assertThat(of(findings, "buildspec-plaintext-aws-key")).hasSize(2);
    assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain(key));
    assertThat(findings.get(0).message()).contains("AKIA…(redacted)");
  }

  @Test
  void lint_secretLookingNames_reportedUnlessReferenceOrSecretsManager() {
    List<Finding> findings =
        lint(
            "version: 0.2\nenv:\n  variables:\n    GITHUB_TOKEN: ghp_abc\n    api_key: k\n"
                + "    SECRET_ARN: arn:aws:secretsmanager:eu-west-1:1:secret:x\n"
                + "    DB_PASSWORD: $FROM_ELSEWHERE\n    TOKEN_URL: https://x\n    EMPTY_SECRET: ''\n"
                + "phases:\n  build:\n    commands:\n      - x\n");
    assertThat(of(findings, "buildspec-plaintext-secret"))
        .extracting(BuildSpecLinterTest::pointer)
        .containsExactly("/env/variables/GITHUB_TOKEN", "/env/variables/api_key");
    assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("ghp_abc"));
  }

  @Test
  void lint_reservedNamesInEverySection() {
    List<Finding> findings =
        lint(
            "version: 0.2\nenv:\n  variables:\n    CODEBUILD_A: 1\n  parameter-store:\n"
                + "    CODEBUILD_B: /b\n  secrets-manager:\n    CODEBUILD_C: c:d\n"
                + "phases:\n  build:\n    commands:\n      - x\n");
    assertThat(of(findings, "buildspec-reserved-variable"))
        .extracting(BuildSpecLinterTest::pointer)
        .containsExactly(
            "/env/variables/CODEBUILD_A",
            "/env/parameter-store/CODEBUILD_B",
            "/env/secrets-manager/CODEBUILD_C");
  }

  @Test
  void lint_singleValueWhereListExpected_isAcceptedButStillChecked() {
    List<Finding> findings =
        lint(
            "version: 0.2\nenv:\n  exported-variables: AWS_REGION\nphases:\n  build:\n"
                + "    commands:\n      - x\nartifacts:\n  files: imagedefinitions.json\n");
    assertThat(findings)
        .extracting(Finding::ruleId, BuildSpecLinterTest::pointer)
        .containsExactly(tuple("buildspec-exported-aws-variable", "/env/exported-variables"));
  }

  @Test
  void lint_awsEcsTutorialBuildSpec_reportsItsKnownProblems() throws Exception {
    java.net.URL url = getClass().getResource("/lint/samples/ecs-tutorial.yml");
    List<Finding> findings = BuildSpecLinter.lint(Path.of(url.toURI()));
    assertThat(findings)
        .extracting(BuildSpecLinterTest::line, Finding::ruleId)
        .containsExactly(
            tuple(9, "buildspec-ecr-get-login"),
            tuple(17, "buildspec-docker-privileged"),
            tuple(17, "buildspec-latest-tag"),
            tuple(18, "buildspec-latest-tag"),
            tuple(23, "buildspec-latest-tag"),
            tuple(23, "buildspec-unguarded-deploy"),
            tuple(24, "buildspec-unguarded-deploy"));
  }

  @Test
  void lint_postBuildGuard_variants() {
    String head = "# privileged\nversion: 0.2\nphases:\n  post_build:\n    commands:\n";
    assertThat(
            of(
                lint(
                    head
                        + "      - '[ \"$CODEBUILD_BUILD_SUCCEEDING\" = 1 ] && docker push r:1'\n"),
                "buildspec-unguarded-deploy"))
        .isEmpty();
    assertThat(
            of(
                lint(
                    head
                        + "      - test $CODEBUILD_BUILD_SUCCEEDING -eq 1 || exit 1\n"
                        + "      - pipeline deploy-api --rest-api-id a --stage dev --spec o.yaml\n"),
                "buildspec-unguarded-deploy"))
        .isEmpty();
    assertThat(
            of(
                lint(
                    head
                        + "      - echo $CODEBUILD_BUILD_SUCCEEDING\n"
                        + "      - aws cloudformation deploy --template-file t.yml --stack-name s\n"
                        + "      - aws s3 cp deploy.zip s3://bucket/\n"),
                "buildspec-unguarded-deploy"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.location().pointer()).isEqualTo("/phases/post_build/commands/1");
              assertThat(f.message()).startsWith("'aws cloudformation deploy' runs in post_build");
            });
    assertThat(
            of(
                lint(
                    "version: 0.2\nphases:\n  post_build:\n    commands:\n      - echo ok\n"
                        + "    finally:\n      - pipeline deploy-api --rest-api-id a --stage s --spec o\n"),
                "buildspec-unguarded-deploy"))
        .extracting(BuildSpecLinterTest::pointer)
        .containsExactly("/phases/post_build/finally/0");
    assertThat(
            of(
                lint(
                    "version: 0.2\nphases:\n  post_build:\n    commands:\n"
                        + "      - if [ $CODEBUILD_BUILD_SUCCEEDING != 1 ]; then exit 1; fi\n"
                        + "    finally:\n      - docker push repo/app:1\n"),
                "buildspec-unguarded-deploy"))
        .as("a guard in commands does not stop finally")
        .extracting(BuildSpecLinterTest::pointer)
        .containsExactly("/phases/post_build/finally/0");
  }

  @Test
  void lint_ecrGetLoginPasswordIsFine_getLoginIsNot() {
    String head = "version: 0.2\nphases:\n  build:\n    commands:\n";
    assertThat(
            of(lint(head + "      - aws ecr get-login-password | x\n"), "buildspec-ecr-get-login"))
        .isEmpty();
    assertThat(
            of(
                lint(
                    head
                        + "      - eval $(aws --region eu-west-1 ecr get-login --no-include-email)\n"),
                "buildspec-ecr-get-login"))
        .hasSize(1);
  }

  @Test
  void lint_mergeKeysAreExpanded() {
    String yaml =
        "version: 0.2\nx-common: &common\n  commands:\n    - echo a\n"
            + "phases:\n  build:\n    <<: *common\n    on-failure: ABORT\n";
    assertThat(lint(yaml))
        .extracting(Finding::ruleId, BuildSpecLinterTest::pointer)
        .containsExactly(tuple("buildspec-unknown-key", "/x-common"));
  }

  @Test
  void lint_secondDocument_isAnError() {
    assertThat(lint("version: 0.2\nphases:\n  build:\n    commands: [x]\n---\nversion: 0.2\n"))
        .extracting(Finding::ruleId, BuildSpecLinterTest::line)
        .containsExactly(tuple("buildspec-yaml", 6));
  }

  @Test
  void lint_notAMapping_isAnError() {
    assertThat(lint("- version: 0.2\n"))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("a buildspec is a mapping"));
    assertThat(lint("")).singleElement().satisfies(f -> assertThat(f.message()).contains("empty"));
  }

  @Test
  void lint_billionLaughs_throwsQuickly() {
    StringBuilder y = new StringBuilder("version: 0.2\na: &a [\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'k'; c++) {
      y.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        y.append(i == 0 ? "" : ",").append('*').append(prev);
      }
      y.append("]\n");
      prev = c;
    }
    y.append("phases:\n  build:\n    commands: *k\n");
    long start = System.nanoTime();
    assertThatThrownBy(() -> lint(y.toString()))
        .isInstanceOf(BuildSpecException.class)
        .hasMessageStartingWith("buildspec.yml:1:1: more than 50 aliases");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void lint_deepNesting_throwsAtTheLimit() {
    String deep = "version: 0.2\nphases: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    long start = System.nanoTime();
    assertThatThrownBy(() -> lint(deep))
        .isInstanceOf(BuildSpecException.class)
        .hasMessageStartingWith("buildspec.yml:1:1: nested deeper than 50 levels");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void lint_fileOverSizeLimit_throwsBeforeParsing(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("buildspec.yml");
    byte[] bytes = new byte[50 * 1024 * 1024];
    java.util.Arrays.fill(bytes, (byte) 'a');
    Files.write(big, bytes);
    assertThatThrownBy(() -> BuildSpecLinter.lint(big))
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining(big + ":1:1: the file is 52428800 bytes, over the limit");
  }

  @Test
  void lint_invalidUtf8_throwsWithLineAndColumn(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("buildspec.yml");
    byte[] head =
        "version: 0.2\nphases:\n  build:\n    commands:\n      - echo "
            .getBytes(StandardCharsets.UTF_8);
    byte[] bytes = java.util.Arrays.copyOf(head, head.length + 2);
    bytes[head.length] = (byte) 0xC3;
    bytes[head.length + 1] = (byte) 0x28;
    Files.write(file, bytes);
    assertThatThrownBy(() -> BuildSpecLinter.lint(file))
        .isInstanceOf(BuildSpecException.class)
        .hasMessageStartingWith(file + ":5:14: invalid UTF-8");
  }

  @Test
  void lint_missingFile_throwsWithName(@TempDir Path dir) {
    assertThatThrownBy(() -> BuildSpecLinter.lint(dir.resolve("nope.yml")))
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining("nope.yml: no such file");
  }

  @Test
  void lint_tabInIndentation_reportedOnceWithoutSyntaxNoise() {
    assertThat(lint("version: 0.2\nphases:\n\tbuild:\n    commands: [x]\n"))
        .extracting(Finding::ruleId, BuildSpecLinterTest::line, BuildSpecLinterTest::column)
        .containsExactly(tuple("buildspec-tabs", 3, 1));
  }

  @Test
  void lint_writtenBuildSpec_hasNoErrorsOrWarnings() {
    String yaml = BuildSpecWriter.write(Examples.containerService());
    assertThat(BuildSpecLinter.lint(yaml, "buildspec.yml"))
        .extracting(Finding::ruleId)
        .containsExactly("buildspec-docker-privileged");
  }

  @Test
  void lint_aliasedPhase_isReportedForEachUseButNotAsDuplicate() {
    String yaml =
        "version: 0.2\nphases:\n  build: &p\n    commands:\n      - echo a: b\n"
            + "  post_build: *p\n";
    assertThat(of(lint(yaml), "buildspec-command-not-string")).hasSize(2);
    assertThat(of(lint(yaml), "buildspec-duplicate-key")).isEmpty();
  }
}
