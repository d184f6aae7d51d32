package io.pipelinekit.cli;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The AWS options, spelled as the AWS CLI spells them; mixed into commands that call AWS. */
public final class AwsOptions {
  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (default: the SDK's region chain).")
  String region;

  @Option(
      names = "--profile",
      paramLabel = "PROFILE",
      description = "Named profile from the AWS config and credentials files.")
  String profile;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "One endpoint for every AWS service (e.g. moto or LocalStack).")
  URI endpointUrl;

  public Optional<String> region() {
    return Optional.ofNullable(region);
  }

  public Optional<String> profile() {
    return Optional.ofNullable(profile);
  }

  public Optional<URI> endpointUrl() {
    return Optional.ofNullable(endpointUrl);
  }
}
