package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.aws;
import static io.pipelinekit.cli.DeployApiTestSupport.writes;
import static io.pipelinekit.testing.FaultProxy.operation;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.aws.ApplyFixture;
import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoIam;
import io.pipelinekit.testing.MotoServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@code pipeline apply} against moto, through the counting proxy. */
@ExtendWith(MotoExtension.class)
class ApplyCommandIT {
  private FaultProxy proxy;
  private EcsClient ecs;
  private String name;
  private String cluster;
  private String role;

  @BeforeEach
  void setUp(MotoServer moto) {
    proxy =
        FaultProxy.start(moto.endpoint())
            .rewriteResponses(r -> true, FaultProxy.motoReads())
            // moto has no CodeConnections: the connection check stays a "not checked" warning.
            .unserved(operation("GetConnection"))
            .rewriteRequests(
                operation("CreateProject"), FaultProxy.motoCodePipelineProjectLocations());
    ecs = ApplyFixture.ecs(moto.endpoint());
    name = "svc-" + UUID.randomUUID().toString().substring(0, 8);
    cluster = name + "-cluster";
    role =
        MotoIam.createServiceRole(
            moto.endpoint(), name + "-pipeline", "codepipeline.amazonaws.com");
    ApplyFixture.referencedResources(
        moto.endpoint(), name + "-codebuild", name + "-artifacts", name + "/app", name + "/nginx");
  }

  @AfterEach
  void tearDown() {
    ecs.close();
    proxy.close();
  }

  private Run apply(String... more) {
    return aws("apply", proxy.endpoint(), ApplyTestPipeline.arguments(name, role, cluster, more));
  }

  @Test
  void apply_dryRunThenCreateThenUpToDateThenUpdate() {
    ApplyFixture.ecsService(ecs, cluster, name, "app", "nginx");

    Run dry = apply("--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("checked ECS service '" + name + "' in cluster '" + cluster + "'")
        .contains("+ CodeBuild project '" + name + "-build': create")
        .contains("+ CodePipeline pipeline '" + name + "': create")
        .contains("dry run: nothing was changed");
    assertThat(writes(proxy)).isEmpty();

    Run created = apply();
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out())
        .contains("applied pipeline '" + name + "' in us-east-1: 2 created, 0 updated");
    assertThat(writes(proxy)).containsExactly("CreateProject", "CreatePipeline");

    proxy.clear();
    Run again = apply();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("= CodeBuild project '" + name + "-build': unchanged")
        .contains("up to date: pipeline '" + name + "'");
    assertThat(writes(proxy)).isEmpty();

    proxy.clear();
    Run changed = apply("-P", "branch=release");
    assertThat(changed.code()).as(changed.err()).isZero();
    assertThat(changed.out())
        .contains("~ CodePipeline pipeline '" + name + "': update")
        .contains(
            "~ stages.Source.actions.Source.configuration.BranchName: \"main\" -> \"release\"")
        .contains("1 updated");
    assertThat(writes(proxy)).containsExactly("UpdatePipeline");
  }

  @Test
  void apply_containerNamesNotInTaskDefinition_exitsOneBeforeAnyCodeBuildOrPipelineCall() {
    ApplyFixture.ecsService(ecs, cluster, name, "app", "proxy");

    Run run = apply();

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("1 problem with what the pipeline refers to (nothing was changed)")
        .contains("would name container 'nginx'")
        .contains("has containers [app, proxy]");
    assertThat(writes(proxy)).isEmpty();
    assertThat(proxy.exchanges())
        .extracting(FaultProxy.Exchange::call)
        .doesNotContain("BatchGetProjects", "GetPipeline");
  }

  @Test
  void apply_regionOtherThanTheDefinitions_isRefused() {
    Run run =
        DeployApiTestSupport.run(
            "apply",
            "--region",
            "eu-west-1",
            "--endpoint-url",
            proxy.endpoint().toString(),
            "--definition",
            ApplyTestPipeline.class.getName(),
            "-P",
            "name=" + name,
            "-P",
            "roleArn=" + role,
            "-P",
            "cluster=" + cluster,
            TestDefinitions.TOOL[0],
            TestDefinitions.TOOL[1],
            TestDefinitions.TOOL[2],
            TestDefinitions.TOOL[3]);

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("is defined for region us-east-1 but the AWS region is eu-west-1");
    assertThat(proxy.exchanges()).isEmpty();
  }
}
