package io.pipelinekit.service.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs bench/fuzz.sh (schemathesis against the app jar and service/api/openapi.yaml) for a short,
 * seeded budget: every check must pass and no request may get a 5xx.
 */
class FuzzIT {

  @Test
  void schemathesis_findsNoServerErrorAndNoContractViolation() throws Exception {
    Path venv =
        Path.of(
            System.getenv().getOrDefault("PIPELINEKIT_VENV", RepoFiles.path(".venv").toString()));
    assertThat(Files.isExecutable(venv.resolve("bin/schemathesis")))
        .as("schemathesis missing in %s: run bin/test, which installs it", venv)
        .isTrue();
    Path log = Files.createTempFile("fuzz", ".log");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash",
                  RepoFiles.path("bench/fuzz.sh").toString(),
                  "--max-time",
                  "20",
                  "--max-examples",
                  "50")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      pb.environment().put("SERVICE_APP_JAR", AppProcess.jar().toString());
      pb.environment().put("PIPELINEKIT_VENV", venv.toString());
      Process p = pb.start();
      boolean done = p.waitFor(180, TimeUnit.SECONDS);
      if (!done) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      System.out.println(output);
      assertThat(done).as("fuzz.sh finished within 180 s").isTrue();
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("No issues found").containsPattern("5xx: 0\\b");
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
