package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.apiGateway;
import static io.pipelinekit.cli.DeployApiTestSupport.stageDeployment;
import static io.pipelinekit.cli.DeployApiTestSupport.write;
import static io.pipelinekit.cli.DeployApiTestSupport.writes;
import static io.pipelinekit.testing.FaultProxy.path;
import static io.pipelinekit.testing.TestApis.openApi;
import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.DeployApiTestSupport.Run;
import io.pipelinekit.testing.FaultProxy;
import io.pipelinekit.testing.FaultProxy.Fault;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.PutMode;

/**
 * {@code deploy-api} compares what the stage serves (GetExport) with the document and refuses
 * breaking changes unless {@code --allow-breaking}; against moto, through the counting proxy.
 *
 * <p>What moto 5.2.5's GetExport returns (moto/apigateway/models.py {@code export_api}): always a
 * Swagger 2.0 document, whatever the export type asked, built from the API's <em>current</em>
 * resources — the working definition, not the deployment the stage serves (real API Gateway
 * "exports a deployed version"); it ignores the stage name and the {@code extensions} parameter and
 * carries only paths, methods (keyed {@code GET}, not {@code get}: the publisher lower-cases them)
 * and response codes (each with an empty schema), plus {@code /} with no methods — no parameters,
 * schemas or security. So these tests exercise removed and added paths and operations; parameter
 * and schema changes are covered by the diff's own tests. {@link
 * #motoGetExport_returnsTheWorkingDefinition_notTheStagesDeployment} checks this.
 */
@ExtendWith(MotoExtension.class)
class DeployApiBreakingIT {
  @TempDir Path dir;

  private ApiGatewayClient apigw;
  private FaultProxy proxy;
  private String apiId;
  private Path v1;
  private Path removed;
  private Path added;

  @BeforeEach
  void setUp(MotoServer moto) {
    apigw = apiGateway(moto.endpoint());
    proxy = FaultProxy.start(moto.endpoint());
    apiId = apigw.createRestApi(r -> r.name("orders")).id();
    // No path parameters: moto's export has none, so a declared {id} would read as a required
    // parameter added to what the stage serves.
    v1 = write(dir, "v1.yaml", openApi("orders", "/orders", "/invoices"));
    removed = write(dir, "removed.yaml", openApi("orders", "/orders"));
    added = write(dir, "added.yaml", openApi("orders", "/orders", "/invoices", "/customers"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    apigw.close();
  }

  private Run deploy(Path spec, String... more) {
    return DeployApiTestSupport.deployToProd(proxy.endpoint(), apiId, spec, more);
  }

  private String exportOf(String stage) {
    return apigw
        .getExport(
            r ->
                r.restApiId(apiId)
                    .stageName(stage)
                    .exportType("oas30")
                    .parameters(Map.of("extensions", "apigateway"))
                    .accepts("application/json"))
        .body()
        .asString(StandardCharsets.UTF_8);
  }

  @Test
  void deployApi_operationRemoved_exitsOne_listsTheRemoval_andWritesNothing() {
    assertThat(deploy(v1).code()).isZero();
    String live = stageDeployment(apigw, apiId, "prod");
    proxy.clear();

    Run run = deploy(removed);

    assertThat(run.code()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("compared with stage 'prod' (deployment " + live + "): 1 change, 1 breaking")
        .contains(
            "<export of stage prod>:", " breaking path-removed path /invoices was removed (GET).");
    assertThat(run.err())
        .contains(
            "pipeline: 1 breaking change from what stage 'prod' of REST API "
                + apiId
                + " serves (deployment "
                + live
                + ") to "
                + removed
                + ": nothing was published")
        .contains("--allow-breaking")
        .doesNotContain("\tat ");
    assertThat(writes(proxy)).isEmpty();
    assertThat(stageDeployment(apigw, apiId, "prod")).isEqualTo(live);
    assertThat(proxy.exchanges())
        .extracting(FaultProxy.Exchange::call)
        .contains("GET /restapis/" + apiId + "/stages/prod/exports/oas30?extensions=apigateway");
    // moto's export is the working definition: it still has the operation, so nothing was put.
    assertThat(exportOf("prod")).contains("/invoices");
  }

  @Test
  void deployApi_operationRemovedWithAllowBreaking_publishes_andStillListsIt() {
    assertThat(deploy(v1).code()).isZero();
    String live = stageDeployment(apigw, apiId, "prod");

    Run run = deploy(removed, "--allow-breaking");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(" breaking path-removed path /invoices was removed (GET).")
        .contains("deployed " + removed + " to stage 'prod'");
    String now = stageDeployment(apigw, apiId, "prod");
    assertThat(now).isNotEqualTo(live);
    assertThat(run.out()).contains("(was " + live + ")");
    assertThat(exportOf("prod")).doesNotContain("/invoices");
  }

  @Test
  void deployApi_nonBreakingAddition_publishes_andPrintsTheChange() {
    assertThat(deploy(v1).code()).isZero();
    String live = stageDeployment(apigw, apiId, "prod");

    Run run = deploy(added);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("compared with stage 'prod' (deployment " + live + "): 1 change, 0 breaking")
        .contains(added + ":")
        .contains(" non-breaking path-added path /customers was added (GET).")
        .contains("deployed " + added);
    assertThat(stageDeployment(apigw, apiId, "prod")).isNotEqualTo(live);
  }

  @Test
  void deployApi_firstDeployToANewStage_hasNothingToCompare_andPublishes() {
    Run run = deploy(removed);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).doesNotContain("compared with").contains("(new stage)");
    assertThat(proxy.exchanges())
        .extracting(FaultProxy.Exchange::call)
        .noneMatch(call -> call.contains("/exports/"));
  }

  @Test
  void deployApi_throttledGetExport_isRetried_asEveryRead() {
    assertThat(deploy(v1).code()).isZero();
    proxy.inject(
        path("GET", "/restapis/" + apiId + "/stages/prod/exports/"),
        1,
        Fault.status(503, "ServiceUnavailableException"));

    Run run = deploy(added);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).contains("retry: GetExport failed (503");
    assertThat(run.out()).contains("non-breaking path-added path /customers");
  }

  @Test
  void deployApi_unreadableExport_refusesWithoutWriting_unlessAllowBreaking() {
    assertThat(deploy(v1).code()).isZero();
    String live = stageDeployment(apigw, apiId, "prod");
    proxy.clear();
    // untrusted input: the export goes through the bounded loader (here: a duplicate key)
    proxy.rewriteResponses(
        path("GET", "/restapis/" + apiId + "/stages/prod/exports/"),
        body -> body.replaceFirst("\\{", "{\"paths\": {}, "));

    Run refused = deploy(added);

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith(
            "pipeline: the export of stage 'prod' cannot be compared: <export of stage prod>:")
        .contains("--allow-breaking")
        .doesNotContain("\tat ");
    assertThat(writes(proxy)).isEmpty();
    assertThat(stageDeployment(apigw, apiId, "prod")).isEqualTo(live);

    Run allowed = deploy(added, "--allow-breaking");
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(allowed.err()).contains("warning: the export of stage 'prod' cannot be compared");
  }

  @Test
  void motoGetExport_returnsTheWorkingDefinition_notTheStagesDeployment() {
    assertThat(deploy(v1).code()).isZero();
    // PutRestApi without a deployment: real API Gateway's stage export would still be v1.
    apigw.putRestApi(
        r ->
            r.restApiId(apiId)
                .mode(PutMode.OVERWRITE)
                .body(SdkBytes.fromUtf8String(openApi("orders", "/orders", "/customers"))));
    // (v1 has /orders and /invoices)

    String export = exportOf("prod");

    assertThat(export).contains("\"swagger\": \"2.0\"").contains("/customers").contains("\"GET\"");
    assertThat(export).doesNotContain("/invoices");
    // it ignores the stage too: a stage that does not exist exports the same
    assertThat(exportOf("no-such-stage")).contains("/customers");
  }
}
