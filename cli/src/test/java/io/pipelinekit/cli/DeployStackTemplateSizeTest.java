package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.testing.FaultProxy;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy-stack}'s template size limits and the {@code --s3-bucket}, {@code --s3-prefix} and
 * {@code --timeout} options: a problem is exit 2, naming what to do, before any AWS call (the
 * endpoint is a recording proxy in front of nothing).
 */
class DeployStackTemplateSizeTest {
  @TempDir Path dir;

  private FaultProxy proxy;

  @BeforeEach
  void setUp() {
    proxy = FaultProxy.start(URI.create("http://127.0.0.1:9"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private Run deployStack(Path template, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "deploy-stack",
                "--region",
                "us-east-1",
                "--endpoint-url",
                proxy.endpoint().toString(),
                "--stack-name",
                "s",
                "--template",
                template.toString()));
    args.addAll(List.of(more));
    System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", "testing"));
    System.setProperty("aws.secretAccessKey", System.getProperty("aws.secretAccessKey", "testing"));
    return Run.of(args.toArray(String[]::new));
  }

  /** A valid JSON template of {@code bytes} bytes (a log group padded with metadata). */
  private Path template(int bytes) throws IOException {
    String head =
        "{\"Resources\": {\"Logs\": {\"Type\": \"AWS::Logs::LogGroup\", \"Metadata\": {\"P\": \"";
    String tail = "\"}}}}";
    return Files.writeString(
        dir.resolve("t.json"), head + "x".repeat(bytes - head.length() - tail.length()) + tail);
  }

  @Test
  void templateOverTheInlineLimit_withoutS3Bucket_namesItsSizeAndTheOption() throws IOException {
    Path t = template(51_201);

    Run run = deployStack(t);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(t + ": 51201 bytes is over CloudFormation's limit of 51200 bytes")
        .contains("pass --s3-bucket BUCKET")
        .doesNotContain("deploy-stack does not do");
    assertThat(proxy.exchanges()).isEmpty();
  }

  @Test
  void templateOver1Mb_withS3Bucket_namesItsSizeAndTheLimit() throws IOException {
    Path t = template(1_048_577);

    Run run = deployStack(t, "--s3-bucket", "my-templates");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(t + ": 1048577 bytes is over CloudFormation's limit of 1048576 bytes (1 MB)");
    assertThat(proxy.exchanges()).isEmpty();
  }

  @Test
  void s3BucketThatIsNoBucketName_isAUsageError() throws IOException {
    Run run = deployStack(template(1_000), "--s3-bucket", "s3://My_Bucket");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--s3-bucket 's3://My_Bucket' is not an S3 bucket name");
    assertThat(proxy.exchanges()).isEmpty();
  }

  @Test
  void s3PrefixWithoutS3Bucket_isAUsageError() throws IOException {
    Run run = deployStack(template(1_000), "--s3-prefix", "cfn");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--s3-prefix needs --s3-bucket");
    assertThat(proxy.exchanges()).isEmpty();
  }

  @Test
  void timeoutThatIsNoDuration_isAUsageError() throws IOException {
    Run run = deployStack(template(1_000), "--timeout", "soon");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'soon' is not a duration");
    assertThat(proxy.exchanges()).isEmpty();
  }
}
