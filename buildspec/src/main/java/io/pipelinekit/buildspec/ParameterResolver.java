package io.pipelinekit.buildspec;

/**
 * Looks up the values of a buildspec's {@code env.parameter-store} and {@code env.secrets-manager}
 * variables for {@link LocalBuild}. This module makes no AWS call: the {@code pipeline-aws} module
 * implements it with the SDK (Systems Manager {@code GetParameter} with decryption, Secrets Manager
 * {@code GetSecretValue}); tests may implement it with a map.
 */
public interface ParameterResolver {
  /** A resolver for buildspecs without such variables: every lookup fails, saying why. */
  ParameterResolver NONE =
      new ParameterResolver() {
        @Override
        public String parameter(String name) {
          throw new ResolutionException("parameter-store lookups are not configured for this run");
        }

        @Override
        public String secret(String secretId, String versionStage, String versionId) {
          throw new ResolutionException("secrets-manager lookups are not configured for this run");
        }
      };

  /**
   * The value of a Parameter Store parameter (a {@code SecureString} decrypted).
   *
   * @param name the parameter's name or ARN as the buildspec gives it
   * @throws ResolutionException when it cannot be had (not found, denied, unreachable)
   */
  String parameter(String name);

  /**
   * The text ({@code SecretString}) of one version of a Secrets Manager secret.
   *
   * @param secretId the secret's name or ARN
   * @param versionStage the staging label, or null
   * @param versionId the version id, or null (both null: {@code AWSCURRENT})
   * @throws ResolutionException when it cannot be had
   */
  String secret(String secretId, String versionStage, String versionId);

  /** A lookup that failed; the message says which value and why, never the value. */
  final class ResolutionException extends BuildSpecException {
    private static final long serialVersionUID = 1L;

    public ResolutionException(String message) {
      super(message);
    }

    public ResolutionException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
