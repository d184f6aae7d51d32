package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code $ref} confinement through the command line: a reference is checked wherever the OpenAPI
 * grammar makes it one (under {@code responses: default:}, under a component named {@code
 * default}), a file reached through a symbolic link out of the document's folder is never read or
 * printed, literal example data stays literal, and the per-document file budget is an error.
 */
class RefConfinementCliTest {
  private static final String SECRET = "TOPSECRET-7f3a9c-do-not-print";

  @TempDir Path dir;
  private Path api;

  /** {@code api/link.yaml} is a symbolic link to {@code secret/credentials.yaml}, outside api/. */
  @BeforeEach
  void folders() throws IOException {
    api = Files.createDirectories(dir.resolve("api"));
    Path secret = Files.createDirectories(dir.resolve("secret")).resolve("credentials.yaml");
    // Shaped like a security scheme and a response, so whatever reads it has a value to echo.
    Files.writeString(
        secret,
        "description: "
            + SECRET
            + "\ntype: apiKey\nname: Authorization\nin: header\n"
            + "x-amazon-apigateway-authtype: custom\n"
            + "x-amazon-apigateway-authorizer:\n  type: "
            + SECRET
            + "\n");
    Files.createSymbolicLink(api.resolve("link.yaml"), secret);
  }

  private Path write(String name, String text) throws IOException {
    Path file = api.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  private static final String HEAD =
      "openapi: 3.0.3\ninfo:\n  title: t\n  version: '1'\npaths:\n  /pets:\n    get:\n"
          + "      operationId: listPets\n"
          + "      x-amazon-apigateway-integration:\n        type: mock\n"
          + "        requestTemplates:\n          application/json: '{\"statusCode\": 200}'\n"
          + "      responses:\n";

  /** A document whose {@code responses: default:} is a {@code $ref} to the symbolic link. */
  private Path defaultResponseThroughLink() throws IOException {
    return write(
        "openapi.yaml",
        HEAD
            + "        '200':\n          description: ok\n"
            + "        default:\n          $ref: link.yaml\n");
  }

  private static void assertRefusedWithoutSecret(Run run, Path file) {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(file.toString())
        .contains("$ref 'link.yaml' resolves through a symbolic link")
        .contains("outside the document's folder");
    assertThat(run.out() + run.err())
        .doesNotContain(SECRET)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  @Test
  void lint_refUnderResponsesDefault_throughSymlinkOut_exits2WithoutPrintingIt()
      throws IOException {
    Path file = defaultResponseThroughLink();

    assertRefusedWithoutSecret(Run.of("lint", file.toString()), file);
  }

  @Test
  void merge_refUnderResponsesDefault_throughSymlinkOut_exits2WithoutPrintingIt()
      throws IOException {
    Path file = defaultResponseThroughLink();
    Path out = dir.resolve("merged.yaml");

    assertRefusedWithoutSecret(Run.of("merge", file.toString(), "-o", out.toString()), file);
    assertThat(out).doesNotExist();
    assertRefusedWithoutSecret(Run.of("merge", file.toString(), "-o", "-"), file);
  }

  @Test
  void diff_refUnderResponsesDefault_throughSymlinkOut_exits2WithoutPrintingIt()
      throws IOException {
    Path file = defaultResponseThroughLink();
    Path clean = write("old.yaml", HEAD + "        '200':\n          description: ok\n");

    assertRefusedWithoutSecret(Run.of("diff", clean.toString(), file.toString()), file);
    assertRefusedWithoutSecret(Run.of("diff", file.toString(), clean.toString()), file);
  }

  @Test
  void lint_componentNamedDefault_withRefThroughSymlinkOut_exits2WithoutPrintingIt()
      throws IOException {
    Path file =
        write(
            "openapi.yaml",
            HEAD
                + "        '200':\n          description: ok\n"
                + "      security:\n        - default: []\n"
                + "components:\n  securitySchemes:\n    default:\n      $ref: link.yaml\n");

    assertRefusedWithoutSecret(Run.of("lint", file.toString()), file);
  }

  @Test
  void lint_schemaComponentNamedExample_withRefThroughSymlinkOut_exits2() throws IOException {
    Path file =
        write(
            "openapi.yaml",
            HEAD
                + "        '200':\n          description: ok\n"
                + "components:\n  schemas:\n    example:\n      $ref: link.yaml\n");

    assertRefusedWithoutSecret(Run.of("lint", file.toString()), file);
  }

  @Test
  void lint_refInsideSchemaExampleValue_staysLiteral_neitherCheckedNorResolved()
      throws IOException {
    // Each of these would be refused if it were a reference (symbolic link out, missing file,
    // remote host): as example data they are accepted and never read.
    Path file =
        write(
            "openapi.yaml",
            HEAD
                + "        '200':\n          description: ok\n"
                + "          content:\n            application/json:\n"
                + "              schema:\n                $ref: '#/components/schemas/Pet'\n"
                + "              examples:\n                one:\n"
                + "                  value:\n                    $ref: link.yaml\n"
                + "components:\n  schemas:\n    Pet:\n      type: object\n"
                + "      properties:\n        owner:\n          type: object\n"
                + "          example:\n            $ref: link.yaml\n"
                + "          default:\n            $ref: missing.yaml\n"
                + "          enum:\n            - $ref: https://example.com/Users/1\n");

    Run run = Run.of("lint", "--fail-on", "error", file.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out() + run.err())
        .doesNotContain(SECRET)
        .doesNotContain("symbolic link")
        .doesNotContain("does not exist")
        .doesNotContain("not fetched");
  }

  /** {@code openapi.yaml} referencing {@code n} schema files, the last one naming the link. */
  private Path referencingFiles(int n) throws IOException {
    StringBuilder spec =
        new StringBuilder(HEAD + "        '200':\n          description: ok\ncomponents:\n");
    spec.append("  schemas:\n");
    for (int i = 0; i < n; i++) {
      spec.append("    S").append(i).append(":\n      $ref: s").append(i).append(".yaml\n");
      write(
          "s" + i + ".yaml",
          i == n - 1 ? "type: object\nnot:\n  $ref: link.yaml\n" : "type: string\n");
    }
    return write("openapi.yaml", spec.toString());
  }

  @Test
  void lint_moreRefFilesThanTheBudget_exits2NamingTheLimitAndItsOption() throws IOException {
    Path file = referencingFiles(3);

    Run run = Run.of("lint", "--max-ref-files", "2", file.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains(file + ":")
        .contains("$ref 's2.yaml'")
        .contains("more than 2 files")
        .contains("--max-ref-files");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  @Test
  void lint_budgetRaisedWithTheOption_checksTheLastFileToo() throws IOException {
    Path file = referencingFiles(3);

    Run run = Run.of("lint", "--max-ref-files", "3", file.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
    assertThat(run.err())
        .contains("s2.yaml:3:3: $ref 'link.yaml' resolves through a symbolic link")
        .doesNotContain("--max-ref-files");
    assertThat(run.out() + run.err()).doesNotContain(SECRET);
  }

  @Test
  void mergeAndDiff_moreRefFilesThanTheBudget_exit2NamingTheOption() throws IOException {
    Path file = referencingFiles(3);

    Run merge = Run.of("merge", "--max-ref-files", "2", file.toString(), "-o", "-");
    Run diff = Run.of("diff", "--max-ref-files", "2", file.toString(), file.toString());

    for (Run run : new Run[] {merge, diff}) {
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
      assertThat(run.err()).contains("more than 2 files").contains("--max-ref-files");
    }
  }

  @Test
  void maxRefFiles_notPositive_isUsageError() throws IOException {
    Path file = referencingFiles(1);

    Run run = Run.of("lint", "--max-ref-files", "0", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("maxRefFiles must be positive, was 0")
        .contains("Run 'pipeline lint --help'")
        .doesNotContain("Exception");
  }

  @Test
  void deployApi_refUnderResponsesDefault_throughSymlinkOut_exits2BeforeAnyAwsCall()
      throws IOException {
    Path file = defaultResponseThroughLink();
    String key = System.getProperty("aws.accessKeyId");
    String secretKey = System.getProperty("aws.secretAccessKey");
    // Credentials and a region are present, so only the document can stop the command.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    try (ServerSocket endpoint = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      endpoint.setSoTimeout(200);
      Run run =
          Run.of(
              "deploy-api",
              "--region",
              "us-east-1",
              "--endpoint-url",
              "http://127.0.0.1:" + endpoint.getLocalPort(),
              "--max-retry-time",
              "1s",
              "--retry-base-delay",
              "50ms",
              "--rest-api-id",
              "abc123",
              "--stage",
              "dev",
              "--spec",
              file.toString());

      assertRefusedWithoutSecret(run, file);
      assertThatThrownBy(endpoint::accept).isInstanceOf(SocketTimeoutException.class);
    } finally {
      restore("aws.accessKeyId", key);
      restore("aws.secretAccessKey", secretKey);
    }
  }

  private static void restore(String property, String value) {
    if (value == null) {
      System.clearProperty(property);
    } else {
      System.setProperty(property, value);
    }
  }
}
