package io.pipelinekit.pipeline.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.pipeline.BotocoreOracle;
import io.pipelinekit.testing.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The checked-in constraint table is what botocore's models say today ({@code -Dgolden.update=true}
 * rewrites it), and the rules' bookkeeping of it holds.
 */
class AwsModelTableTest {
  private static final Path TABLE =
      Path.of(
          "pipeline/src/main/resources/io/pipelinekit/pipeline/internal/rules/aws-model-constraints.tsv");

  @Test
  void table_isWhatBotocoreGivesToday() throws IOException {
    String fresh = BotocoreOracle.table();
    Path file = RepoRoot.find().resolve(TABLE);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, fresh, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(file))
        .as("%s differs from botocore's models: run with -Dgolden.update=true and review", TABLE)
        .isEqualTo(fresh);
  }

  @Test
  void table_coversBothInputs_withTheConstraintsTheIssueNames() {
    assertThat(AwsModelTable.all()).hasSizeGreaterThan(150);
    assertThat(AwsModelTable.get("CreateProject", "description").max()).isEqualTo(255);
    assertThat(AwsModelTable.get("CreateProject", "tags[].key").max()).isEqualTo(127);
    assertThat(AwsModelTable.get("CreatePipeline", "tags[].key").max()).isEqualTo(128);
    assertThat(AwsModelTable.get("CreatePipeline", "pipeline.variables").max()).isEqualTo(50);
    assertThat(AwsModelTable.get("CreateProject", "environment.computeType").values())
        .contains("BUILD_GENERAL1_SMALL");
    assertThat(AwsModelTable.isMap("CreatePipeline", "pipeline.stages[].actions[].configuration"))
        .isTrue();
    assertThat(AwsModelTable.isMap("CreatePipeline", "pipeline.artifactStore")).isFalse();
  }

  @Test
  void everyFacetLeftToAnExplicitRule_isAConstraintOfTheTable() {
    List<String> unknown = new ArrayList<>();
    for (String entry : AwsModel.EXPLICIT) {
      String[] f = entry.split(" ");
      AwsModelTable.Constraint c = AwsModelTable.find(f[0], f[1]);
      boolean has =
          c != null
              && switch (f[2]) {
                case "min" -> c.min() != null;
                case "max" -> c.max() != null;
                case "pattern" -> c.pattern() != null;
                case "enum" -> !c.values().isEmpty();
                default -> false;
              };
      if (!has) {
        unknown.add(entry);
      }
    }
    assertThat(unknown).as("EXPLICIT names facets the table does not have").isEmpty();
  }

  @Test
  void ruleList_runsTheNetLast_andTheExplicitRulesReadTheirLimitsFromTheTable() {
    List<PipelineRule> all = PipelineRuleList.all();
    assertThat(all.get(all.size() - 1).id()).isEqualTo("pipeline-aws-model");
    Set<String> ids = all.stream().map(PipelineRule::id).collect(Collectors.toSet());
    assertThat(ids)
        .contains(
            "pipeline-project-description",
            "pipeline-project-environment",
            "pipeline-tag-limits",
            "pipeline-variable-limits");
    assertThat(ProjectDescription.MAX).isEqualTo(255);
    assertThat(TagLimits.MAX_KEY).isEqualTo(127);
    assertThat(TagLimits.MAX_VALUE).isEqualTo(255);
    assertThat(TagLimits.MAX_TAGS).isEqualTo(50);
    assertThat(ProjectEnvironment.ENVIRONMENT_TYPES).contains("LINUX_CONTAINER", "ARM_CONTAINER");
  }
}
