package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.aws;
import static io.pipelinekit.testing.FaultProxy.action;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import io.pipelinekit.testing.RepoRoot;
import io.pipelinekit.testing.VenvTool;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline deploy-stack} against moto's CloudFormation, read back with boto3 ({@code
 * readback.py}, an independent client). The template is {@code
 * src/test/resources/deploystack/bootstrap-like.template.json} unless {@code
 * -Ddeploystack.template=FILE} names another (e.g. {@code build/pipeline/cloudformation/
 * bootstrap.template.json}); it must take a {@code Prefix} parameter that names its resources (or
 * pass {@code -Ddeploystack.prefixParameter=NAME}). The read-back checks every resource of a type
 * it knows (IAM role, S3 bucket, ECR repository, log group, KMS key) by its physical id.
 */
@ExtendWith(MotoExtension.class)
class DeployStackCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private FaultProxy proxy;
  private URI moto;
  private String prefix;
  private String stack;
  private Path template;

  @BeforeEach
  void setUp(MotoServer server) throws IOException {
    moto = server.endpoint();
    proxy = FaultProxy.start(moto);
    prefix = "dst" + UUID.randomUUID().toString().substring(0, 8);
    stack = prefix + "-bootstrap";
    template = dir.resolve("template.json");
    Files.copy(templateUnderTest(), template);
  }

  @AfterEach
  void tearDown() {
    proxy.close();
  }

  static Path templateUnderTest() {
    String given = System.getProperty("deploystack.template");
    return given != null && !given.isBlank()
        ? Path.of(given).toAbsolutePath()
        : RepoRoot.find()
            .resolve("cli/src/test/resources/deploystack/bootstrap-like.template.json");
  }

  private static String prefixParameter() {
    return System.getProperty("deploystack.prefixParameter", "Prefix");
  }

  private Run deploy(String... more) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "--stack-name",
            stack,
            "--template",
            template.toString(),
            "--parameter",
            prefixParameter() + "=" + prefix));
    args.addAll(List.of(more));
    return aws("deploy-stack", proxy.endpoint(), args.toArray(String[]::new));
  }

  private JsonNode readBack(String mode, String name) {
    StackReadBack readBack = new StackReadBack(dir, moto, "us-east-1");
    return mode.equals("inventory") ? readBack.inventory(name) : readBack.stack(name);
  }

  private long calls(String action) {
    return StackReadBack.calls(proxy, action);
  }

  @Test
  void dryRun_printsWhatItWouldCreate_andCreatesNothing() throws IOException {
    Run run = deploy("--dry-run");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("plan for stack '" + stack + "' (new stack")
        .contains("acknowledging CAPABILITY_NAMED_IAM")
        .contains("+ add     PipelineRole (AWS::IAM::Role)")
        .contains("+ add     ArtifactBucket (AWS::S3::Bucket)")
        .contains("+ add     Repository (AWS::ECR::Repository)")
        .contains("+ add     BuildLogs (AWS::Logs::LogGroup)")
        .contains("+ add     ArtifactKey (AWS::KMS::Key)")
        .contains("dry run: change set pipelinekit-")
        .contains("nothing was changed");
    assertThat(calls("ExecuteChangeSet")).isZero();
    assertThat(calls("DeleteChangeSet")).isEqualTo(1);
    assertThat(calls("DeleteStack")).isEqualTo(1);
    JsonNode left = readBack("inventory", prefix);
    assertThat(left.get("stacks")).as("no stack, not even REVIEW_IN_PROGRESS").isEmpty();
    assertThat(left.get("roles")).isEmpty();
    assertThat(left.get("buckets")).isEmpty();
    assertThat(left.get("repositories")).isEmpty();
    assertThat(left.get("logGroups")).isEmpty();
  }

  @Test
  void dryRun_withDetailedExitcode_exits3WhenThereAreChanges_asJson() throws IOException {
    Run run = deploy("--dry-run", "--detailed-exitcode", "--format", "json");

    assertThat(run.code()).as(run.err()).isEqualTo(3);
    JsonNode plan = JSON.readTree(run.out());
    assertThat(plan.get("newStack").asBoolean()).isTrue();
    assertThat(plan.get("hasChanges").asBoolean()).isTrue();
    assertThat(plan.get("summary").get("add").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(plan.get("changes").findValuesAsText("type"))
        .contains("AWS::IAM::Role", "AWS::S3::Bucket", "AWS::ECR::Repository");
    assertThat(readBack("inventory", prefix).get("stacks")).isEmpty();
  }

  @Test
  void deploy_createsEveryResource_thenASecondRunHasNoChanges() throws IOException {
    Run first = deploy();

    assertThat(first.code()).as(first.out() + first.err()).isZero();
    assertThat(first.out()).contains("deployed stack '" + stack + "': CREATE_COMPLETE");
    JsonNode made = readBack("stack", stack);
    assertThat(made.get("status").asText()).isEqualTo("CREATE_COMPLETE");
    JsonNode pipelineRole = resource(made, "PipelineRole");
    assertThat(pipelineRole.get("physicalId").asText()).isEqualTo(prefix + "-pipeline");
    JsonNode trust = pipelineRole.get("read").get("trust").get("Statement").get(0);
    assertThat(trust.get("Principal").get("Service").asText())
        .isEqualTo("codepipeline.amazonaws.com");
    assertThat(trust.get("Condition").get("StringEquals").get("aws:SourceAccount").asText())
        .isEqualTo("123456789012");
    assertThat(
            resource(made, "BuildRole")
                .get("read")
                .get("trust")
                .get("Statement")
                .get(0)
                .get("Principal")
                .get("Service")
                .asText())
        .isEqualTo("codebuild.amazonaws.com");
    // The bucket exists (HeadBucket); moto's CloudFormation does not apply its
    // VersioningConfiguration, nor create AWS::S3::BucketPolicy at all.
    assertThat(resource(made, "ArtifactBucket").get("physicalId").asText())
        .isEqualTo(prefix + "-artifacts");
    // moto's CloudFormation drops ImageScanningConfiguration; the tag policy it keeps.
    assertThat(resource(made, "Repository").get("read").get("tagMutability").asText())
        .isEqualTo("IMMUTABLE");
    assertThat(resource(made, "BuildLogs").get("read").get("retentionInDays").asInt())
        .isEqualTo(30);
    assertThat(resource(made, "ArtifactKey").get("read").get("arn").asText())
        .startsWith("arn:aws:kms:us-east-1:123456789012:key/");
    // moto leaves a stack made by a change set without Outputs: none to check here.

    proxy.clear();
    Run second = deploy();
    assertThat(second.code()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("no changes: stack '" + stack + "' already matches");
    assertThat(calls("ExecuteChangeSet")).isZero();
    Run gated = deploy("--dry-run", "--detailed-exitcode");
    assertThat(gated.code()).as(gated.out() + gated.err()).isZero();
    assertThat(readBack("stack", stack).get("changeSets"))
        .as("no empty change set left behind")
        .allMatch(c -> c.get("execution").asText().equals("EXECUTE_COMPLETE"));
  }

  @Test
  void deploy_ofAChangedTemplate_showsTheResourceAsModify() throws IOException {
    assertThat(deploy().code()).isZero();
    String text = Files.readString(template);
    assertThat(text).contains("\"ImageTagMutability\": \"IMMUTABLE\"");
    Files.writeString(
        template,
        text.replace(
            "\"ImageTagMutability\": \"IMMUTABLE\"", "\"ImageTagMutability\": \"MUTABLE\""));

    Run plan = deploy("--dry-run", "--detailed-exitcode");
    assertThat(plan.code()).as(plan.out() + plan.err()).isEqualTo(3);
    assertThat(plan.out())
        .contains("(update, change set")
        .contains("~ modify  Repository (AWS::ECR::Repository)")
        .doesNotContain("+ add")
        .contains("0 to add, 1 to modify, 0 to remove");

    Run applied = deploy();
    assertThat(applied.code()).as(applied.out() + applied.err()).isZero();
    assertThat(applied.out()).contains("UPDATE_COMPLETE");
    assertThat(
            resource(readBack("stack", stack), "Repository")
                .get("read")
                .get("tagMutability")
                .asText())
        .isEqualTo("MUTABLE");
  }

  @Test
  void deploy_whenAResourceFails_reportsTheFailureAndExits1() throws IOException {
    // The repository's name is taken: CloudFormation cannot create it.
    Path script = dir.resolve("take.py");
    Files.writeString(
        script,
        "import boto3,sys\n"
            + "boto3.client('ecr',region_name='us-east-1',endpoint_url=sys.argv[1],"
            + "aws_access_key_id='t',aws_secret_access_key='t')"
            + ".create_repository(repositoryName=sys.argv[2])\n");
    VenvTool.Result taken =
        VenvTool.named("python")
            .run(dir, Duration.ofSeconds(60), script.toString(), moto.toString(), prefix + "-app");
    assertThat(taken.exitCode()).as(taken.output()).isZero();

    Run run = deploy();

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out() + run.err())
        .contains("RepositoryAlreadyExistsException")
        .contains(prefix + "-app")
        .doesNotContain("deployed stack")
        .doesNotContain("software.amazon")
        .doesNotContain("io.pipelinekit")
        .doesNotContain("\tat ");
  }

  @Test
  void createChangeSet_whoseAnswerIsLost_isLookedUpNotRepeated() throws IOException {
    proxy.inject(action("CreateChangeSet"), FaultProxy.Fault.resetAfterForwarding());
    proxy.inject(action("ExecuteChangeSet"), FaultProxy.Fault.resetAfterForwarding());

    Run run = deploy();

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(calls("CreateChangeSet")).isEqualTo(1);
    assertThat(calls("ExecuteChangeSet")).as("exactly one execution").isEqualTo(1);
    assertThat(run.err())
        .contains("not creating another")
        .contains("the first ExecuteChangeSet was carried out; not executing it again");
    JsonNode made = readBack("stack", stack);
    assertThat(made.get("status").asText()).isEqualTo("CREATE_COMPLETE");
    assertThat(made.get("changeSets")).hasSize(1);
  }

  @Test
  void createChangeSet_refusedWith503_isSentAgainOnlyAfterFindingNoChangeSet() throws IOException {
    proxy.inject(action("CreateChangeSet"), FaultProxy.Fault.status(503, "ServiceUnavailable"));

    Run run = deploy();

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    List<String> order =
        proxy.exchanges().stream()
            .map(FaultProxy.Exchange::call)
            .filter(c -> c.endsWith("ChangeSet"))
            .toList();
    assertThat(order)
        .startsWith("CreateChangeSet", "DescribeChangeSet", "CreateChangeSet")
        .containsOnlyOnce("ExecuteChangeSet");
    assertThat(run.err()).contains("no change set was made");
    assertThat(readBack("stack", stack).get("changeSets")).hasSize(1);
  }

  private static JsonNode resource(JsonNode stack, String logicalId) {
    return StackReadBack.resource(stack, logicalId);
  }
}
