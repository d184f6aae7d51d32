package io.pipelinekit.aws;

import io.pipelinekit.buildspec.ParameterResolver;
import java.util.Objects;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * The {@code run-local} lookups of a buildspec's {@code env.parameter-store} and {@code
 * env.secrets-manager} variables, through the SDK: Systems Manager {@code GetParameter} with
 * decryption (CodeBuild needs {@code ssm:GetParameters} for the same:
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env.parameter-store)
 * and Secrets Manager {@code GetSecretValue} by secret id, version stage or version id
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html). Both
 * calls only read, so the retry policy applies to them as it is. Clients are made on first use: a
 * buildspec without such variables makes none. Values are never part of a message.
 */
public final class AwsParameterResolver implements ParameterResolver, AutoCloseable {
  private final AwsClients clients;
  private final RetryPolicy retryPolicy;
  private final PublishListener listener;
  private SsmClient ssm;
  private SecretsManagerClient secrets;

  private AwsParameterResolver(
      AwsClients clients, RetryPolicy retryPolicy, PublishListener listener) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * A resolver with these clients' region, credentials and endpoint; retries reported to {@code
   * listener}.
   */
  public static AwsParameterResolver create(
      AwsClients clients, RetryPolicy retryPolicy, PublishListener listener) {
    return new AwsParameterResolver(clients, retryPolicy, listener);
  }

  @Override
  public String parameter(String name) {
    try {
      return ssm().getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
    } catch (ParameterNotFoundException e) {
      throw new ResolutionException(
          "no such parameter in Parameter Store (region " + clients.region() + ")", e);
    } catch (AwsServiceException e) {
      throw new ResolutionException("GetParameter failed: " + describe(e), e);
    } catch (SdkClientException e) {
      throw new ResolutionException("GetParameter failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String secret(String secretId, String versionStage, String versionId) {
    try {
      GetSecretValueResponse response =
          secrets()
              .getSecretValue(
                  r -> r.secretId(secretId).versionStage(versionStage).versionId(versionId));
      if (response.secretString() == null) {
        throw new ResolutionException(
            "the secret holds binary data (SecretBinary), not text; CodeBuild variables take text");
      }
      return response.secretString();
    } catch (ResourceNotFoundException e) {
      throw new ResolutionException(
          "no such secret, or no such version of it, in Secrets Manager (region "
              + clients.region()
              + ")",
          e);
    } catch (AwsServiceException e) {
      throw new ResolutionException("GetSecretValue failed: " + describe(e), e);
    } catch (SdkClientException e) {
      throw new ResolutionException("GetSecretValue failed: " + e.getMessage(), e);
    }
  }

  private static String describe(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return e.statusCode()
        + (code == null ? "" : " " + code)
        + (message == null ? "" : ": " + message);
  }

  private synchronized SsmClient ssm() {
    if (ssm == null) {
      ssm = clients.configure(SsmClient.builder()).overrideConfiguration(this::retries).build();
    }
    return ssm;
  }

  private synchronized SecretsManagerClient secrets() {
    if (secrets == null) {
      secrets =
          clients
              .configure(SecretsManagerClient.builder())
              .overrideConfiguration(this::retries)
              .build();
    }
    return secrets;
  }

  private void retries(ClientOverrideConfiguration.Builder configuration) {
    retryPolicy.applyTo(configuration, listener);
  }

  @Override
  public synchronized void close() {
    if (ssm != null) {
      ssm.close();
    }
    if (secrets != null) {
      secrets.close();
    }
  }
}
