package io.pipelinekit.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.CodeBuildClientBuilder;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClientBuilder;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.EcsClientBuilder;

/**
 * Makes SDK client builders that honour {@code --region}, {@code --profile} and {@code
 * --endpoint-url}: the region from the option, else the SDK's region chain (environment, profile,
 * instance metadata); credentials from the named profile, else the default chain (environment,
 * system properties, profile, CodeBuild/ECS container credentials, instance metadata); one endpoint
 * for every service when given. Region and credentials are resolved once, up front, so a missing
 * one is a clear {@link AwsSetupException} before any call. Credentials are never printed.
 */
public final class AwsClients {
  private final AwsSettings settings;
  private final Region region;
  private final AwsCredentialsProvider credentials;

  private AwsClients(AwsSettings settings, Region region, AwsCredentialsProvider credentials) {
    this.settings = settings;
    this.region = region;
    this.credentials = credentials;
  }

  /**
   * Resolves region and credentials now; throws {@link AwsSetupException} when either is missing.
   */
  public static AwsClients resolve(AwsSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Region region = resolveRegion(settings);
    AwsCredentialsProvider credentials =
        settings.profile().isPresent()
            ? ProfileCredentialsProvider.create(settings.profile().get())
            : DefaultCredentialsProvider.builder().build();
    try {
      credentials.resolveCredentials();
    } catch (SdkClientException | IllegalStateException e) {
      throw new AwsSetupException(
          settings
              .profile()
              .map(
                  p ->
                      "no AWS credentials for profile '"
                          + p
                          + "': add them to ~/.aws/credentials (or AWS_SHARED_CREDENTIALS_FILE),"
                          + " or drop --profile to use the default chain")
              .orElse(
                  "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                      + " pass --profile, or run where a role is attached (CodeBuild provides"
                      + " one)"),
          e);
    }
    return new AwsClients(settings, region, credentials);
  }

  private static Region resolveRegion(AwsSettings settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
      settings.profile().ifPresent(chain::profileName);
      return chain.build().getRegion();
    } catch (SdkClientException e) {
      throw new AwsSetupException(
          "no AWS region: pass --region, set AWS_REGION, or set 'region' in the profile"
              + settings.profile().map(p -> " '" + p + "'").orElse("")
              + " of ~/.aws/config",
          e);
    }
  }

  /** The region every client uses. */
  public Region region() {
    return region;
  }

  public AwsSettings settings() {
    return settings;
  }

  /** Applies region, credentials and endpoint to any SDK client builder. */
  public <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    builder.region(region).credentialsProvider(credentials);
    settings.endpoint().ifPresent(builder::endpointOverride);
    return builder;
  }

  public ApiGatewayClientBuilder apiGateway() {
    return configure(ApiGatewayClient.builder());
  }

  public CloudFormationClientBuilder cloudFormation() {
    return configure(CloudFormationClient.builder());
  }

  public CodeBuildClientBuilder codeBuild() {
    return configure(CodeBuildClient.builder());
  }

  public CodePipelineClientBuilder codePipeline() {
    return configure(CodePipelineClient.builder());
  }

  public EcsClientBuilder ecs() {
    return configure(EcsClient.builder());
  }
}
