package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * {@code pipeline run-local} with {@code env.parameter-store} and {@code env.secrets-manager}
 * resolved through the AWS SDK against moto, the values masked in all output.
 */
@ExtendWith(MotoExtension.class)
class RunLocalParametersIT {
  @TempDir Path dir;
  private URI endpoint;
  private String suffix;

  @BeforeEach
  void setUp(MotoServer moto) {
    endpoint = moto.endpoint();
    suffix = Long.toHexString(System.nanoTime());
  }

  private Run run(String buildspec) throws IOException {
    Path src = Files.createDirectories(dir.resolve("src"));
    Files.writeString(src.resolve("buildspec.yml"), buildspec, StandardCharsets.UTF_8);
    return Run.of(
        "run-local",
        "--source-dir",
        src.toString(),
        "--artifacts-dir",
        dir.resolve("artifacts").toString(),
        "--region",
        "us-east-1",
        "--endpoint-url",
        endpoint.toString());
  }

  private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, ?>>
      B local(B builder, URI endpoint) {
    return builder
        .region(Region.US_EAST_1)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  @Test
  void runLocal_parameterStore_valuesResolvedDecryptedAndMasked() throws IOException {
    try (SsmClient ssm = local(SsmClient.builder(), endpoint).build()) {
      ssm.putParameter(
          r ->
              r.name("/app/" + suffix + "/db-password")
                  .value("s3cr3t-" + suffix)
                  .type(ParameterType.SECURE_STRING));
      ssm.putParameter(
          r ->
              r.name("/app/" + suffix + "/db-host")
                  .value("db-" + suffix + ".internal")
                  .type(ParameterType.STRING));
    }
    Run run =
        run(
            """
            version: 0.2
            env:
              parameter-store:
                DB_PASSWORD: /app/%1$s/db-password
                DB_HOST: /app/%1$s/db-host
            phases:
              build:
                commands:
                  - echo "password=$DB_PASSWORD host=$DB_HOST"
                  - test "$DB_PASSWORD" = "s3cr3t-%1$s" && echo "password is right"
            """
                .formatted(suffix));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("password=*** host=***").contains("password is right");
    assertThat(run.out() + run.err())
        .doesNotContain("s3cr3t-" + suffix)
        .doesNotContain("db-" + suffix);
  }

  @Test
  void runLocal_secretsManager_wholeTextJsonKeyVersionStageAndVersionId() throws IOException {
    String name = "app/" + suffix;
    String firstVersion;
    try (SecretsManagerClient sm = local(SecretsManagerClient.builder(), endpoint).build()) {
      firstVersion =
          sm.createSecret(
                  r -> r.name(name).secretString("{\"user\":\"old-" + suffix + "\",\"port\":5432}"))
              .versionId();
      sm.putSecretValue(
          r -> r.secretId(name).secretString("{\"user\":\"new-" + suffix + "\",\"port\":6543}"));
    }
    Run run =
        run(
            """
            version: 0.2
            env:
              secrets-manager:
                WHOLE: %1$s
                USER: %1$s:user
                PORT: %1$s:port
                OLD_USER: %1$s:user:AWSPREVIOUS
                FIRST_USER: %1$s:user::%2$s
            phases:
              build:
                commands:
                  - echo "whole=$WHOLE user=$USER old=$OLD_USER first=$FIRST_USER"
                  - test "$USER" = "new-%3$s" && test "$PORT" = 6543 && echo "user and port right"
                  - test "$OLD_USER" = "old-%3$s" && test "$FIRST_USER" = "old-%3$s" && echo "stages right"
                  - case "$WHOLE" in *new-%3$s*) echo "whole right";; esac
            """
                .formatted(name, firstVersion, suffix));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("whole=*** user=*** old=*** first=***")
        .contains("user and port right")
        .contains("stages right")
        .contains("whole right");
    assertThat(run.out() + run.err())
        .doesNotContain("new-" + suffix)
        .doesNotContain("old-" + suffix);
  }

  @Test
  void runLocal_missingParameter_failsTheBuildBeforeAnyPhaseNamingTheVariable() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            env:
              parameter-store:
                TOKEN_VALUE: /missing/%s
            phases:
              build:
                commands:
                  - touch ran.txt
            """
                .formatted(suffix));
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("env.parameter-store.TOKEN_VALUE (/missing/" + suffix + "): no such parameter")
        .doesNotContain("Entering phase BUILD");
    assertThat(run.err()).contains("the build FAILED in phase PROVISIONING");
    assertThat(dir.resolve("src/ran.txt")).doesNotExist();
    assertThat(List.of(run.out().split("\n"))).anyMatch(l -> l.matches("BUILD +NOT RUN +-"));
  }
}
