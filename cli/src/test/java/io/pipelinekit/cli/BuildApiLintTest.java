package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline build} lints the merged API document from memory, before writing it: its warnings
 * are what {@code pipeline lint} of the written file reports, and a document the linter cannot read
 * leaves nothing written.
 */
class BuildApiLintTest {
  private static final String KITCHEN = TestDefinitions.Kitchen.class.getName();

  @TempDir Path tmp;
  Path sources;
  Path out;

  @BeforeEach
  void sources() throws IOException {
    sources = KitchenSources.writeTo(tmp.resolve("src"));
    out = tmp.resolve("out");
  }

  private Run build() {
    return Run.of(
        "build",
        "--definition",
        KITCHEN,
        "--out",
        out.toString(),
        "--source-root",
        sources.toString(),
        TestDefinitions.TOOL[0],
        TestDefinitions.TOOL[1],
        TestDefinitions.TOOL[2],
        TestDefinitions.TOOL[3]);
  }

  @Test
  void build_apiLintWarnings_areTheErrorsLintOfTheWrittenFileFinds_atTheSameLocations()
      throws IOException {
    Path gateway = sources.resolve("api/gateway.yaml");
    String text = Files.readString(gateway);
    assertThat(text).contains("type: http_proxy");
    Files.writeString(gateway, text.replace("type: http_proxy", "type: http_prox"));

    Run run = build();

    assertThat(run.exitCode()).as(run.err()).isZero();
    Path written = out.toAbsolutePath().normalize().resolve("openapi.yaml");
    List<Finding> errors =
        OpenApiLinter.lint(written).findings().stream()
            .filter(f -> f.severity() == Severity.ERROR)
            .toList();
    assertThat(errors).isNotEmpty();
    List<String> warnings =
        run.err().lines().filter(l -> l.startsWith("pipeline: warning: CodeBuild")).toList();
    assertThat(warnings).hasSameSizeAs(errors);
    for (int i = 0; i < errors.size(); i++) {
      assertThat(warnings.get(i)).contains("): " + errors.get(i).format() + "; API Gateway");
    }
    assertThat(errors.get(0).location().file()).isEqualTo(written);
  }

  @Test
  void build_whenTheMergedApiCannotBeRead_exits2_andWritesNothing() throws IOException {
    // A $ref to a file beside the fragments: fine in the fragment, but the merged document's
    // references resolve in the output folder, where there is no such file.
    Files.writeString(
        sources.resolve("api/schemas.yaml"), "Item:\n  type: object\n  properties: {}\n");
    Path fragment = sources.resolve("api/openapi.yaml");
    Files.writeString(
        fragment,
        Files.readString(fragment)
            .replace(
                "          description: the item\n",
                "          description: the item\n"
                    + "          content:\n"
                    + "            application/json:\n"
                    + "              schema:\n"
                    + "                $ref: 'schemas.yaml#/Item'\n"));

    Run run = build();

    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.err())
        .contains(out.toAbsolutePath().normalize().resolve("openapi.yaml").toString())
        .contains("schemas.yaml")
        .doesNotContain("Exception");
    assertThat(out).doesNotExist();
  }
}
