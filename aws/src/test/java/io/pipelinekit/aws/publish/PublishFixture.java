package io.pipelinekit.aws.publish;

import io.pipelinekit.aws.PublishListener;
import io.pipelinekit.aws.RestApiPublisher;
import io.pipelinekit.aws.RetryPolicy;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.TestApis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;

/** Shared setup for the publishing tests: clients, a fast retry policy, and OpenAPI documents. */
final class PublishFixture {
  static final Region REGION = Region.US_EAST_1;

  /** Short backoff so fault tests stay fast; attempts still time out on a stuck moto. */
  static final RetryPolicy FAST_RETRIES =
      RetryPolicy.builder()
          .maxRetryTime(Duration.ofSeconds(20))
          .baseDelay(Duration.ofMillis(50))
          .throttlingBaseDelay(Duration.ofMillis(100))
          .maxBackoff(Duration.ofMillis(400))
          // Generous: a timed-out attempt is retried while moto may still be answering it, and the
          // late answer would then be recorded after a test cleared the proxy (seen on a loaded
          // 2-core machine). Only the slow-response test wants a short attempt timeout; it sets
          // one.
          .attemptTimeout(Duration.ofSeconds(45))
          .build();

  private PublishFixture() {}

  static ApiGatewayClientBuilder clientBuilder(URI endpoint) {
    return ApiGatewayClient.builder()
        .region(REGION)
        .endpointOverride(endpoint)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  /** A plain client straight to moto (no proxy, SDK default retries), for setup and assertions. */
  static ApiGatewayClient direct(URI motoEndpoint) {
    return clientBuilder(motoEndpoint).build();
  }

  static RestApiPublisher publisher(URI endpoint, RetryPolicy policy, PublishListener listener) {
    return RestApiPublisher.builder()
        .clientBuilder(clientBuilder(endpoint))
        .retryPolicy(policy)
        .listener(listener)
        .build();
  }

  /** Creates an empty REST API and returns its id. */
  static String createApi(ApiGatewayClient client, String name) {
    return client.createRestApi(r -> r.name(name)).id();
  }

  static String openApi(String title, String... paths) {
    return TestApis.openApi(title, paths);
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

  /** The paths of the API's resources, sorted. */
  static List<String> resourcePaths(ApiGatewayClient client, String apiId) {
    List<String> paths = new ArrayList<>();
    client.getResourcesPaginator(r -> r.restApiId(apiId)).items().forEach(r -> paths.add(r.path()));
    Collections.sort(paths);
    return paths;
  }

  /** The write calls the proxy saw, as "METHOD path". */
  static List<String> writes(FaultProxy proxy) {
    return proxy.exchanges().stream()
        .filter(FaultProxy.Exchange::isWrite)
        .map(FaultProxy.Exchange::call)
        .toList();
  }

  /** Records what a publisher reports. */
  static final class RecordingListener implements PublishListener {
    final List<String> retries = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void retrying(String call, String reason, Duration wait, int attempt) {
      retries.add(call + " | " + reason);
    }

    @Override
    public void warning(String message) {
      warnings.add(message);
    }
  }
}
