package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LocalBuild} through its public API, for what the command line adds nothing to: the result
 * object, the base environment, and secrets-manager references resolved through a {@link
 * ParameterResolver} (here a map; pipeline-aws's is the SDK one).
 */
class LocalBuildTest {
  @TempDir Path dir;

  private LocalBuildResult run(String buildspec, ParameterResolver resolver, List<String> log)
      throws IOException {
    Path spec = Files.writeString(dir.resolve("buildspec.yml"), buildspec);
    return LocalBuild.builder()
        .buildSpec(spec)
        .sourceDir(dir)
        .artifactsDir(dir.resolve("out"))
        .environment(Map.of("PATH", "/usr/bin:/bin"))
        .parameterResolver(resolver)
        .listener(log::add)
        .build()
        .run();
  }

  @Test
  void run_failedBuild_resultNamesPhaseCommandAndStatus_andListsArtifacts() throws IOException {
    List<String> log = new ArrayList<>();
    LocalBuildResult result =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo x > a.txt
                  - sh -c 'exit 5'
            artifacts:
              files:
                - a.txt
            """,
            ParameterResolver.NONE,
            log);
    assertThat(result.status()).isEqualTo(LocalBuildResult.Status.FAILED);
    assertThat(result.phases())
        .extracting(LocalBuildResult.Phase::name)
        .containsExactly("INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS");
    LocalBuildResult.Phase failed = result.failedPhase().orElseThrow();
    assertThat(failed.name()).isEqualTo("BUILD");
    assertThat(failed.failedCommand()).contains("sh -c 'exit 5'");
    assertThat(failed.exitStatus()).isEqualTo(5);
    assertThat(result.artifacts()).containsExactly("a.txt");
    assertThat(result.buildId()).startsWith("run-local:");
  }

  @Test
  void run_startsFromTheGivenEnvironmentOnly() throws IOException {
    List<String> log = new ArrayList<>();
    LocalBuildResult result =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo "home=${HOME:-unset} path=$PATH"
            """,
            ParameterResolver.NONE,
            log);
    assertThat(result.status()).isEqualTo(LocalBuildResult.Status.SUCCEEDED);
    assertThat(log).contains("home=unset path=/usr/bin:/bin");
  }

  @Test
  void run_secretsManagerReference_arnIdJsonKeyAndStage_passedToTheResolver() throws IOException {
    String arn = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf";
    List<String> asked = new ArrayList<>();
    ParameterResolver resolver =
        new ParameterResolver() {
          @Override
          public String parameter(String name) {
            asked.add("parameter " + name);
            return "param-value-1";
          }

          @Override
          public String secret(String secretId, String versionStage, String versionId) {
            asked.add("secret " + secretId + " " + versionStage + " " + versionId);
            return "{\"user\":\"admin-user\",\"port\":5432}";
          }
        };
    List<String> log = new ArrayList<>();
    LocalBuildResult result =
        run(
            """
            version: 0.2
            env:
              parameter-store:
                TOKEN_VALUE: /app/token
              secrets-manager:
                DB_USER: %1$s:user:AWSPREVIOUS
                DB_PORT: %1$s:port
            phases:
              build:
                commands:
                  - echo "$DB_USER $DB_PORT $TOKEN_VALUE"
                  - test "$DB_USER" = admin-user && test "$DB_PORT" = 5432 && echo right
            """
                .formatted(arn),
            resolver,
            log);
    assertThat(result.status())
        .as(String.join("\n", log))
        .isEqualTo(LocalBuildResult.Status.SUCCEEDED);
    assertThat(asked)
        .containsExactly(
            "parameter /app/token",
            "secret " + arn + " AWSPREVIOUS null",
            "secret " + arn + " null null");
    assertThat(log).contains("*** *** ***", "right");
    assertThat(String.join("\n", log)).doesNotContain("admin-user").doesNotContain("param-value-1");
  }

  @Test
  void run_secretWithoutTheJsonKey_failsTheBuildNamingTheVariable() throws IOException {
    ParameterResolver resolver =
        new ParameterResolver() {
          @Override
          public String parameter(String name) {
            throw new AssertionError("not asked");
          }

          @Override
          public String secret(String secretId, String versionStage, String versionId) {
            return "{\"user\":\"u\"}";
          }
        };
    List<String> log = new ArrayList<>();
    LocalBuildResult result =
        run(
            """
            version: 0.2
            env:
              secrets-manager:
                DB_PASS: db:password
            phases:
              build:
                commands:
                  - echo never
            """,
            resolver,
            log);
    assertThat(result.status()).isEqualTo(LocalBuildResult.Status.FAILED);
    assertThat(result.failedPhase().orElseThrow().name()).isEqualTo("PROVISIONING");
    assertThat(String.join("\n", log))
        .contains(
            "env.secrets-manager.DB_PASS (db:password): the secret's JSON has no key 'password'")
        .doesNotContain("never");
  }

  @Test
  void builder_rejectsReservedOverride() {
    assertThatThrownBy(
            () ->
                LocalBuild.builder()
                    .buildSpec(dir.resolve("b.yml"))
                    .putOverride("CODEBUILD_SRC_DIR", "/x")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("reserved");
  }
}
