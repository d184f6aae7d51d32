package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.core.Finding;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code pipeline build} (the model's rules) and {@code pipeline lint} (the buildspec linter) use
 * one set of secret patterns: a plaintext variable is a secret for both or for neither.
 */
class SecretPatternsAgreementTest {
  private static final Set<String> SECRET_RULES =
      Set.of("buildspec-plaintext-secret", "buildspec-plaintext-aws-key");

  @ParameterizedTest(name = "{0}={1}: secret {2}")
  @CsvSource({
    "DB_CREDENTIAL, s3cr3t-value, true",
    "UPLOAD_ID, AIDAIOSFODNN7EXAMPLE, true",
    "UPLOAD_ID, AKIAIOSFODNN7EXAMPLE, true",
    "DEPLOY_ACCESS_KEY, abc123, true",
    "DB_PASSWORD, hunter2, true",
    "NOTES, ghp_abcdefghijklmnopqrstuvwxyz0123456789, true",
    "TOKEN_URL, https://auth.example.com/token, false",
    "DB_SECRET_ARN, arn:aws:secretsmanager:eu-west-1:111122223333:secret:db, false",
    "GREETING, hello, false",
  })
  void plaintextVariable_isASecretForBuildAndLintAlike(String name, String value, boolean secret) {
    assertThat(modelRejects(name, value)).as("build rejects %s", name).isEqualTo(secret);
    assertThat(lintReports(name, value)).as("lint reports %s", name).isEqualTo(secret);
  }

  private static boolean modelRejects(String name, String value) {
    Throwable thrown =
        catchThrowable(
            () ->
                pipeline(
                        Stage.named("Source", source()),
                        Stage.named(
                            "Build",
                            build()
                                .environmentVariables(EnvironmentVariable.plaintext(name, value))
                                .build()),
                        Stage.named("Deploy", deploy().build()))
                    .build());
    if (thrown == null) {
      return false;
    }
    assertThat(thrown).isInstanceOf(DefinitionException.class);
    assertThat(thrown.getMessage()).contains("environment variable " + name + ": a plaintext");
    return true;
  }

  private static boolean lintReports(String name, String value) {
    String yaml =
        "version: 0.2\nenv:\n  variables:\n    "
            + name
            + ": '"
            + value
            + "'\nphases:\n  build:\n    commands:\n      - echo ok\n";
    List<Finding> findings = BuildSpecLinter.lint(yaml, "buildspec.yml");
    assertThat(findings)
        .as(findings.toString())
        .allSatisfy(f -> assertThat(SECRET_RULES).contains(f.ruleId()));
    return !findings.isEmpty();
  }
}
