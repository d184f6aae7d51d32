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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    List<JsonNode> findings = parliament(dir);
    findings.removeAll(onRequiredResourceType(findings, dir));
    assertThat(findings).as("parliament findings at MEDIUM or above").isEmpty();
  }

  private static final Pattern UNKNOWN_CONDITION =
      Pattern.compile("Unknown condition (\\S+) for action ([a-z0-9-]+):(\\S+)");

  /**
   * The {@code UNKNOWN_CONDITION_FOR_ACTION} findings whose condition key parliament's own copy of
   * the Service Authorization Reference lists on a resource type the action requires. parliament
   * 1.6.4 looks a condition key up only among the action's own keys, not among those of its
   * resource types: {@code kms:ResourceAliases} is a key of the {@code key} resource type that
   * {@code kms:Decrypt} requires
   * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html,
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases),
   * yet parliament reports it as unknown. Checked against the same bundled data, so a key that no
   * resource type of the action documents is still a finding.
   */
  private static List<JsonNode> onRequiredResourceType(List<JsonNode> findings, Path dir)
      throws Exception {
    List<String> queries = new ArrayList<>();
    for (JsonNode f : findings) {
      Matcher m = UNKNOWN_CONDITION.matcher(f.path("detail").asText());
      if (f.path("issue").asText().equals("UNKNOWN_CONDITION_FOR_ACTION") && m.matches()) {
        queries.add(m.group(2) + " " + m.group(3) + " " + m.group(1));
      }
    }
    if (queries.isEmpty()) {
      return List.of();
    }
    String script =
        String.join(
            "\n",
            "import json, os, sys, parliament",
            "d = json.load(open(os.path.join(os.path.dirname(parliament.__file__),"
                + " 'iam_definition.json')))",
            "for q in sys.argv[1:]:",
            "    service, action, key = q.split(' ')",
            "    s = next(x for x in d if x['prefix'] == service)",
            "    p = next(x for x in s['privileges'] if x['privilege'] == action)",
            "    required = {r['resource_type'].rstrip('*') for r in p['resource_types']}",
            "    keys = {k for r in s['resources'] if r['resource'] in required"
                + " for k in r['condition_keys']}",
            "    print(q if key in keys else '')");
    List<String> args = new ArrayList<>(List.of("-c", script));
    args.addAll(queries);
    VenvTool.Result r = VenvTool.named("python").run(dir, TIMEOUT, args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.output()).isZero();
    List<String> documented = List.of(r.stdout().split("\n"));
    List<JsonNode> accepted = new ArrayList<>();
    for (JsonNode f : findings) {
      Matcher m = UNKNOWN_CONDITION.matcher(f.path("detail").asText());
      if (f.path("issue").asText().equals("UNKNOWN_CONDITION_FOR_ACTION")
          && m.matches()
          && documented.contains(m.group(2) + " " + m.group(3) + " " + m.group(1))) {
        accepted.add(f);
      }
    }
    return accepted;
  }

  @Test
  void parliament_reportsAnAliasArnAsTheResourceOfAKeyOperation_andAnAliasConditionOnNoKey(
      @TempDir Path dir) throws Exception {
    // What the roles were granted before: kms:Decrypt on the alias ARN, which names no key.
    Files.writeString(
        dir.resolve("alias-resource.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"UseArtifactKey\","
            + "\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\"],\"Resource\":"
            + "[\"arn:aws:kms:eu-west-1:111122223333:alias/orders-artifacts\"]}]}");
    // kms:ResourceAliases on an action that uses no key: not exempted.
    Files.writeString(
        dir.resolve("alias-condition-no-key.json"),
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ListAliases\","
            + "\"Effect\":\"Allow\",\"Action\":[\"kms:ListAliases\"],\"Resource\":[\"*\"],"
            + "\"Condition\":{\"ForAnyValue:StringEquals\":"
            + "{\"kms:ResourceAliases\":[\"alias/orders-artifacts\"]}}}]}");
    List<JsonNode> findings = parliament(dir);
    findings.removeAll(onRequiredResourceType(findings, dir));
    List<String> issues = new ArrayList<>();
    findings.forEach(
        f -> issues.add(f.get("issue").textValue() + " " + f.at("/location/filepath")));
    assertThat(issues)
        .anySatisfy(i -> assertThat(i).startsWith("RESOURCE_MISMATCH").contains("alias-resource"))
        .anySatisfy(
            i ->
                assertThat(i)
                    .startsWith("UNKNOWN_CONDITION_FOR_ACTION")
                    .contains("alias-condition-no-key"));
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
