package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.aws;
import static io.pipelinekit.testing.FaultProxy.action;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code deploy-stack --s3-bucket} (a template over CloudFormation's 51,200-byte inline limit,
 * uploaded to S3 and deployed from its TemplateURL) and {@code --timeout} (stop waiting, leave what
 * was started), against moto through a recording proxy; stacks read back with boto3.
 */
@ExtendWith(MotoExtension.class)
class DeployStackS3IT {
  @TempDir Path dir;

  private FaultProxy proxy;
  private URI moto;
  private String prefix;
  private String stack;
  private S3Client s3;

  @BeforeEach
  void setUp(MotoServer server) {
    moto = server.endpoint();
    proxy = FaultProxy.start(moto);
    prefix = "dss" + UUID.randomUUID().toString().substring(0, 8);
    stack = prefix + "-stack";
    s3 =
        S3Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(moto)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
            .build();
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    s3.close();
  }

  /** A template of one log group named PREFIX-logs, padded with metadata to {@code bytes}. */
  private Path template(int bytes) throws IOException {
    String head =
        "{\"Parameters\": {\"Prefix\": {\"Type\": \"String\"}},\n"
            + " \"Resources\": {\"Logs\": {\"Type\": \"AWS::Logs::LogGroup\",\n"
            + "  \"Properties\": {\"LogGroupName\": {\"Fn::Sub\": \"${Prefix}-logs\"}},\n"
            + "  \"Metadata\": {\"Padding\": \"";
    String tail = "\"}}}}\n";
    String text = head + "x".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail;
    return Files.writeString(dir.resolve("big.template.json"), text);
  }

  private Run deploy(Path template, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--stack-name",
                stack,
                "--template",
                template.toString(),
                "--parameter",
                "Prefix=" + prefix));
    args.addAll(List.of(more));
    return aws("deploy-stack", proxy.endpoint(), args.toArray(String[]::new));
  }

  private long calls(String action) {
    return StackReadBack.calls(proxy, action);
  }

  private JsonNode readBack() {
    return new StackReadBack(dir, moto, "us-east-1").stack(stack);
  }

  private List<FaultProxy.Exchange> exchanges(String action) {
    return proxy.exchanges().stream().filter(e -> e.call().equals(action)).toList();
  }

  @Test
  void templateOverTheInlineLimit_withS3Bucket_isUploadedAndDeployedFromItsUrl() throws Exception {
    String bucket = prefix + "-templates";
    s3.createBucket(r -> r.bucket(bucket));
    Path template = template(60_000);
    byte[] bytes = Files.readAllBytes(template);
    assertThat(bytes.length).isGreaterThan(51_200);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    String key = "cfn/" + sha256 + ".template";

    Run run = deploy(template, "--s3-bucket", bucket, "--s3-prefix", "/cfn/");

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("uploaded " + template + " (" + bytes.length + " bytes) to s3://" + bucket + "/")
        .contains(key)
        .contains("deployed stack '" + stack + "': CREATE_COMPLETE");
    assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray()).isEqualTo(bytes);
    List<FaultProxy.Exchange> created = exchanges("CreateChangeSet");
    assertThat(created).hasSize(1);
    assertThat(created.get(0).body())
        .contains(
            "TemplateURL=https%3A%2F%2Fs3.us-east-1.amazonaws.com%2F"
                + bucket
                + "%2Fcfn%2F"
                + sha256
                + ".template")
        .doesNotContain("TemplateBody=");
    JsonNode made = readBack();
    assertThat(made.get("status").asText()).isEqualTo("CREATE_COMPLETE");
    assertThat(StackReadBack.resource(made, "Logs").get("physicalId").asText())
        .isEqualTo(prefix + "-logs");

    // The same template again: the same object, and nothing to change.
    proxy.clear();
    Run again = deploy(template, "--s3-bucket", bucket, "--s3-prefix", "cfn");
    assertThat(again.code()).as(again.out() + again.err()).isZero();
    assertThat(again.out()).contains(key).contains("no changes: stack '" + stack + "'");
    assertThat(calls("ExecuteChangeSet")).isZero();
  }

  @Test
  void s3BucketThatDoesNotExist_exits1_beforeAnyChangeSet() throws IOException {
    Run run = deploy(template(60_000), "--s3-bucket", prefix + "-missing");

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("S3 PutObject of ")
        .contains("NoSuchBucket")
        .contains("bucket '" + prefix + "-missing' does not exist")
        .contains("Nothing was deployed")
        .doesNotContain("software.amazon")
        .doesNotContain("\tat ");
    assertThat(calls("CreateChangeSet")).isZero();
    assertThat(new StackReadBack(dir, moto, "us-east-1").inventory(prefix).get("stacks").isEmpty())
        .isTrue();
  }

  @Test
  void timeout_whileTheStackIsInProgress_exits1_andCancelsOrDeletesNothing() throws IOException {
    // moto finishes a stack at once: its answers are made to say CREATE_IN_PROGRESS for ever.
    proxy.rewriteResponses(
        action("DescribeStacks"),
        body ->
            body.replace(
                "<StackStatus>CREATE_COMPLETE</StackStatus>",
                "<StackStatus>CREATE_IN_PROGRESS</StackStatus>"));
    long start = System.nanoTime();

    Run run = deploy(template(2_000), "--timeout", "3s");

    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("stack '" + stack + "' is still CREATE_IN_PROGRESS after the --timeout of 3.0s")
        .contains("nothing was cancelled or deleted")
        .contains("describe-stack-events --stack-name " + stack)
        .doesNotContain("\tat ");
    assertThat(run.out()).doesNotContain("deployed stack");
    assertThat(seconds).as("stopped soon after the timeout").isLessThan(20);
    assertThat(calls("ExecuteChangeSet")).isEqualTo(1);
    assertThat(calls("DeleteStack")).isZero();
    assertThat(calls("DeleteChangeSet")).isZero();
    assertThat(calls("CancelUpdateStack")).isZero();
    assertThat(calls("RollbackStack")).isZero();
  }

  @Test
  void timeout_whileTheChangeSetIsComputed_leavesItForReview() throws IOException {
    proxy.rewriteResponses(
        action("DescribeChangeSet"),
        body ->
            body.replace("<Status>CREATE_COMPLETE</Status>", "<Status>CREATE_PENDING</Status>"));

    Run run = deploy(template(2_000), "--timeout", "2s");

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err())
        .contains("for stack '" + stack + "' is still CREATE_PENDING after the --timeout of 2.0s")
        .contains("left it as it is (nothing was deleted)")
        .contains("describe-change-set --stack-name " + stack + " --change-set-name pipelinekit-");
    assertThat(calls("ExecuteChangeSet")).isZero();
    assertThat(calls("DeleteChangeSet")).isZero();
    assertThat(calls("DeleteStack")).isZero();
    JsonNode left = readBack();
    assertThat(left.get("status").asText()).isEqualTo("REVIEW_IN_PROGRESS");
    assertThat(left.get("changeSets")).hasSize(1);
  }
}
