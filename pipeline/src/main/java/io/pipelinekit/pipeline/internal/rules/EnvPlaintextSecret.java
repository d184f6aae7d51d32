package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.EnvironmentVariableType;
import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-env-plaintext-secret}: A plaintext environment variable does not hold what looks
 * like a secret. Page: {@code docs/rules/pipeline-env-plaintext-secret.md}.
 */
final class EnvPlaintextSecret extends PipelineRule {

  static final Pattern SECRET_NAME =
      Pattern.compile(
          "PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL",
          Pattern.CASE_INSENSITIVE);
  static final Pattern SECRET_VALUE =
      Pattern.compile(
          "(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}"
              + "|-----BEGIN [A-Z ]*PRIVATE KEY-----"
              + "|gh[pousr]_[A-Za-z0-9]{36,}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,}"
              + "|glpat-[A-Za-z0-9_-]{20,}");

  private static boolean looksSecret(EnvironmentVariable v) {
    if (SECRET_VALUE.matcher(v.value()).find()) {
      return true;
    }
    return SECRET_NAME.matcher(v.name()).find() && !v.value().isEmpty();
  }

  EnvPlaintextSecret() {
    super(
        "pipeline-env-plaintext-secret",
        "A plaintext environment variable does not hold what looks like a secret.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    EnvDuplicate.variableLists(pipeline)
        .forEach(
            (where, variables) -> {
              for (EnvironmentVariable v : variables) {
                String at = where + " environment variable " + v.name();
                if (v.type() == EnvironmentVariableType.PLAINTEXT && looksSecret(v)) {
                  report.problem(
                      at,
                      at
                          + ": a plaintext value that looks like a secret is visible in the console"
                          + " and the API; store it in Secrets Manager and use"
                          + " EnvironmentVariable.secretsManager(\""
                          + v.name()
                          + "\", \"secret-id\") or in Parameter Store with"
                          + " EnvironmentVariable.parameterStore(\""
                          + v.name()
                          + "\", \"/parameter/name\")");
                }
              }
            });
  }
}
