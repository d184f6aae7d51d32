package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.FixturesAccess;
import io.pipelinekit.pipeline.Parameters;
import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineDefinition;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 8 item 8: the smaller defects, each through the command line. */
class SmallDefectsTest {
  @TempDir Path dir;

  private static final String BUILDSPEC =
      "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n";

  private static final String OPENAPI =
      "openapi: 3.0.1\ninfo:\n  title: t\n  version: '1'\npaths: {}\n";

  /**
   * A pipeline whose source branch and ECS cluster come from {@code -P branch=} / {@code cluster=}.
   */
  public static final class Named implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      Pipeline valid = FixturesAccess.valid();
      String branch = parameters.get("branch", "main");
      String cluster = parameters.get("cluster", "service");
      Source source =
          ((Source) valid.stages().get(0).actions().get(0)).toBuilder().branch(branch).build();
      EcsDeployAction deploy =
          ((EcsDeployAction) valid.stages().get(2).actions().get(0))
              .toBuilder().clusterName(cluster).build();
      // A new builder: toBuilder().stages(...) would add these stages to the valid ones.
      return Pipeline.builder()
          .name(valid.name())
          .account(valid.account())
          .region(valid.region())
          .roleArn(valid.roleArn())
          .artifactBucket(valid.artifactBucket())
          .stages(
              Stage.named("Source", source), valid.stages().get(1), Stage.named("Deploy", deploy))
          .build();
    }
  }

  /** A pipeline whose push trigger filters on {@code -P branch=}. */
  public static final class Triggered implements PipelineDefinition {
    @Override
    public Pipeline define(Parameters parameters) {
      return FixturesAccess.valid().toBuilder()
          .triggers(
              Trigger.onPush(
                  "Source",
                  PushFilter.branches(Patterns.include(parameters.get("branch", "main")))))
          .build();
    }
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static void assertCleanError(Run run) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err())
        .doesNotContain("Exception")
        .doesNotContain("StreamReadConstraints")
        .doesNotContain("java.")
        .doesNotContain("\tat ");
  }

  // ---- a buildspec with a UTF-8 byte-order mark

  @Test
  void lint_buildspecWithUtf8Bom_isLintedAsABuildspec() throws IOException {
    byte[] text = (BUILDSPEC + "      - aws ecr get-login\n").getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(text, 0, bytes, 3, text.length);
    Path file = write("buildspec.yml", bytes);

    Run run = Run.of("lint", file.toString());

    assertThat(run.err()).doesNotContain("not an OpenAPI document");
    assertThat(run.out()).contains(file + ":6:9 error buildspec-ecr-get-login");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  // ---- buildspec limits exit 2, as docs/linting.md says

  @Test
  void lint_buildspecOverTheSizeLimit_exits2() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC + "#" + "x".repeat(2000) + "\n");

    Run run = Run.of("lint", "--max-bytes", "1000", file.toString());

    assertCleanError(run);
    assertThat(run.err())
        .contains(file + ":1:1: the file is ")
        .contains("over the limit of 1000 bytes");
  }

  @Test
  void lint_buildspecOverTheAliasLimit_exits2() throws IOException {
    String y =
        "version: 0.2\nx: &c [a]\ny: ["
            + "*c, ".repeat(60)
            + "*c]\nphases:\n  build:\n    commands:\n      - echo hi\n";
    Path file = write("buildspec.yml", y);

    Run run = Run.of("lint", file.toString());

    assertCleanError(run);
    assertThat(run.err()).contains(file + ":1:1: more than 50 aliases");
  }

  // ---- merge --format json keeps numbers beyond a double's range

  @Test
  void mergeJson_numberBeyondDoubleRange_staysANumber() throws IOException {
    Path file =
        write(
            "api.yaml",
            OPENAPI.replace(
                "paths: {}\n",
                "paths: {}\ncomponents:\n  schemas:\n    Big:\n      type: number\n"
                    + "      maximum: 1e99999\n"));

    Run json = Run.of("merge", "--format", "json", file.toString());
    Run yaml = Run.of("merge", file.toString());

    assertThat(json.exitCode()).as(json.err()).isZero();
    assertThat(json.out()).doesNotContain("Infinity").contains("\"maximum\" : 1E+99999");
    assertThat(yaml.out()).doesNotContain(".inf").contains("maximum: 1E+99999");
  }

  // ---- control characters in names

  @Test
  void graph_namedDefinitionWithoutControlCharacters_isValid() {
    for (Class<?> definition : new Class<?>[] {Named.class, Triggered.class}) {
      Run run = Run.of("graph", "--definition", definition.getName(), "-P", "branch=release/1.x");
      assertThat(run.exitCode()).as(run.err()).isZero();
      assertThat(run.out()).contains("Source");
    }
  }

  @Test
  void build_newlineInBranchParameter_isRejectedWithTheSetting() {
    Run run =
        Run.of(
            "build",
            "--definition",
            Named.class.getName(),
            "-P",
            "branch=main\nextra",
            "--out",
            dir.resolve("out").toString());

    assertCleanError(run);
    assertThat(run.err())
        .contains("branch 'main\\nextra' holds a line break (U+000A) at character 5");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void graph_newlineInClusterParameter_isRejectedWithTheSetting() {
    Run run = Run.of("graph", "--definition", Named.class.getName(), "-P", "cluster=svc\r\n");

    assertCleanError(run);
    assertThat(run.err()).contains("clusterName 'svc\\r\\n' holds a line break (U+000D)");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void graph_controlCharacterInBranchFilter_isRejected() {
    Run run = Run.of("graph", "--definition", Triggered.class.getName(), "-P", "branch=ma\tin");

    assertCleanError(run);
    assertThat(run.err()).contains("include 'ma\\tin' holds a tab (U+0009)");
  }

  // ---- FIFOs and devices

  // A FIFO is read as a stream now (issue 16): ShellInputsTest.

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void lint_devZero_saysItIsADevice_withoutReadingForever() {
    assertThat(Path.of("/dev/zero")).exists();

    Run run = Run.of("lint", "/dev/zero");

    assertCleanError(run);
    assertThat(run.err()).contains("/dev/zero: is a device, not a regular file");
  }

  // ---- NUL bytes and UTF-16

  @Test
  void lint_nulByteInOpenApi_isReportedWhereItIs() throws IOException {
    Path file = write("api.yaml", "openapi: 3.0.1\ninfo:\n  title: t\u0000x\n");

    Run run = Run.of("lint", file.toString());

    assertCleanError(run);
    assertThat(run.err()).contains(file + ":3:11: invalid YAML: a NUL character (U+0000)");
  }

  @Test
  void lint_nulByteInBuildspec_isReportedWhereItIs() throws IOException {
    Path file = write("buildspec.yml", BUILDSPEC.replace("echo hi", "echo\u0000 hi"));

    Run run = Run.of("lint", file.toString());

    assertCleanError(run);
    assertThat(run.err()).contains(file + ":5:13: a NUL character (U+0000) is not allowed");
  }

  @Test
  void lint_utf16WithAndWithoutBom_saysUtf16IsNotSupported() throws IOException {
    Path withBom = write("bom.yaml", OPENAPI.getBytes(StandardCharsets.UTF_16));
    Path littleEndian = write("le.yaml", OPENAPI.getBytes(StandardCharsets.UTF_16LE));
    Path buildspec = write("buildspec.yml", BUILDSPEC.getBytes(StandardCharsets.UTF_16LE));

    for (Path file : new Path[] {withBom, littleEndian, buildspec}) {
      Run run = Run.of("lint", file.toString());
      assertCleanError(run);
      assertThat(run.err())
          .contains(file + ":1:1: UTF-16 is not supported: save the file as UTF-8");
    }
  }

  // ---- deploy-api has no --max-bytes

  @Test
  void deployApi_documentOverApiGatewaysLimit_doesNotSuggestMaxBytes() throws IOException {
    Path file = dir.resolve("big.yaml");
    Files.writeString(file, OPENAPI + "x-padding: '" + "x".repeat(17 * 1024 * 1024) + "'\n");

    Run run =
        Run.of(
            "deploy-api",
            "--rest-api-id",
            "a1b2c3d4e5",
            "--stage",
            "dev",
            "--spec",
            file.toString(),
            "--region",
            "eu-west-1");

    assertCleanError(run);
    assertThat(run.err())
        .contains(file + ": ")
        .contains("over API Gateway's 6 MB import limit")
        .doesNotContain("--max-bytes");
  }

  // ---- Java class names in messages

  @Test
  void merge_outputUnderAFile_saysSoWithoutClassNames() throws IOException {
    Path input = write("api.yaml", OPENAPI);
    Path aFile = write("afile", "x");

    Run run = Run.of("merge", input.toString(), "-o", aFile.resolve("out.yaml").toString());

    assertCleanError(run);
    assertThat(run.err()).contains(aFile + " is a file, not a folder");
  }

  @Test
  void deployApi_hugeDuration_saysSoWithoutClassNames() {
    Run run =
        Run.of(
            "deploy-api",
            "--rest-api-id",
            "a1b2c3d4e5",
            "--stage",
            "dev",
            "--spec",
            "x.yaml",
            "--max-retry-time",
            "99999999999999999999s");

    assertCleanError(run);
    assertThat(run.err()).contains("'99999999999999999999s' is too long a duration");
  }

  @Test
  void lint_jsonNumberOverJacksonsLimit_hasNoClassNames() throws IOException {
    Path file =
        write(
            "api.json",
            "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"1\"},\"paths\":{},"
                + "\"x-n\":"
                + "1".repeat(1200)
                + "}");

    Run run = Run.of("lint", file.toString());

    assertCleanError(run);
    assertThat(run.err()).contains(file + ":");
  }

  // ---- diff with an unresolved parameter $ref

  @Test
  void diff_unresolvedParameterRef_namesTheRef() throws IOException {
    Path old =
        write(
            "old.yaml",
            OPENAPI.replace(
                "paths: {}",
                "paths:\n  /pets:\n    get:\n"
                    + "      responses:\n        '200': {description: ok}"));
    Path now =
        write(
            "new.yaml",
            OPENAPI.replace(
                "paths: {}",
                "paths:\n  /pets:\n    get:\n      parameters:\n"
                    + "        - $ref: '#/components/parameters/Missing'\n"
                    + "      responses:\n        '200': {description: ok}"));

    Run run = Run.of("diff", old.toString(), now.toString());

    assertThat(run.out())
        .doesNotContain("'?'")
        .contains("parameter $ref '#/components/parameters/Missing' (which does not resolve");
  }

  // ---- merge and an https $ref

  @Test
  void merge_httpsRef_isCalledRemoteNotAnotherFile() throws IOException {
    Path file =
        write(
            "api.yaml",
            OPENAPI.replace(
                "paths: {}",
                "paths:\n  /pets:\n    get:\n      responses:\n        '200':\n"
                    + "          description: ok\n          content:\n"
                    + "            application/json:\n              schema:\n"
                    + "                $ref: 'https://example.com/schemas.yaml#/Pet'"));

    Run run = Run.of("merge", "--allow-remote-refs", "example.com", file.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("points to a remote document").doesNotContain("another file");
  }

  // ---- lint -x.yaml

  @Test
  void lint_fileNamedLikeAnOption_suggestsDoubleDash() throws IOException {
    write("-x.yaml", OPENAPI);

    Run run = Run.of("lint", "-x.yaml");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("'-x.yaml' is not an option of 'pipeline lint'")
        .contains("pipeline lint -- -x.yaml");
  }

  @Test
  void lint_doubleDashBeforeADashedFile_reachesTheFile() {
    Run run = Run.of("lint", "--", dir.resolve("-x.yaml").toString());

    assertThat(run.err()).contains("-x.yaml: no such file").doesNotContain("put -- before it");
  }
}
