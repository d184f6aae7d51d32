package io.pipelinekit.service.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.testing.MotoExtension;
import io.pipelinekit.testing.MotoServer;
import io.pipelinekit.testing.RepoRoot;
import io.pipelinekit.testing.VenvTool;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's end-to-end proof: a buildspec that {@code pipeline build} generated runs through
 * {@code pipeline run-local} the way CodeBuild would run it, in a clean environment (nothing of
 * this JVM's but {@code java}; {@code HOME} a fresh folder, as a fresh build container has).
 *
 * <ul>
 *   <li>The {@code install} phase installs the tool as the distribution issue specifies: the exact
 *       runnable jar this build produced ({@code cli/target/pipeline-cli-VERSION-all.jar}) from a
 *       file-based Maven repository, checked against its SHA-256. The bundled service builds the
 *       tool from its checkout by default ({@code ToolInstall.fromSource("bin/pipeline")}); a Maven
 *       build inside a test is too slow, so its definition is built with {@code -P
 *       toolRepository=file:…} (the user's repository: the same, through the {@code .toolInstall}
 *       line its template's comment names for a mirror).
 *   <li>{@code aws ecr get-login-password} runs the real AWS CLI ({@code .venv/bin/aws}) against
 *       moto: {@code AWS_ENDPOINT_URL} points the CLI (and the tool's own SDK calls) at moto, with
 *       fake credentials — CodeBuild would use its real endpoints and the project's role.
 *   <li>{@code docker} is a recording stand-in script on {@code PATH}: there is no Docker engine on
 *       this machine. It records the {@code login}, {@code build} and {@code push} arguments (and
 *       the password {@code login} read), and prints the digest line a real push prints.
 *   <li>boto3 ({@code .venv/bin/python}), a client independent of this project, then reads what
 *       {@code post_build} published to moto's API Gateway.
 * </ul>
 *
 * <p>The assertions are on behaviour (exit codes, recorded docker calls, moto's state, the
 * artifacts folder), not on the buildspec's text.
 */
@ExtendWith(MotoExtension.class)
class RunLocalEndToEndIT {
  private static final String VERSION = property("pipelinekit.version");
  private static final Path CLI_JAR = Path.of(property("pipelinekit.cliJar"));
  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /** The region both definitions deploy to (their default), as CodeBuild's AWS_REGION. */
  private static final String REGION = "eu-west-1";

  private static final String REGISTRY = "111122223333.dkr.ecr." + REGION + ".amazonaws.com";

  /** A Maven 2 layout repository holding the runnable jar this build produced. */
  @TempDir static Path shared;

  private static String toolRepository;

  /**
   * The repository's copy of the jar, which the tests run: the same bytes, without {@code
   * cli/target/lib/} beside it (which {@code java -jar} would add through the manifest).
   */
  private static Path tool;

  @TempDir Path tmp;
  private URI endpoint;

  private static String property(String name) {
    String value = System.getProperty(name);
    assertThat(value)
        .as("system property %s (set by service/definition/pom.xml)", name)
        .isNotBlank();
    return value;
  }

  @BeforeAll
  static void repository() throws IOException {
    assertThat(CLI_JAR).as("the reactor built the CLI's runnable jar first").isRegularFile();
    Path dir =
        Files.createDirectories(
            shared.resolve("repo/io/pipelinekit/pipeline-cli").resolve(VERSION));
    tool = Files.copy(CLI_JAR, dir.resolve("pipeline-cli-" + VERSION + "-all.jar"));
    toolRepository = shared.resolve("repo").toUri().toString().replaceFirst("/$", "");
  }

  @BeforeEach
  void setUp(MotoServer moto) {
    endpoint = moto.endpoint();
  }

  // --- the three runs ---------------------------------------------------------------------------

  @Test
  void bundledService_generatedBuildspec_installsLogsInBuildsPushesAndPublishes() throws Exception {
    String restApiId = createRestApi("bundled");
    Path src = bundledServiceSource(restApiId);

    long start = System.nanoTime();
    Exec run = runLocal(src, Map.of());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertToolInstalledFromTheRepository(run);
    String tag = headCommit(src).substring(0, 7);
    String app = REGISTRY + "/pipelinekit/service-app:" + tag;
    String nginx = REGISTRY + "/pipelinekit/service-nginx:" + tag;
    List<String> docker = dockerCalls();
    assertLoggedInWithTheEcrPassword(docker);
    assertThat(docker.stream().filter(c -> c.startsWith("build ")))
        .hasSize(2)
        .anyMatch(c -> c.contains("--file service/release/app/Dockerfile") && c.contains(app))
        .anyMatch(c -> c.contains("--file service/release/nginx/Dockerfile") && c.contains(nginx));
    assertThat(docker.stream().filter(c -> c.startsWith("push ")))
        .containsExactlyInAnyOrder("push " + app, "push " + nginx);
    assertThat(docker.indexOf("push " + app))
        .as("pushed after both builds")
        .isGreaterThan(lastIndexStartingWith(docker, "build "));

    assertThat(imageDefinitions())
        .containsExactly(Map.entry("app", app), Map.entry("nginx", nginx));
    assertThat(exportedVariable("IMAGE_TAG")).as("BuildVariables.IMAGE_TAG").isEqualTo(tag);
    JsonNode api = apiGateway(restApiId);
    assertDeployedTo(api, "dev", headCommit(src));
    assertThat(paths(api)).contains("/", "/healthz", "/test");
    System.out.printf(
        "RunLocalEndToEndIT: the bundled service's buildspec through run-local: %d ms%n", millis);
  }

  @Test
  void initRepository_generatedBuildspec_installsLogsInBuildsPushesAndPublishes() throws Exception {
    String restApiId = createRestApi("init");
    Path src = initRepositorySource(restApiId);

    Exec run = runLocal(src, Map.of());

    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertToolInstalledFromTheRepository(run);
    String tag = headCommit(src).substring(0, 7);
    String image = REGISTRY + "/shop-api:" + tag;
    List<String> docker = dockerCalls();
    assertLoggedInWithTheEcrPassword(docker);
    assertThat(docker.stream().filter(c -> c.startsWith("build ")))
        .singleElement()
        .satisfies(c -> assertThat(c).contains("--file Dockerfile").contains(image));
    assertThat(docker.stream().filter(c -> c.startsWith("push "))).containsExactly("push " + image);

    assertThat(imageDefinitions()).containsExactly(Map.entry("app", image));
    assertThat(exportedVariable("IMAGE_TAG")).isEqualTo(tag);
    JsonNode api = apiGateway(restApiId);
    assertDeployedTo(api, "dev", headCommit(src));
    assertThat(paths(api)).contains("/healthz");
  }

  @Test
  void failingDockerBuild_postBuildGuardStopsEveryPushAndPublish_exit1_artifactsPhaseRuns()
      throws Exception {
    String restApiId = createRestApi("failing");
    Path src = bundledServiceSource(restApiId);

    // --env as a StartBuild override: the stand-in's first `docker build` exits 1
    Exec run = runLocal(src, Map.of("DOCKER_STANDIN_FAIL", "build"));

    assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.err()).contains("the build FAILED in phase BUILD").contains("docker build");
    List<String> docker = dockerCalls();
    assertThat(docker).anyMatch(c -> c.startsWith("login "));
    assertThat(docker.stream().filter(c -> c.startsWith("build "))).hasSize(1);
    assertThat(docker).noneMatch(c -> c.startsWith("push "));
    // post_build ran (CodeBuild runs it after a failed BUILD) and its guard stopped it
    assertThat(phaseRow(run, "POST_BUILD")).contains("FAILED");
    // UPLOAD_ARTIFACTS is always attempted, even after a failed BUILD (CodeBuild's phase
    // transitions); with no imagedefinitions.json written there is nothing for ECS to deploy
    assertThat(run.out()).contains("Entering phase UPLOAD_ARTIFACTS");
    assertThat(phaseRow(run, "UPLOAD_ARTIFACTS")).doesNotContain("NOT RUN");
    assertThat(tmp.resolve("artifacts/imagedefinitions.json")).doesNotExist();
    assertThat(src.resolve("imagedefinitions.json")).doesNotExist();

    JsonNode api = apiGateway(restApiId);
    assertThat(api.get("stages")).as("no stage: nothing published").isEmpty();
    assertThat(api.get("deployments")).as("no deployment").isEmpty();
  }

  // --- the two repositories -------------------------------------------------------------------

  /**
   * A checkout of the bundled service: what its buildspec reads ({@code service/api}, {@code
   * service/release}), {@code pipeline build} of {@link ServicePipeline} into {@code
   * build/pipeline/}, all committed (the commit is the image tag).
   */
  private Path bundledServiceSource(String restApiId) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    Path root = RepoRoot.find();
    for (String folder : List.of("service/api", "service/release")) {
      copyTree(root.resolve(folder), src.resolve(folder));
    }
    Exec build =
        exec(
            src,
            List.of(
                JAVA.toString(),
                "-cp",
                tool + File.pathSeparator + codeSource(ServicePipeline.class),
                "io.pipelinekit.cli.PipelineCli",
                "build",
                "--definition",
                ServicePipeline.class.getName(),
                "-P",
                "toolRepository=" + toolRepository,
                "-P",
                "restApiId=" + restApiId,
                "--out",
                "build/pipeline"),
            Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()));
    assertThat(build.code()).as(build.out() + build.err()).isZero();
    commit(src);
    return src;
  }

  /**
   * A repository made by {@code pipeline init --api} (the runnable jar), its definition told to
   * install the tool from the file repository (the template's own comment: "A mirror […]
   * .toolInstall(...) on the project"), compiled against the runnable jar (which holds the
   * definition library; InitMavenIT proves the real Maven build of the same scaffold), then {@code
   * pipeline build}.
   */
  private Path initRepositorySource(String restApiId) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("work/shop-api"));
    Exec init =
        exec(
            src,
            List.of(JAVA.toString(), "-jar", tool.toString(), "init", "--api", "."),
            Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()));
    assertThat(init.code()).as(init.out() + init.err()).isZero();

    Path definition;
    try (Stream<Path> files = Files.walk(src.resolve("src/main/java"))) {
      definition = files.filter(f -> f.toString().endsWith(".java")).findFirst().orElseThrow();
    }
    String java = Files.readString(definition, StandardCharsets.UTF_8);
    String edited =
        java.replace(
                "import io.pipelinekit.pipeline.TaskDefinition;",
                "import io.pipelinekit.pipeline.TaskDefinition;\n"
                    + "import io.pipelinekit.pipeline.ToolInstall;")
            .replace(
                "CodeBuildProject.builder()",
                "CodeBuildProject.builder()\n"
                    + "            .toolInstall(ToolInstall.mavenRepository("
                    + "p.get(\"toolRepository\", ToolInstall.MAVEN_CENTRAL)))");
    assertThat(edited)
        .as("the scaffold's definition took the .toolInstall line")
        .isNotEqualTo(java);
    Files.writeString(definition, edited, StandardCharsets.UTF_8);

    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "--release",
            "17",
            "-cp",
            tool.toString(),
            "-d",
            classes.toString(),
            definition.toString());
    assertThat(compiled).as("javac of " + definition).isZero();
    String fqcn =
        src.resolve("src/main/java")
            .relativize(definition)
            .toString()
            .replaceFirst("\\.java$", "")
            .replace(File.separatorChar, '.');

    Exec build =
        exec(
            src,
            List.of(
                JAVA.toString(),
                "-cp",
                tool + File.pathSeparator + classes,
                "io.pipelinekit.cli.PipelineCli",
                "build",
                "--definition",
                fqcn,
                "-P",
                "toolRepository=" + toolRepository,
                "-P",
                "restApiId=" + restApiId,
                "--out",
                "build/pipeline"),
            Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()));
    assertThat(build.code()).as(build.out() + build.err()).isZero();
    commit(src);
    return src;
  }

  // --- run-local, in a clean environment ------------------------------------------------------

  private record Exec(int code, String out, String err) {}

  /**
   * {@code pipeline run-local} of {@code build/pipeline/buildspec.yaml} (the runnable jar), with
   * only: {@code HOME} (fresh), {@code PATH} (the docker stand-in, the venv's {@code aws}, this
   * JVM's {@code java}, {@code /usr/bin}, {@code /bin}), fake credentials and {@code
   * AWS_ENDPOINT_URL}.
   */
  private Exec runLocal(Path src, Map<String, String> overrides) throws Exception {
    Path stub = dockerStandIn();
    Path home = Files.createDirectories(tmp.resolve("home"));
    String path =
        Stream.concat(
                    Stream.of(stub),
                    Stream.concat(VenvTool.binFolders().stream(), Stream.of(JAVA.getParent())))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator))
            + ":/usr/bin:/bin";
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", path);
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    List<String> command =
        new ArrayList<>(
            List.of(
                JAVA.toString(),
                "-jar",
                tool.toString(),
                "run-local",
                "--buildspec",
                src.resolve("build/pipeline/buildspec.yaml").toString(),
                "--source-dir",
                src.toString(),
                "--artifacts-dir",
                tmp.resolve("artifacts").toString(),
                "--exported-variables",
                tmp.resolve("exported.json").toString(),
                "--region",
                REGION));
    overrides.forEach((k, v) -> command.addAll(List.of("--env", k + "=" + v)));
    return exec(src, command, env);
  }

  /**
   * The recording {@code docker}: no Docker engine runs on this machine (the one part of the
   * buildspec that cannot be real here). Each call's arguments go to {@code docker.log}, one line;
   * {@code login --password-stdin} also records the password it read; {@code push} prints the
   * digest line a real push ends with; {@code info} and {@code version} answer as a running engine
   * would; {@code DOCKER_STANDIN_FAIL=build} makes {@code build} fail as a failing Dockerfile step
   * does.
   */
  private Path dockerStandIn() throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("stand-in"));
    Path log = tmp.resolve("docker.log");
    Path docker = bin.resolve("docker");
    Files.writeString(
        docker,
        """
        #!/bin/sh
        # Recording stand-in for docker (no Docker engine on this machine): RunLocalEndToEndIT.
        log='%s'
        printf '%%s\\n' "$*" >> "$log"
        case "$1" in
          login)
            password=$(cat)
            printf 'password %%s\\n' "$password" >> "$log"
            if [ -z "$password" ]; then
              echo "Error: Cannot perform an interactive login from a non TTY device" >&2
              exit 1
            fi
            echo "Login Succeeded" ;;
          build)
            if [ "${DOCKER_STANDIN_FAIL:-}" = build ]; then
              echo "ERROR: failed to solve: process \\"/bin/sh -c make\\" did not complete successfully: exit code: 2" >&2
              exit 1
            fi
            echo "naming to $(printf '%%s\\n' "$@" | grep -A1 -x -- --tag | tail -n 1) done" ;;
          push)
            digest=$(printf '%%s' "$2" | sha256sum | cut -c 1-64)
            echo "The push refers to repository [${2%%:*}]"
            echo "${2##*:}: digest: sha256:$digest size: 1570" ;;
          info | version)
            echo "Server Version: stand-in (no Docker engine on this machine)" ;;
          *)
            echo "docker stand-in: '$1' is not recorded" >&2
            exit 1 ;;
        esac
        """
            .formatted(log),
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    return bin;
  }

  private List<String> dockerCalls() throws IOException {
    Path log = tmp.resolve("docker.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  /** {@code docker login} to the registry, with the password the real AWS CLI got from moto. */
  private void assertLoggedInWithTheEcrPassword(List<String> docker) throws IOException {
    int login = docker.indexOf("login --username AWS --password-stdin " + REGISTRY);
    assertThat(login).as("docker login in %s", docker).isNotNegative();
    assertThat(docker.get(login + 1)).isEqualTo("password " + ecrPassword());
    assertThat(login)
        .as("logged in before any push")
        .isLessThan(
            docker.indexOf(
                docker.stream().filter(c -> c.startsWith("push ")).findFirst().orElseThrow()));
  }

  private static int lastIndexStartingWith(List<String> lines, String prefix) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  private void assertToolInstalledFromTheRepository(Exec run) {
    Path home = tmp.resolve("home/.pipelinekit");
    assertThat(home.resolve("lib/pipeline-cli-" + VERSION + "-all.jar"))
        .hasSameBinaryContentAs(CLI_JAR);
    assertThat(run.out())
        .contains("pipeline-cli-" + VERSION + "-all.jar.part: OK")
        .contains("pipeline " + VERSION + " (commit ");
  }

  private static String phaseRow(Exec run, String phase) {
    return run.out()
        .lines()
        .filter(l -> l.matches(phase + " +\\S+ +\\S+"))
        .reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError("no " + phase + " row in\n" + run.out()));
  }

  /** The artifacts folder's imagedefinitions.json, name → imageUri in order. */
  private Map<String, String> imageDefinitions() throws IOException {
    Path file = tmp.resolve("artifacts/imagedefinitions.json");
    assertThat(file).isRegularFile();
    Map<String, String> images = new LinkedHashMap<>();
    for (JsonNode entry : new ObjectMapper().readTree(file.toFile())) {
      images.put(entry.get("name").asText(), entry.get("imageUri").asText());
    }
    return images;
  }

  private String exportedVariable(String name) throws IOException {
    JsonNode exported = new ObjectMapper().readTree(tmp.resolve("exported.json").toFile());
    assertThat(exported.has(name)).as(exported.toString()).isTrue();
    return exported.get(name).asText();
  }

  // --- boto3, the independent client ----------------------------------------------------------

  private JsonNode boto3(String script, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("-c", script, endpoint.toString(), REGION));
    all.addAll(List.of(args));
    VenvTool.Result r =
        VenvTool.named("python")
            .run(
                tmp,
                Duration.ofSeconds(60),
                Map.of("AWS_ACCESS_KEY_ID", "testing", "AWS_SECRET_ACCESS_KEY", "testing"),
                all.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    return new ObjectMapper().readTree(r.stdout());
  }

  private String createRestApi(String name) throws IOException {
    return boto3(
            """
            import boto3, json, sys
            c = boto3.client("apigateway", endpoint_url=sys.argv[1], region_name=sys.argv[2])
            print(json.dumps(c.create_rest_api(name=sys.argv[3])["id"]))
            """,
            "run-local-e2e-" + name + "-" + Long.toHexString(System.nanoTime()))
        .asText();
  }

  /** The password the ECR authorization token holds (its text after {@code AWS:}). */
  private String ecrPassword() throws IOException {
    return boto3(
            """
            import base64, boto3, json, sys
            c = boto3.client("ecr", endpoint_url=sys.argv[1], region_name=sys.argv[2])
            token = c.get_authorization_token()["authorizationData"][0]["authorizationToken"]
            print(json.dumps(base64.b64decode(token).decode().split(":", 1)[1]))
            """)
        .asText();
  }

  /** The API's stages, deployments and resource paths, as boto3 reads them. */
  private JsonNode apiGateway(String restApiId) throws IOException {
    return boto3(
        """
        import boto3, json, sys
        c = boto3.client("apigateway", endpoint_url=sys.argv[1], region_name=sys.argv[2])
        api = sys.argv[3]
        print(json.dumps({
            "stages": c.get_stages(restApiId=api)["item"],
            "deployments": c.get_deployments(restApiId=api)["items"],
            "paths": [r["path"] for r in c.get_resources(restApiId=api)["items"]],
        }, default=str))
        """,
        restApiId);
  }

  private static void assertDeployedTo(JsonNode api, String stage, String commit) {
    assertThat(api.get("stages")).hasSize(1);
    JsonNode s = api.get("stages").get(0);
    assertThat(s.get("stageName").asText()).isEqualTo(stage);
    String deploymentId = s.get("deploymentId").asText();
    assertThat(api.get("deployments"))
        .anySatisfy(
            d -> {
              assertThat(d.get("id").asText()).isEqualTo(deploymentId);
              assertThat(d.path("description").asText()).contains(commit.substring(0, 7));
            });
  }

  private static List<String> paths(JsonNode api) {
    List<String> paths = new ArrayList<>();
    api.get("paths").forEach(p -> paths.add(p.asText()));
    return paths;
  }

  // --- files, git, processes ------------------------------------------------------------------

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private void commit(Path src) throws Exception {
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString());
    for (List<String> git :
        List.of(
            List.of("git", "init", "-q", "-b", "main"),
            List.of("git", "add", "-A"),
            List.of(
                "git",
                "-c",
                "user.name=Release Engineer",
                "-c",
                "user.email=release@example.com",
                "commit",
                "-q",
                "-m",
                "the change to build"))) {
      Exec r = exec(src, git, env);
      assertThat(r.code()).as(git + ": " + r.err()).isZero();
    }
  }

  private String headCommit(Path src) throws Exception {
    Exec r =
        exec(
            src,
            List.of("git", "rev-parse", "HEAD"),
            Map.of("PATH", "/usr/bin:/bin", "HOME", tmp.toString()));
    assertThat(r.code()).isZero();
    return r.out().strip();
  }

  private static String codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** Runs {@code command} in {@code dir} with exactly {@code env}; standard input empty. */
  private Exec exec(Path dir, List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out after " + TIMEOUT + ": " + command);
    }
    return new Exec(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
