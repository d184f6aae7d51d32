package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.testing.VenvTool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated IAM policy passes {@code parliament} (an IAM linter independent of this project,
 * with AWS's Service Authorization Reference bundled) with no finding at MEDIUM or above: the
 * golden policies of the bundled service and of the kitchen sink, and those of {@link
 * IamDefinitions}. A finding we consider wrong may be muted only in {@code parliament.yaml} next to
 * this test, with the reason.
 */
class IamPolicyParliamentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static List<JsonNode> parliament(Path dir) throws Exception {
    Path config =
        Golden.repositoryRoot().resolve("pipeline/src/test/resources/parliament/parliament.yaml");
    VenvTool.Result result =
        VenvTool.named("parliament")
            .run(
                dir,
                TIMEOUT,
                "--directory",
                dir.toString(),
                "--include_policy_extension",
                "json",
                "--minimum_severity",
                "MEDIUM",
                "--json",
                "--config",
                config.toString());
    List<JsonNode> findings = new ArrayList<>();
    for (String line : result.stdout().split("\n")) {
      if (!line.isBlank()) {
        findings.add(JSON.readTree(line));
      }
    }
    // parliament exits 1 when it prints findings, 0 when there are none; anything else (2: usage)
    // means it did not check.
    assertThat(result.exitCode()).as(result.output()).isEqualTo(findings.isEmpty() ? 0 : 1);
    return findings;
  }

  private static int copyGolden(String folder, String prefix, Path dir) throws Exception {
    Path iam = Golden.repositoryRoot().resolve(folder);
    int n = 0;
    try (Stream<Path> files = Files.list(iam)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        Files.copy(f, dir.resolve(prefix + "--" + f.getFileName()));
        n++;
      }
    }
    return n;
  }

  @Test
  void everyGeneratedPolicy_hasNoParliamentFindingAtMediumOrAbove(@TempDir Path dir)
      throws Exception {
    int policies = 0;
    policies +=
        copyGolden("service/definition/src/test/resources/golden/service/iam", "service", dir);
    policies +=
        copyGolden("pipeline/src/test/resources/golden/kitchen-sink/iam", "kitchen-golden", dir);
    for (Map.Entry<String, Pipeline> c : IamDefinitions.all().entrySet()) {
      for (Map.Entry<String, String> f :
          Synthesis.of(c.getValue(), TestTool.ARTIFACT).files().entrySet()) {
        if (f.getKey().startsWith("iam/")) {
          Path target = dir.resolve(c.getKey() + "--" + f.getKey().substring("iam/".length()));
          Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
          policies++;
        }
      }
    }
    assertThat(policies).isGreaterThanOrEqualTo(15);
    assertThat(parliament(dir)).as("parliament findings at MEDIUM or above").isEmpty();
  }

  @Test
  void parliament_reportsAGrantWhoseActionPrefixDoesNotMatchTheResource(@TempDir Path dir)
      throws Exception {
    // What the pipeline role granted before: both connection prefixes on a codeconnections ARN.
    Files.writeString(
        dir.resolve("both-prefixes.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"UseConnections\","
            + "\"Effect\":\"Allow\",\"Action\":[\"codeconnections:UseConnection\","
            + "\"codestar-connections:UseConnection\"],\"Resource\":[\""
            + Fixtures.CONNECTION
            + "\"]}]}");
    List<JsonNode> findings = parliament(dir);
    assertThat(findings).hasSize(1);
    assertThat(findings.get(0).get("issue").textValue()).isEqualTo("RESOURCE_MISMATCH");
    assertThat(findings.get(0).get("severity").textValue()).isEqualTo("MEDIUM");
  }
}
