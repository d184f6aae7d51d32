package io.pipelinekit.cli;

import io.pipelinekit.testing.FaultProxy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** Runs {@code pipeline} in-process with captured output, and talks to moto for assertions. */
final class DeployApiTestSupport {
  /** Short backoff and a 20 s bound so fault tests stay fast. */
  static final List<String> FAST_RETRIES =
      List.of("--retry-base-delay", "50ms", "--max-retry-time", "20s", "--attempt-timeout", "10s");

  private DeployApiTestSupport() {}

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** {@code command} + the AWS options for {@code endpoint} + fast retries + {@code args}. */
  static Run aws(String command, URI endpoint, String... args) {
    return awsIn("us-east-1", command, endpoint, args);
  }

  /**
   * {@code deploy-api} of {@code spec} to API {@code apiId}'s stage {@code prod} through {@code
   * endpoint}.
   */
  static Run deployToProd(URI endpoint, String apiId, Path spec, String... more) {
    List<String> args = new ArrayList<>(List.of("--rest-api-id", apiId, "--stage", "prod"));
    args.add("--spec");
    args.add(spec.toString());
    args.addAll(List.of(more));
    return aws("deploy-api", endpoint, args.toArray(String[]::new));
  }

  /** {@link #aws} in {@code region}. */
  static Run awsIn(String region, String command, URI endpoint, String... args) {
    List<String> all = new ArrayList<>();
    all.add(command);
    all.add("--region");
    all.add(region);
    all.add("--endpoint-url");
    all.add(endpoint.toString());
    all.addAll(FAST_RETRIES);
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  static ApiGatewayClient apiGateway(URI moto) {
    return ApiGatewayClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(moto)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .build();
  }

  static String stageDeployment(ApiGatewayClient aws, String apiId, String stage) {
    return aws.getStage(r -> r.restApiId(apiId).stageName(stage)).deploymentId();
  }

  static Path write(Path dir, String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> writes(FaultProxy proxy) {
    return proxy.exchanges().stream()
        .filter(FaultProxy.Exchange::isWrite)
        .map(FaultProxy.Exchange::call)
        .toList();
  }
}
