package io.pipelinekit.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan's differences: whole declarations, stages and actions matched by name. */
class TreeDiffTest {

  private static Map<String, Object> action(String name, Map<String, Object> configuration) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put("runOrder", 1);
    a.put("configuration", configuration);
    return a;
  }

  private static Map<String, Object> stage(String name, Map<String, Object>... actions) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("actions", List.of(actions));
    return s;
  }

  private static Map<String, Object> pipeline(Map<String, Object>... stages) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", "orders");
    p.put("stages", new ArrayList<>(List.of(stages)));
    return p;
  }

  private static final Map<String, Object> SOURCE =
      stage("Source", action("Source", Map.of("BranchName", "main")));
  private static final Map<String, Object> BUILD =
      stage("Build", action("Build", Map.of("ProjectName", "orders-build")));
  private static final Map<String, Object> DEPLOY =
      stage("Deploy", action("Deploy", Map.of("ClusterName", "a")));
  private static final Map<String, Object> TEST =
      stage("Test", action("Test", Map.of("ProjectName", "orders-test")));
  private static final Map<String, Object> APPROVE = stage("Approve", action("Approve", Map.of()));

  private static List<String> lines(Object desired, Object live) {
    List<String> out = new ArrayList<>();
    TreeDiff.diff(desired, live, LiveOnlyFields.PIPELINE).forEach(d -> out.addAll(d.lines()));
    return out;
  }

  @Test
  void stageInsertedByHand_isOneRemovedStage_notPositionalNoise() {
    assertThat(lines(pipeline(SOURCE, BUILD, DEPLOY), pipeline(SOURCE, BUILD, APPROVE, DEPLOY)))
        .containsExactly("- stage Approve");
  }

  @Test
  void stageInTheDefinitionOnly_isAnAddedStage() {
    assertThat(lines(pipeline(SOURCE, BUILD, APPROVE, DEPLOY), pipeline(SOURCE, BUILD, DEPLOY)))
        .containsExactly("+ stage Approve");
  }

  @Test
  void reorderedStages_areAMove() {
    assertThat(lines(pipeline(SOURCE, DEPLOY, BUILD, TEST), pipeline(SOURCE, BUILD, TEST, DEPLOY)))
        .containsExactly("~ stage Deploy moved from 4 to 2");
  }

  @Test
  void actionAddedByHandToAStage_isNamedWithItsStage() {
    Map<String, Object> liveDeploy =
        stage(
            "Deploy",
            action("Deploy", Map.of("ClusterName", "a")),
            action("Smoke", Map.of("ProjectName", "smoke")));
    assertThat(lines(pipeline(SOURCE, DEPLOY), pipeline(SOURCE, liveDeploy)))
        .containsExactly("- action Smoke in stage Deploy");
  }

  @Test
  void changedAndHandAddedConfigurationKeys_areNamedByPath() {
    Map<String, Object> live =
        pipeline(
            SOURCE,
            stage(
                "Deploy",
                action(
                    "Deploy",
                    Map.of("ClusterName", "b", "EnvironmentVariables", "[{\"name\":\"X\"}]"))));
    assertThat(lines(pipeline(SOURCE, DEPLOY), live))
        .containsExactlyInAnyOrder(
            "~ stages.Deploy.actions.Deploy.configuration.ClusterName: \"b\" -> \"a\"",
            "- stages.Deploy.actions.Deploy.configuration.EnvironmentVariables:"
                + " \"[{\"name\":\"X\"}]\"");
  }

  @Test
  void whatAwsAddsOnRead_isNotADifference_butASetValueIs() {
    Map<String, Object> liveAction = action("Build", Map.of("ProjectName", "orders-build"));
    liveAction.put("region", "us-east-1");
    Map<String, Object> live = pipeline(SOURCE, stage("Build", liveAction));
    live.put("version", 7);
    live.put("executionMode", "SUPERSEDED");
    Map<String, Object> desiredAction = action("Build", Map.of("ProjectName", "orders-build"));
    desiredAction.remove("runOrder");
    assertThat(lines(pipeline(SOURCE, stage("Build", desiredAction)), live)).isEmpty();

    live.put("executionMode", "QUEUED");
    assertThat(lines(pipeline(SOURCE, stage("Build", desiredAction)), live))
        .containsExactly("- executionMode: \"QUEUED\"");
  }

  @Test
  void tagsAndVariables_areMatchedByKeyAndName_tagsInAnyOrder() {
    Map<String, Object> desired =
        Map.of(
            "tags",
            List.of(Map.of("key", "a", "value", "1"), Map.of("key", "b", "value", "2")),
            "environmentVariables",
            List.of(Map.of("name", "X", "value", "1")));
    Map<String, Object> live =
        Map.of(
            "tags",
            List.of(Map.of("key", "b", "value", "3"), Map.of("key", "a", "value", "1")),
            "environmentVariables",
            List.of(Map.of("name", "Y", "value", "9"), Map.of("name", "X", "value", "1")));
    List<String> out = new ArrayList<>();
    TreeDiff.diff(desired, live, LiveOnlyFields.PROJECT).forEach(d -> out.addAll(d.lines()));
    assertThat(out)
        .containsExactlyInAnyOrder(
            "~ tags.b.value: \"3\" -> \"2\"", "- environmentVariables.Y: {name=Y, value=9}");
  }

  @Test
  void projectDefaultsCodeBuildReports_areIgnored_onlyAtTheirDefaultValue() {
    Map<String, Object> live = new LinkedHashMap<>();
    live.put("name", "orders-build");
    live.put("arn", "arn:aws:codebuild:us-east-1:123456789012:project/orders-build");
    live.put("encryptionKey", "arn:aws:kms:us-east-1:123456789012:alias/aws/s3");
    live.put("badge", Map.of("badgeEnabled", false));
    live.put("created", "2026-01-01T00:00:00Z");
    assertThat(TreeDiff.diff(Map.of("name", "orders-build"), live, LiveOnlyFields.PROJECT))
        .isEmpty();

    live.put("encryptionKey", "arn:aws:kms:us-east-1:123456789012:key/1234");
    assertThat(TreeDiff.diff(Map.of("name", "orders-build"), live, LiveOnlyFields.PROJECT))
        .extracting(ApplyPlan.Difference::path)
        .containsExactly("encryptionKey");
  }

  @Test
  void oddNames_areQuotedInPaths() {
    assertThat(TreeDiff.show(List.of("stages", "Deploy.eu", "actions", "a b")))
        .isEqualTo("stages[\"Deploy.eu\"].actions[\"a b\"]");
  }
}
