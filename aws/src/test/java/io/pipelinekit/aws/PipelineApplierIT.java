package io.pipelinekit.aws;

import static io.pipelinekit.testing.FaultProxy.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.pipeline.EcsTarget;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.FaultProxy.Fault;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoIam;
import io.pipelinekit.testing.MotoServer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/** {@link PipelineApplier} against moto through the counting proxy. */
@ExtendWith(MotoExtension.class)
class PipelineApplierIT {
  private static final String BUILDSPEC_V1 =
      "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n";
  private static final String BUILDSPEC_V2 =
      "version: 0.2\nphases:\n  build:\n    commands:\n      - make\n      - make test\n";

  private FaultProxy proxy;

  /** For the test's own reads, so they do not count as the applier's calls. */
  private FaultProxy observer;

  private EcsClient ecs;
  private PipelineApplier applier;
  private String name;
  private String cluster;
  private String role;
  private MotoServer moto;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    proxy = FaultProxy.start(moto.endpoint());
    proxy.rewriteResponses(r -> true, FaultProxy.motoReads());
    // moto has no CodeConnections: the connection check stays a "not checked" warning.
    proxy.unserved(operation("GetConnection"));
    proxy.rewriteRequests(
        operation("CreateProject"), FaultProxy.motoCodePipelineProjectLocations());
    observer =
        FaultProxy.start(moto.endpoint()).rewriteResponses(r -> true, FaultProxy.motoTimestamps());
    ecs = ApplyFixture.ecs(moto.endpoint());
    name = "orders-" + UUID.randomUUID().toString().substring(0, 8);
    cluster = name + "-cluster";
    role =
        MotoIam.createServiceRole(
            moto.endpoint(), name + "-pipeline", "codepipeline.amazonaws.com");
    ApplyFixture.referencedResources(
        moto.endpoint(), "orders-codebuild", "orders-artifacts-" + ApplyFixture.ACCOUNT);
    AwsClients clients =
        AwsClients.resolve(
            AwsSettings.builder().region("us-east-1").endpoint(proxy.endpoint()).build());
    RetryPolicy fast =
        RetryPolicy.builder()
            .baseDelay(Duration.ofMillis(50))
            .throttlingBaseDelay(Duration.ofMillis(50))
            .maxBackoff(Duration.ofMillis(200))
            .maxRetryTime(Duration.ofSeconds(10))
            .build();
    applier = PipelineApplier.create(clients, fast, PublishListener.NONE);
  }

  @AfterEach
  void tearDown() {
    applier.close();
    ecs.close();
    proxy.close();
    observer.close();
  }

  private PipelineDeclarations declarations(String computeType, String buildspec, String branch) {
    return PipelineDeclarations.builder()
        .ecsTargets(
            List.of(new EcsTarget("Deploy", "Deploy", cluster, name, List.of("app", "nginx"))))
        .createPipeline(ApplyFixture.createPipeline(name, role, cluster, branch))
        .addCreateProject(ApplyFixture.createProject(name, computeType, buildspec))
        .build();
  }

  private List<String> writes() {
    return proxy.exchanges().stream()
        .filter(FaultProxy.Exchange::isWrite)
        .map(FaultProxy.Exchange::call)
        .toList();
  }

  @Test
  void apply_createsThenIsUpToDateWithoutWrites_thenUpdatesWhatChanged() {
    ApplyFixture.ecsService(ecs, cluster, name, "app", "nginx");

    ApplyPlan created = applier.apply(declarations("BUILD_GENERAL1_SMALL", BUILDSPEC_V1, "main"));

    assertThat(created.changes())
        .extracting(ApplyPlan.Change::action)
        .containsExactly(ApplyPlan.Action.CREATE, ApplyPlan.Action.CREATE);
    assertThat(writes()).containsExactly("CreateProject", "CreatePipeline");
    try (CodePipelineClient cp =
            CodePipelineClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(observer.endpoint())
                .build();
        CodeBuildClient cb =
            CodeBuildClient.builder()
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(observer.endpoint())
                .build()) {
      assertThat(cp.getPipeline(r -> r.name(name)).pipeline().stages()).hasSize(3);
      assertThat(cb.batchGetProjects(r -> r.names(name + "-build")).projects()).hasSize(1);
    }

    proxy.clear();
    ApplyPlan again = applier.apply(declarations("BUILD_GENERAL1_SMALL", BUILDSPEC_V1, "main"));

    assertThat(again.upToDate()).as(again.render()).isTrue();
    assertThat(writes()).isEmpty();

    proxy.clear();
    // moto has no CodeBuild UpdateProject: the proxy answers it, and the test checks the request.
    proxy.inject(
        operation("UpdateProject"),
        Fault.respond(200, "{\"project\":{\"name\":\"" + name + "-build\"}}"));
    ApplyPlan updated =
        applier.apply(declarations("BUILD_GENERAL1_MEDIUM", BUILDSPEC_V2, "release"));

    assertThat(updated.changes())
        .extracting(ApplyPlan.Change::action)
        .containsExactly(ApplyPlan.Action.UPDATE, ApplyPlan.Action.UPDATE);
    assertThat(updated.changes().get(0).diff())
        .contains(
            "~ environment.computeType: \"BUILD_GENERAL1_SMALL\" -> \"BUILD_GENERAL1_MEDIUM\"",
            "~ source.buildspec: (text changed)",
            "    +       - make test");
    assertThat(updated.changes().get(1).diff())
        .containsExactly(
            "~ stages.Source.actions.Source.configuration.BranchName: \"main\" -> \"release\"");
    assertThat(writes()).containsExactly("UpdateProject", "UpdatePipeline");
    String updateBody =
        proxy.exchanges().stream()
            .filter(e -> e.call().equals("UpdateProject"))
            .findFirst()
            .orElseThrow()
            .body();
    assertThat(updateBody)
        .contains("\"name\":\"" + name + "-build\"")
        .contains("\"computeType\":\"BUILD_GENERAL1_MEDIUM\"")
        .contains("make test")
        .contains("\"serviceRole\":\"" + ApplyFixture.PROJECT_ROLE + "\"");
    try (CodePipelineClient cp =
        CodePipelineClient.builder()
            .region(software.amazon.awssdk.regions.Region.US_EAST_1)
            .endpointOverride(observer.endpoint())
            .build()) {
      assertThat(
              cp.getPipeline(r -> r.name(name))
                  .pipeline()
                  .stages()
                  .get(0)
                  .actions()
                  .get(0)
                  .configuration())
          .containsEntry("BranchName", "release");
    }
  }

  @Test
  void plan_writesNothing_andListsCreates() {
    ApplyFixture.ecsService(ecs, cluster, name, "app", "nginx");

    ApplyPlan plan = applier.plan(declarations("BUILD_GENERAL1_SMALL", BUILDSPEC_V1, "main"));

    assertThat(plan.render())
        .contains("+ CodeBuild project '" + name + "-build': create")
        .contains("+ CodePipeline pipeline '" + name + "': create")
        .contains("checked ECS service '" + name + "' in cluster '" + cluster + "'");
    assertThat(writes()).isEmpty();
  }

  @Test
  void apply_containerNameMismatch_failsBeforeAnyCodeBuildOrPipelineCall() {
    ApplyFixture.ecsService(ecs, cluster, name, "app", "web");

    assertThatThrownBy(
            () -> applier.apply(declarations("BUILD_GENERAL1_SMALL", BUILDSPEC_V1, "main")))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining("1 problem with what the pipeline refers to (nothing was changed)")
        .hasMessageContaining(
            "stage 'Deploy' action 'Deploy': the image definitions would name container 'nginx'")
        .hasMessageContaining("has containers [app, web]");
    assertThat(proxy.exchanges())
        .extracting(FaultProxy.Exchange::call)
        .doesNotContain("BatchGetProjects", "GetPipeline", "CreateProject", "CreatePipeline");
    assertThat(writes()).isEmpty();
  }

  @Test
  void apply_missingService_failsNamingIt() {
    ecs.createCluster(r -> r.clusterName(cluster));

    assertThatThrownBy(
            () -> applier.apply(declarations("BUILD_GENERAL1_SMALL", BUILDSPEC_V1, "main")))
        .isInstanceOf(ApplyException.class)
        .hasMessageContaining(
            "ECS service '" + name + "' in cluster '" + cluster + "' does not exist");
    assertThat(writes()).isEmpty();
  }
}
