package io.pipelinekit.service.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.apispec.OpenApiMerger;
import io.pipelinekit.cli.PipelineCli;
import io.pipelinekit.core.Severity;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.EcsTarget;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineType;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Synthesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicePipelineTest {
  /** The CLI names no default definition (bin/pipeline passes this one). */
  private static final String DEFINITION = ServicePipeline.class.getName();

  @TempDir Path tmp;

  private static Pipeline pipeline(Map<String, String> parameters) {
    Parameters p = Parameters.of(parameters);
    Pipeline pipeline = new ServicePipeline().define(p);
    p.checkAllUsed();
    return pipeline;
  }

  @Test
  void define_withDefaults_isTheReferencePipeline() {
    Pipeline p = pipeline(Map.of());
    assertThat(p.pipelineType()).isEqualTo(PipelineType.V2);
    assertThat(p.stages()).extracting(s -> s.name()).containsExactly("Source", "Build", "Deploy");
    Source source = (Source) p.stages().get(0).actions().get(0);
    assertThat(source.provider()).isEqualTo("CodeStarSourceConnection");
    assertThat(source.branch()).hasValue("main");
    CodeBuildProject project = p.codeBuildProjects().get(0);
    assertThat(project.images())
        .extracting(i -> i.containerName() + " " + i.dockerfile())
        .containsExactly(
            "app service/release/app/Dockerfile", "nginx service/release/nginx/Dockerfile");
    assertThat(project.privilegedMode()).isTrue();
    assertThat(project.api().orElseThrow().stage()).isEqualTo("dev");
    EcsDeployAction deploy = (EcsDeployAction) p.stages().get(2).actions().get(0);
    assertThat(deploy.taskDefinition().orElseThrow().containers()).containsExactly("app", "nginx");

    Synthesis s = Synthesis.of(p);
    assertThat(s.containerNames()).containsExactly(ServicePipeline.APP, ServicePipeline.NGINX);
    assertThat(s.ecsTargets())
        .containsExactly(
            new EcsTarget(
                "Deploy",
                "DeployService",
                "pipelinekit",
                "pipelinekit-service",
                List.of("app", "nginx")));
  }

  @Test
  void define_withParameters_scopesEveryArnToThem() {
    Pipeline p =
        pipeline(Map.of("account", "444455556666", "region", "us-east-2", "apiStage", "prod"));
    Synthesis s = Synthesis.of(p);
    String all = String.join("\n", s.files().values());
    assertThat(all).doesNotContain("111122223333").doesNotContain("eu-west-1");
    assertThat(s.files().get("iam/codebuild-role-policy.json"))
        .contains("arn:aws:ecr:us-east-2:444455556666:repository/pipelinekit/service-app")
        .contains("arn:aws:apigateway:us-east-2::/restapis/a1b2c3d4e5/stages/prod");
    assertThat(s.files().get("buildspec.yaml")).contains("--stage prod");
  }

  @Test
  void synthesis_matchesGoldenFiles() throws IOException {
    Map<String, String> files = new LinkedHashMap<>(Synthesis.of(pipeline(Map.of())).files());
    Golden.check("service", files);
  }

  @Test
  void build_command_writesEveryFile_twiceTheSameBytes() throws IOException, URISyntaxException {
    Path root = Path.of(ServicePipelineTest.class.getResource("/fixture").toURI());
    Path out = tmp.resolve("out");
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    String[] args = {
      "build", "--definition", DEFINITION, "--out", out.toString(), "--source-root", root.toString()
    };
    int code = PipelineCli.execute(new PrintWriter(stdout), new PrintWriter(stderr), args);
    assertThat(code).as(stderr.toString()).isZero();
    assertThat(stdout.toString())
        .contains("pipeline pipelinekit-service (V2, eu-west-1): 3 stages, 3 actions")
        .contains("wrote 9 files to");
    Map<String, byte[]> first = new LinkedHashMap<>();
    for (String name :
        List.of(
            "buildspec.yaml",
            "pipeline.json",
            "codebuild-project.json",
            "iam/codebuild-role-policy.json",
            "iam/pipeline-role-policy.json",
            "cloudformation/bootstrap.template.json",
            "cloudformation/pipeline.template.json",
            "pipeline.mmd",
            "openapi.yaml")) {
      first.put(name, Files.readAllBytes(out.resolve(name)));
    }
    Map<String, String> golden = Synthesis.of(pipeline(Map.of())).files();
    golden.forEach(
        (name, text) ->
            assertThat(new String(first.get(name), StandardCharsets.UTF_8))
                .as(name)
                .isEqualTo(text));
    assertThat(
            PipelineCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(stderr), args))
        .isZero();
    for (Map.Entry<String, byte[]> f : first.entrySet()) {
      assertThat(Files.readAllBytes(out.resolve(f.getKey())))
          .as(f.getKey())
          .isEqualTo(f.getValue());
    }
  }

  @Test
  void build_command_onThisRepository_mergesTheServiceApi_whichLintsWithoutErrors()
      throws IOException {
    Path root = Golden.repositoryRoot();
    Path out = tmp.resolve("out");
    StringWriter stderr = new StringWriter();
    int code =
        PipelineCli.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(stderr),
            "build",
            "--definition",
            DEFINITION,
            "--out",
            out.toString(),
            "--source-root",
            root.toString());
    assertThat(code).as(stderr.toString()).isZero();
    assertThat(stderr.toString()).as("no warnings: the Dockerfiles and contexts exist").isEmpty();
    String merged =
        OpenApiMerger.merge(
                root.resolve("service/api/openapi.yaml"), root.resolve("service/api/gateway.yaml"))
            .yaml();
    assertThat(Files.readString(out.resolve("openapi.yaml"))).isEqualTo(merged);
    assertThat(merged).contains("x-amazon-apigateway-integration");
    LintResult lint = OpenApiLinter.lint(out.resolve("openapi.yaml"));
    assertThat(lint.findings())
        .as(lint.findings().toString())
        .noneMatch(f -> f.severity() == Severity.ERROR);
  }

  @Test
  void build_command_listsParametersWithDefaults() {
    StringWriter stdout = new StringWriter();
    int code =
        PipelineCli.execute(
            new PrintWriter(stdout),
            new PrintWriter(new StringWriter()),
            "build",
            "--definition",
            DEFINITION,
            "--list-parameters");
    assertThat(code).isZero();
    assertThat(stdout.toString())
        .startsWith("account=111122223333\nregion=eu-west-1\n")
        .contains("restApiId=a1b2c3d4e5\n")
        .contains("apiStage=dev\n");
  }

  @Test
  void build_command_whenParameterMisspelt_exits2() {
    StringWriter stderr = new StringWriter();
    int code =
        PipelineCli.execute(
            new PrintWriter(new StringWriter()),
            new PrintWriter(stderr),
            "build",
            "--definition",
            DEFINITION,
            "--out",
            tmp.resolve("out").toString(),
            "-P",
            "acount=1");
    assertThat(code).isEqualTo(2);
    assertThat(stderr.toString())
        .contains("unknown parameter acount; the definition takes: account,");
  }
}
