package io.pipelinekit.service.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.cli.PipelineCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline lint build/pipeline/buildspec.yaml} of our own output is clean: the bundled
 * service's generated buildspec has no finding at all, not even {@code buildspec-docker-privileged}
 * (the buildspec says that its project runs privileged).
 */
class GeneratedBuildSpecLintTest {
  @TempDir Path tmp;

  private static int run(StringWriter out, StringWriter err, String... args) {
    return PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void lint_ofTheBundledServicesGeneratedBuildspec_findsNothing() {
    Path out = tmp.resolve("out");
    StringWriter buildErr = new StringWriter();
    int built =
        run(
            new StringWriter(),
            buildErr,
            "build",
            "--definition",
            ServicePipeline.class.getName(),
            "--out",
            out.toString(),
            "--source-root",
            Golden.repositoryRoot().toString());
    assertThat(built).as(buildErr.toString()).isZero();

    StringWriter lintOut = new StringWriter();
    StringWriter lintErr = new StringWriter();
    int code =
        run(
            lintOut,
            lintErr,
            "lint",
            "--fail-on",
            "info",
            "--format",
            "json",
            out.resolve("buildspec.yaml").toString());
    assertThat(code).as(lintOut + "\n" + lintErr).isZero();
    assertThat(lintOut.toString()).doesNotContain("\"rule\"").doesNotContain("buildspec-");
  }
}
