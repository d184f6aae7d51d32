package io.pipelinekit.cli;

import java.net.URI;
import java.util.Optional;

/** The AWS options, spelled as the AWS CLI spells them; mixed into commands that call AWS. */
public final class AwsOptions {
  String region;

  String profile;

  URI endpointUrl;

  /** These options' model, mixed into commands (see {@link Specs}). */
  Specs specs() {
    Specs s = Specs.mixin(this);
    s.option("region", "--region")
        .paramLabel("REGION")
        .description("AWS region (default: the SDK's region chain).");
    s.option("profile", "--profile")
        .paramLabel("PROFILE")
        .description("Named profile from the AWS config and credentials files.");
    s.option("endpointUrl", "--endpoint-url")
        .paramLabel("URL")
        .description("One endpoint for every AWS service (e.g. moto or LocalStack).");
    return s;
  }

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
