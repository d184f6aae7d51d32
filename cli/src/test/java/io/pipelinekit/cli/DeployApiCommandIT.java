package io.pipelinekit.cli;

import static io.pipelinekit.cli.DeployApiTestSupport.apiGateway;
import static io.pipelinekit.cli.DeployApiTestSupport.run;
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
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/** {@code pipeline deploy-api} against moto, through the counting, fault-injecting proxy. */
@ExtendWith(MotoExtension.class)
class DeployApiCommandIT {
  @TempDir Path dir;

  private ApiGatewayClient apigw;
  private FaultProxy proxy;
  private String apiId;
  private Path v1;
  private Path v2;

  @BeforeEach
  void setUp(MotoServer moto) {
    apigw = apiGateway(moto.endpoint());
    proxy = FaultProxy.start(moto.endpoint());
    apiId = apigw.createRestApi(r -> r.name("orders")).id();
    v1 = write(dir, "v1.yaml", openApi("orders", "/orders", "/orders/{id}"));
    v2 = write(dir, "v2.yaml", openApi("orders", "/orders", "/orders/{id}", "/customers"));
  }

  @AfterEach
  void tearDown() {
    proxy.close();
    apigw.close();
  }

  private Run deploy(Path spec, String... more) {
    return DeployApiTestSupport.deployToProd(proxy.endpoint(), apiId, spec, more);
  }

  @Test
  void deployApi_firstDeploy_makesExactlyTwoWritesAndPrintsIdAndInvokeUrl() {
    Run run = deploy(v1, "--commit", "4f2a9c1");

    assertThat(run.code()).as(run.err()).isZero();
    String deploymentId = stageDeployment(apigw, apiId, "prod");
    assertThat(run.out())
        .contains("deployed " + v1 + " to stage 'prod' of REST API " + apiId)
        .contains("(new stage)")
        .contains("deployment id: " + deploymentId)
        .contains("invoke URL: https://" + apiId + ".execute-api.us-east-1.amazonaws.com/prod");
    assertThat(writes(proxy))
        .containsExactly(
            "PUT /restapis/" + apiId + "?mode=overwrite&failonwarnings=true",
            "POST /restapis/" + apiId + "/deployments");
    assertThat(
            apigw.getDeployment(r -> r.restApiId(apiId).deploymentId(deploymentId)).description())
        .startsWith("commit 4f2a9c1; pipelinekit spec-sha256=");
  }

  @Test
  void deployApi_secondDeploy_createsNewDeploymentAndMovesStage() {
    assertThat(deploy(v1).code()).isZero();
    String first = stageDeployment(apigw, apiId, "prod");

    Run run = deploy(v2);

    assertThat(run.code()).as(run.err()).isZero();
    String second = stageDeployment(apigw, apiId, "prod");
    assertThat(second).isNotEqualTo(first);
    assertThat(run.out()).contains("deployment " + second + " (was " + first + ")");
  }

  @Test
  void deployApi_sameDocumentAgain_saysUnchangedWithoutWrites_forceDeploys() {
    assertThat(deploy(v1).code()).isZero();
    String first = stageDeployment(apigw, apiId, "prod");
    proxy.clear();

    Run again = deploy(v1);

    assertThat(again.code()).isZero();
    assertThat(again.out()).startsWith("unchanged: stage 'prod' already serves this document");
    assertThat(writes(proxy)).isEmpty();

    Run forced = deploy(v1, "--force");
    assertThat(forced.code()).isZero();
    assertThat(stageDeployment(apigw, apiId, "prod")).isNotEqualTo(first);
  }

  @Test
  void deployApi_variablesAndMerge_reachApiGateway() {
    assertThat(deploy(v2).code()).isZero();

    Run run = deploy(v1, "--mode", "merge", "--variable", "backend=blue", "--no-fail-on-warnings");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(apigw.getStage(r -> r.restApiId(apiId).stageName("prod")).variables())
        .containsEntry("backend", "blue");
    assertThat(writes(proxy))
        .contains("PUT /restapis/" + apiId + "?mode=merge&failonwarnings=false");
    // merge kept /customers, which v1 does not have
    assertThat(apigw.getResources(r -> r.restApiId(apiId)).items())
        .anySatisfy(r -> assertThat(r.path()).isEqualTo("/customers"));
  }

  @Test
  void deployApi_throttled_retriesOneLineEach_andSucceeds() {
    proxy.inject(
        path("PUT", "/restapis/" + apiId), 2, Fault.status(429, "TooManyRequestsException"));

    Run run = deploy(v1);

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err().lines().filter(l -> l.startsWith("retry: ")))
        .hasSize(2)
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "retry: PutRestApi failed \\(429 TooManyRequestsException\\); attempt \\d in"
                            + " \\d+\\.\\ds"));
  }

  @Test
  void deployApi_failingPutRestApi_exitsOne_andStageKeepsServingPreviousDeployment() {
    assertThat(deploy(v1).code()).isZero();
    String live = stageDeployment(apigw, apiId, "prod");
    proxy.clear();
    proxy.inject(path("PUT", "/restapis/" + apiId), Fault.status(400, "BadRequestException"));

    Run run = deploy(v2);

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("pipeline: PutRestApi failed: BadRequestException (HTTP 400)")
        .contains("No deployment was created; stage 'prod' still serves deployment " + live)
        .doesNotContain("\tat ");
    assertThat(stageDeployment(apigw, apiId, "prod")).isEqualTo(live);
    assertThat(writes(proxy)).hasSize(1);
  }

  @Test
  void deployApi_lintErrors_blockPublishing_unlessNoLint() {
    // An http integration whose URI uses {id} without mapping it: API Gateway rejects the import.
    Path broken =
        write(
            dir,
            "broken.yaml",
            openApi("orders", "/orders/{id}")
                .replace(
                    "        requestParameters:\n"
                        + "          integration.request.path.id: method.request.path.id\n",
                    ""));

    Run blocked = deploy(broken);

    assertThat(blocked.code()).isEqualTo(2);
    assertThat(blocked.err())
        .contains("broken.yaml:")
        .contains("error")
        .contains("lint error")
        .contains("nothing was published")
        .contains("--no-lint");
    assertThat(proxy.exchanges()).isEmpty();

    Run forced = deploy(broken, "--no-lint");
    assertThat(forced.err()).contains("broken.yaml:");
    assertThat(writes(proxy)).isNotEmpty();
  }

  @Test
  void deployApi_importParametersAndWarnings_areSentAndPrinted() {
    // moto returns no import warnings; the proxy adds one the way API Gateway reports them.
    proxy.rewriteResponses(
        path("PUT", "/restapis/" + apiId),
        body ->
            body.replaceFirst(
                "\\{",
                "{\"warnings\":[\"Ignoring response model for 200 response on GET /orders\"],"));

    Run run =
        deploy(
            v1,
            "--parameter",
            "basepath=ignore",
            "--parameter",
            "ignore=documentation",
            "--no-fail-on-warnings");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(writes(proxy).get(0))
        .startsWith("PUT /restapis/" + apiId + "?")
        .contains("basepath=ignore")
        .contains("ignore=documentation")
        .contains("failonwarnings=false");
    assertThat(run.err())
        .contains(
            "warning: API Gateway import warning: Ignoring response model for 200 response on GET"
                + " /orders");
  }

  @Test
  void deployApi_verboseFailure_showsStackTraceButNoCredentialsOrSignature() {
    proxy.inject(path("PUT", "/restapis/" + apiId), Fault.status(403, "AccessDeniedException"));

    Run run = deploy(v1, "--verbose");

    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err())
        .contains("PutRestApi failed: AccessDeniedException (HTTP 403)")
        .contains("Check the credentials")
        .contains("\tat ")
        .doesNotContain("Signature=")
        .doesNotContain("Credential=")
        .doesNotContain(System.getProperty("aws.secretAccessKey"));
  }

  @Test
  void deployApi_missingSpecFile_exitsTwoNamingIt() {
    Run run = deploy(dir.resolve("nope.yaml"));

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("nope.yaml");
    assertThat(proxy.exchanges()).isEmpty();
  }

  @Test
  void deployApi_missingStage_isUsageError() {
    Run run = run("deploy-api", "--rest-api-id", "x", "--spec", v1.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("Missing required option: '--stage=STAGE'")
        .contains("Run 'pipeline deploy-api --help'");
  }

  @Test
  void deployApi_unknownProfile_saysCredentialsAreMissing_withoutCalling() {
    Run run = deploy(v1, "--profile", "pipelinekit-no-such-profile");

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err())
        .contains("no AWS credentials for profile 'pipelinekit-no-such-profile'")
        .doesNotContain("testing");
    assertThat(proxy.exchanges()).isEmpty();
  }
}
