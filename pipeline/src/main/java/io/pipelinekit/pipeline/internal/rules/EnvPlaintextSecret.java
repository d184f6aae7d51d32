package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.core.internal.Secrets;
import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.EnvironmentVariableType;
import io.pipelinekit.pipeline.Pipeline;

/**
 * {@code pipeline-env-plaintext-secret}: A plaintext environment variable does not hold what looks
 * like a secret. Page: {@code docs/rules/pipeline-env-plaintext-secret.md}.
 */
final class EnvPlaintextSecret extends PipelineRule {

  /** The secret patterns the buildspec linter uses too, so {@code build} and {@code lint} agree. */
  private static boolean looksSecret(EnvironmentVariable v) {
    return Secrets.looksSecret(v.name(), v.value());
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
