package io.pipelinekit.cli.internal;

import io.pipelinekit.apispec.OpenApiDocument;
import io.pipelinekit.buildspec.BuildSpec;
import io.pipelinekit.cli.PipelineCli;
import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.TaskDefinition;
import io.pipelinekit.pipeline.Trigger;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The launchers' training run for the class-data-sharing archive: runs every local command once in
 * this JVM (output discarded) on small documents written to a temporary folder, so the class list
 * dumped from this run ({@code -XX:DumpLoadedClassList}) holds the classes of every command, not
 * only of whichever command happened to run first. Commands that call AWS run only their {@code
 * --help}; then every class of the tool's own jars but the AWS module's is loaded (not
 * initialised), as what a build reaches depends on the user's definition. Exits 0 unless a command
 * failed in a way that means the list is incomplete.
 */
public final class StartupTraining {
  private StartupTraining() {}

  /** Runs the training; prints the commands that did not end as expected to stderr. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("pipelinekit-training");
    // build's cache (BuildCache) in the temporary folder, not the user's; the first two builds
    // below merge the same fragments and lint the same document, so a miss and a hit are trained
    System.setProperty("pipeline.build-cache", dir.resolve("build-cache").toString());
    try {
      List<String> failed = run(dir);
      if (!failed.isEmpty()) {
        System.err.println("pipeline: start-up training: unexpected exit codes: " + failed);
        System.exit(1);
      }
    } finally {
      deleteTree(dir);
    }
  }

  /** Runs every command once in {@code dir}; returns the commands that exited unexpectedly. */
  static List<String> run(Path dir) throws IOException {
    Path api = Files.writeString(dir.resolve("app.yaml"), OPENAPI);
    Path gateway = Files.writeString(dir.resolve("gateway.yaml"), GATEWAY);
    Path json = Files.writeString(dir.resolve("openapi.json"), OPENAPI_JSON);
    Path buildspec = Files.writeString(dir.resolve("buildspec.yml"), BUILDSPEC);
    String out = dir.resolve("out").toString();
    String definition = "--definition=" + Definition.class.getName();
    String root = "--source-root=" + dir;
    // a user's pipeline using the rest of the library, and one breaking rules (exit 2)
    Path sources = Files.createDirectories(dir.resolve("rich"));
    TrainingPipelines.writeSources(sources, OPENAPI, GATEWAY);
    String rich = "--definition=" + TrainingPipelines.Rich.class.getName();
    String broken = "--definition=" + TrainingPipelines.Broken.class.getName();
    String richRoot = "--source-root=" + sources;
    String richOut = "--out=" + dir.resolve("rich-out");
    Path parameters = Files.writeString(dir.resolve("parameters.properties"), "name=trained\n");
    Path clean = Files.writeString(dir.resolve("clean.buildspec.yml"), CLEAN_BUILDSPEC);
    Path fragment = Files.writeString(dir.resolve("fragment.yaml"), GATEWAY);
    Path secured = Files.writeString(dir.resolve("secured.yaml"), SECURED);
    Path swaggerPaths = Files.writeString(dir.resolve("swagger-paths.json"), SWAGGER_PATHS);
    List<String> failed = new ArrayList<>();
    // {exit code expected, arguments...}
    Object[][] runs = {
      {0, "--version"},
      {0, "--help"},
      {0, "rules"},
      {0, "rules", "--format=json"},
      {0, "build", definition, root, "--out=" + out},
      {0, "build", definition, root, "--out=" + out, "--format=json"},
      {0, "graph", definition},
      {0, "graph", definition, "--format=dot"},
      {0, "build", rich, richRoot, richOut, "-P", "environment=dev"},
      {0, "build", rich, richRoot, richOut, "--parameters=" + parameters, "--format=json"},
      {0, "build", rich, "--list-parameters"},
      {2, "build", broken, richRoot, richOut},
      {2, "build", broken, richRoot, richOut, "--format=json"},
      {0, "graph", rich},
      {0, "graph", rich, "--format=dot"},
      {0, "init", dir.resolve("init").toString()},
      {0, "lint", clean.toString()},
      {1, "lint", swaggerPaths.toString()},
      {1, "lint", fragment.toString()},
      {0, "lint", "--help"},
      {2, "lint", "--bogus", api.toString()},
      {0, "lint", out + "/openapi.yaml"},
      {1, "lint", api.toString(), json.toString(), buildspec.toString()},
      {1, "lint", "--format=json", api.toString(), buildspec.toString()},
      {1, "lint", "--format=sarif", api.toString(), buildspec.toString()},
      {0, "merge", api.toString(), gateway.toString(), "-o", dir.resolve("m.yaml").toString()},
      {0, "diff", api.toString(), out + "/openapi.yaml"},
      {1, "diff", "--fail-on-breaking", out + "/openapi.yaml", json.toString()},
      {0, "diff", "--format=json", out + "/openapi.yaml", json.toString()},
      // security requirements: against itself (nothing found) and against one without them
      {0, "diff", secured.toString(), secured.toString()},
      {1, "diff", "--fail-on-breaking", api.toString(), secured.toString()},
      {
        0,
        "image-definitions",
        "-o",
        dir.resolve("i.json").toString(),
        "app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"
      },
      {
        0,
        "image-definitions",
        "--image-detail",
        "-o",
        dir.resolve("d.json").toString(),
        "app=111122223333.dkr.ecr.eu-west-1.amazonaws.com/app:1"
      },
      {0, "help", "build"},
      {2, "lint"},
      {0, "deploy-api", "--help"},
      {0, "rollback-api", "--help"},
      {0, "deploy-stack", "--help"},
      {0, "apply", "--help"},
      {0, "run-local", "--help"},
      {0, "drift", "--help"},
      {0, "completion", "bash"},
      {0, "completion", "zsh"},
    };
    // `pipeline --version` alone takes main's path before picocli (the launcher discards stdout)
    PipelineCli.main(new String[] {"--version"});
    loadOwnClasses();
    runAll(runs, "", failed);
    userClassPath(dir, richRoot, richOut, failed);
    return failed;
  }

  /**
   * Runs each command line ({exit code expected, arguments...}) with its output discarded; adds
   * {@code prefix}, the arguments and the exit code to {@code failed} for each that exits
   * otherwise.
   */
  private static void runAll(Object[][] runs, String prefix, List<String> failed) {
    PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
    for (Object[] run : runs) {
      String[] args = new String[run.length - 1];
      for (int i = 1; i < run.length; i++) {
        args[i - 1] = (String) run[i];
      }
      int code = PipelineCli.execute(discard, discard, args);
      if (code != (int) run[0]) {
        failed.add(prefix + String.join(" ", args) + " → " + code);
      }
    }
  }

  /**
   * Builds and graphs with a user's definition classpath ({@code PIPELINE_CLASSPATH}): a jar whose
   * service file registers the definition (so no --definition), and a definition it lacks.
   */
  private static void userClassPath(Path dir, String root, String out, List<String> failed)
      throws IOException {
    Path jar = dir.resolve("definitions.jar");
    try (java.util.jar.JarOutputStream j =
        new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
      j.putNextEntry(
          new java.util.jar.JarEntry(
              "META-INF/services/" + io.pipelinekit.pipeline.PipelineDefinition.class.getName()));
      j.write((TrainingPipelines.Rich.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      j.closeEntry();
    }
    String property = "pipeline.classpath";
    String before = System.getProperty(property);
    System.setProperty(property, jar.toString());
    try {
      Object[][] runs = {
        {0, "build", root, out},
        {0, "graph"},
        {2, "build", "--definition=com.example.NoSuchPipeline", root, out},
      };
      runAll(runs, property + "=" + jar + " ", failed);
    } finally {
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
  }

  /**
   * The jars of the tool's own modules whose classes a local command may reach (the AWS module's
   * run only in commands that call AWS), each named by one of its classes.
   */
  private static final List<Class<?>> OWN_JARS =
      List.of(
          PipelineCli.class,
          Pipeline.class,
          BuildSpec.class,
          OpenApiDocument.class,
          io.pipelinekit.core.Rule.class);

  /**
   * The libraries whose classes a lint reaches by what the document holds rather than by the
   * command (swagger-parser's deserializers and reference checks load the model class of each kind
   * of object they meet: examples, tags, links...), each named by one of its classes and the
   * package folder of the classes to load.
   */
  private static final Map<Class<?>, String> DOCUMENT_LIBRARIES =
      Map.of(
          io.swagger.v3.oas.models.OpenAPI.class, "io/swagger/v3/oas/models/",
          io.swagger.v3.parser.util.OpenAPIDeserializer.class, "io/swagger/v3/parser/",
          io.swagger.models.Swagger.class, "io/swagger/models/",
          io.swagger.parser.util.SwaggerDeserializer.class, "io/swagger/parser/");

  /**
   * Loads, without initialising, every class of {@link #OWN_JARS} and {@link #DOCUMENT_LIBRARIES}:
   * which of them a build or graph reaches depends on the user's definition (a manual approval, a
   * pull-request trigger, a cache), not only on the commands run here, and a class the archive
   * lacks is looked for jar by jar in lib/. Returns how many classes were loaded.
   */
  static int loadOwnClasses() throws IOException {
    ClassLoader loader = StartupTraining.class.getClassLoader();
    int loaded = 0;
    Map<Class<?>, String> packages = new LinkedHashMap<>();
    for (Class<?> anchor : OWN_JARS) {
      String[] segments = anchor.getPackageName().split("\\.");
      packages.put(
          anchor,
          String.join("/", java.util.Arrays.copyOf(segments, Math.min(3, segments.length))) + "/");
    }
    packages.putAll(DOCUMENT_LIBRARIES);
    for (Map.Entry<Class<?>, String> p : packages.entrySet()) {
      for (String name : classNames(p.getKey(), p.getValue())) {
        try {
          Class.forName(name, false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          // a class that needs a library the distribution does not ship: it never loads at all
        }
      }
    }
    return loaded;
  }

  /**
   * The binary names of the classes under the package folder {@code module} in the jar (or classes
   * folder) {@code anchor} came from: in the distribution that is the runnable jar, which holds
   * every library too.
   */
  private static List<String> classNames(Class<?> anchor, String module) throws IOException {
    Path location;
    try {
      location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    List<String> entries = new ArrayList<>();
    if (Files.isDirectory(location)) {
      try (Stream<Path> files = Files.walk(location)) {
        files.forEach(f -> entries.add(location.relativize(f).toString().replace('\\', '/')));
      }
    } else {
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location.toFile())) {
        jar.stream().forEach(e -> entries.add(e.getName()));
      }
    }
    List<String> names = new ArrayList<>();
    for (String entry : entries) {
      if (entry.endsWith(".class")
          && entry.startsWith(module)
          && !entry.endsWith("module-info.class")
          && !entry.endsWith("package-info.class")) {
        names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
      }
    }
    return names;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pipeline like the bundled service's: source, image build with an API, ECS deploy. */
  public static final class Definition implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters p) {
      CodeBuildProject build =
          CodeBuildProject.builder()
              .name("training")
              .serviceRoleArn("arn:aws:iam::111122223333:role/training-codebuild")
              .image("aws/codebuild/amazonlinux-x86_64-standard:5.0")
              .computeType("BUILD_GENERAL1_SMALL")
              .images(
                  ContainerImage.builder()
                      .containerName("app")
                      .repository("training/app")
                      .dockerfile("Dockerfile")
                      .context(".")
                      .build())
              .api(
                  ApiPublication.builder()
                      .restApiId("a1b2c3d4e5")
                      .stage("dev")
                      .fragments(List.of("app.yaml", "gateway.yaml"))
                      .build())
              .build();
      return Pipeline.builder()
          .name("training")
          .account("111122223333")
          .region("eu-west-1")
          .roleArn("arn:aws:iam::111122223333:role/training-pipeline")
          .artifactBucket("training-artifacts-111122223333-eu-west-1")
          .triggers(Trigger.onPush("Source", PushFilter.branches(Patterns.include("main"))))
          .stages(
              Stage.named(
                  "Source",
                  Source.gitHub(
                      "arn:aws:codeconnections:eu-west-1:111122223333:connection/"
                          + "3f2d9c1e-5b7a-4c8e-9d0f-1a2b3c4d5e6f",
                      "example-org/training",
                      "main")),
              Stage.named(
                  "Build",
                  CodeBuildAction.builder()
                      .name("Build")
                      .project(build)
                      .inputs("Source")
                      .outputs("BuildOutput")
                      .build()),
              Stage.named(
                  "Deploy",
                  EcsDeployAction.builder()
                      .name("Deploy")
                      .input("BuildOutput")
                      .clusterName("training")
                      .serviceName("training")
                      .taskDefinition(
                          TaskDefinition.builder()
                              .family("training")
                              .containers("app")
                              .taskRoleArn("arn:aws:iam::111122223333:role/training-task")
                              .executionRoleArn(
                                  "arn:aws:iam::111122223333:role/training-task-execution")
                              .build())
                      .build()))
          .build();
    }
  }

  private static final String OPENAPI =
      """
      openapi: 3.0.3
      info:
        title: training
        version: 1.0.0
        description: >-
          Folded and literal block scalars, 'single' and "double" quoted strings, as real
          documents have them.
      paths:
        /items/{id}:
          get:
            operationId: getItem
            description: |
              Reads one item.
            summary: "Reads an item"
            parameters:
              - {name: id, in: path, required: true, schema: {type: string}}
            responses:
              '200':
                description: the item
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Item'}
      components:
        schemas:
          Item:
            type: object
            properties:
              id: {type: string}
      """;

  private static final String GATEWAY =
      """
      openapi: 3.0.3
      info: {title: training, version: 1.0.0}
      paths:
        /items/{id}:
          get:
            security: []
            x-amazon-apigateway-integration:
              type: http_proxy
              httpMethod: GET
              uri: https://${stageVariables.nlb}/items/{id}
              connectionType: VPC_LINK
              connectionId: ${stageVariables.vpcLinkId}
              requestParameters:
                integration.request.path.id: method.request.path.id
      """;

  /**
   * A document whose operations require an authorizer (a Cognito user pool), with scopes, and whose
   * parameter has an enum.
   */
  private static final String SECURED =
      """
      openapi: 3.0.3
      info: {title: training, version: 1.0.0}
      security:
        - pool: []
      paths:
        /items/{id}:
          get:
            security:
              - pool: [items/read]
              - key: []
            parameters:
              - {name: id, in: path, required: true, schema: {type: string, enum: [a, b]}}
            responses:
              '200': {description: ok}
      components:
        securitySchemes:
          pool:
            type: apiKey
            name: Authorization
            in: header
            x-amazon-apigateway-authtype: cognito_user_pools
          key:
            type: apiKey
            name: x-api-key
            in: header
      """;

  /**
   * A small document that takes swagger-parser's deserializer through its common paths (servers of
   * each URL scheme, path and query parameters, security, a request body with a {@code $ref},
   * headers, enums, {@code anyOf}, examples): a build's lint of the merged API reaches them too.
   */
  private static final String SWAGGER_PATHS =
      "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},"
          + "\"servers\":[{\"url\":\"https://example.com/v1\"},{\"url\":\"http://example.com\"}],\"paths\":{\"/a/{id}\":"
          + "{\"parameters\":[{\"name\":\"id\",\"in\":\"path\",\"required\":true,"
          + "\"schema\":{\"type\":\"string\"}}],\"get\":{\"x-w\":{\"type\":\"mock\",\"n\":[1,true,null]},\"tags\":[\"t\"],\"security\":[{\"k\":[]}],"
          + "\"parameters\":[{\"name\":\"q\",\"in\":\"query\",\"schema\":{\"type\":\"array\","
          + "\"items\":{\"type\":\"integer\",\"format\":\"int32\"}}}],\"requestBody\":{\"content\":"
          + "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/S\"}}}},"
          + "\"responses\":{\"200\":{\"description\":\"d\",\"headers\":{\"h\":{\"schema\":"
          + "{\"type\":\"string\"}}},\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\","
          + "\"properties\":{\"a\":{\"type\":\"string\",\"enum\":[\"x\"]},\"b\":{\"anyOf\":"
          + "[{\"type\":\"string\"},{\"type\":\"number\"}]}}},\"example\":{\"a\":\"x\"}}}}}}}},"
          + "\"components\":{\"schemas\":{\"S\":{\"type\":\"object\",\"required\":[\"a\"],"
          + "\"additionalProperties\":false,\"properties\":{\"a\":{\"type\":\"boolean\",\"nullable\":"
          + "true,\"description\":\"d\"}}}},\"securitySchemes\":{\"k\":{\"type\":\"apiKey\","
          + "\"name\":\"a\",\"in\":\"header\"}}}}";

  /** A buildspec with no findings. */
  private static final String CLEAN_BUILDSPEC =
      """
      version: 0.2
      env:
        variables:
          STAGE: dev
        exported-variables:
          - IMAGE_TAG
      phases:
        install:
          runtime-versions:
            java: corretto17
        build:
          commands:
            - IMAGE_TAG=1
            - mvn -B verify
      artifacts:
        files:
          - target/*.jar
      """;

  private static final String OPENAPI_JSON =
      "{\"openapi\":\"3.0.3\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":"
          + "{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}";

  private static final String BUILDSPEC =
      """
      version: 0.2
      phases:
        build:
          commands:
            - docker build -t app:latest .
      """;
}
