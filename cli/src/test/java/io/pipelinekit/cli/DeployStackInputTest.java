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
 * {@code deploy-stack}'s input checks: a bad template or parameter is exit 2 before any AWS call
 * (the endpoint is a recording proxy in front of nothing: any call would show up in it).
 */
class DeployStackInputTest {
  @TempDir Path dir;

  private FaultProxy proxy;

  private static final String YAML =
      """
      AWSTemplateFormatVersion: "2010-09-09"
      Parameters:
        Prefix:
          Type: String
        RetentionDays:
          Type: Number
          Default: 30
      Resources:
        Logs:
          Type: AWS::Logs::LogGroup
          Properties:
            LogGroupName: !Sub "/aws/codebuild/${Prefix}"
            RetentionInDays: !Ref RetentionDays
      """;

  @BeforeEach
  void setUp() {
    proxy = FaultProxy.start(URI.create("http://127.0.0.1:9"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  private Run deployStack(Path template, String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
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

  private void assertNoCall() {
    assertThat(proxy.exchanges()).isEmpty();
  }

  @Test
  void parameterWithoutEquals_isAUsageError() throws IOException {
    Path t = Files.writeString(dir.resolve("t.yaml"), YAML);
    Run run = deployStack(t, "--parameter", "Prefix");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--parameter 'Prefix' is not KEY=VALUE");
    assertNoCall();
  }

  @Test
  void parameterTheTemplateDoesNotDeclare_isNamedWithASuggestion() throws IOException {
    Path t = Files.writeString(dir.resolve("t.yaml"), YAML);
    Run run = deployStack(t, "--parameter", "Prefx=a");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("declares no parameter 'Prefx' (did you mean 'Prefix'?)")
        .contains("its parameters are Prefix, RetentionDays")
        .doesNotContain("Exception");
    assertNoCall();
  }

  @Test
  void parameterGivenTwice_isAUsageError() throws IOException {
    Path t = Files.writeString(dir.resolve("t.yaml"), YAML);
    Run run = deployStack(t, "--parameter", "Prefix=a", "--parameter", "Prefix=b");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--parameter Prefix is given twice");
    assertNoCall();
  }

  @Test
  void templateOverTheInlineLimit_saysItNeedsS3() throws IOException {
    StringBuilder big = new StringBuilder("{\"Resources\": {");
    for (int i = 0; big.length() < 52_000; i++) {
      big.append(i == 0 ? "" : ",")
          .append("\"Group")
          .append(i)
          .append("\": {\"Type\": \"AWS::Logs::LogGroup\"}");
    }
    big.append("}}");
    Path t = Files.writeString(dir.resolve("big.json"), big);
    Run run = deployStack(t);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains(t.toString())
        .contains("over CloudFormation's limit of 51200 bytes")
        .contains("uploaded to S3");
    assertNoCall();
  }

  @Test
  void invalidYaml_namesFileLineAndColumn() throws IOException {
    Path t = Files.writeString(dir.resolve("t.yaml"), "Resources:\n  Logs: [unclosed\n");
    Run run = deployStack(t);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).containsPattern("t\\.yaml:\\d+:\\d+: not valid JSON or YAML");
    assertNoCall();
  }

  @Test
  void invalidJson_namesFileLineAndColumn() throws IOException {
    Path t = Files.writeString(dir.resolve("t.json"), "{\"Resources\": {\"A\": {\"Type\": }}}");
    Run run = deployStack(t);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).containsPattern("t\\.json:1:\\d+: not valid JSON");
    assertNoCall();
  }

  @Test
  void templateWithoutResources_orAResourceWithoutType_isRefused() throws IOException {
    Path none = Files.writeString(dir.resolve("none.yaml"), "Parameters: {}\n");
    Run run = deployStack(none);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("no Resources");
    Path typeless =
        Files.writeString(dir.resolve("typeless.yaml"), "Resources:\n  A:\n    Properties: {}\n");
    run = deployStack(typeless);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("typeless.yaml:2:3: resource 'A' has no Type");
    assertNoCall();
  }

  @Test
  void missingTemplate_isAUsageError() {
    Run run = deployStack(dir.resolve("absent.json"));
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("absent.json: no such file");
    assertNoCall();
  }
}
