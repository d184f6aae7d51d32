package io.pipelinekit.pipeline;

import static io.pipelinekit.pipeline.Fixtures.build;
import static io.pipelinekit.pipeline.Fixtures.deploy;
import static io.pipelinekit.pipeline.Fixtures.pipeline;
import static io.pipelinekit.pipeline.Fixtures.project;
import static io.pipelinekit.pipeline.Fixtures.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.core.Finding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 13 item 3: the build details that break real builds. */
class BuildDetailsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Pipeline withBuild(CodeBuildAction action) {
    return pipeline(
            Stage.named("Source", source()),
            Stage.named("Build", action),
            Stage.named("Deploy", deploy().build()))
        .build();
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  @Test
  void batchEnabledAction_writesTheProjectsBuildBatchConfig_andTheBatchRolePolicy()
      throws IOException {
    Pipeline p = withBuild(build().batchEnabled(true).build());
    Synthesis s = Synthesis.of(p, TestTool.ARTIFACT);

    JsonNode batch = json(s.files().get("codebuild-project.json")).get("buildBatchConfig");
    assertThat(batch).as("buildBatchConfig").isNotNull();
    assertThat(batch.get("serviceRole").asText())
        .isEqualTo("arn:aws:iam::111122223333:role/service-codebuild");
    JsonNode policy = json(s.files().get("iam/codebuild-batch-role-policy.json"));
    JsonNode statement = policy.get("Statement").get(0);
    assertThat(statement.get("Action").toString())
        .isEqualTo("[\"codebuild:RetryBuild\",\"codebuild:StartBuild\",\"codebuild:StopBuild\"]");
    assertThat(statement.get("Resource").toString())
        .isEqualTo("[\"arn:aws:codebuild:eu-west-1:111122223333:project/service-build\"]");
    assertThat(s.warnings()).anyMatch(w -> w.contains("batch builds run with the project's own"));
  }

  @Test
  void batchSettings_areWrittenAsCodeBuildTakesThem_withTheirOwnRole() throws IOException {
    CodeBuildProject project =
        project()
            .batch(
                BuildBatch.builder()
                    .serviceRoleArn("arn:aws:iam::111122223333:role/service-batch")
                    .timeoutInMinutes(90)
                    .maximumBuildsAllowed(4)
                    .computeTypesAllowed("BUILD_GENERAL1_SMALL")
                    .combineArtifacts(true)
                    .build())
            .build();
    Synthesis s =
        Synthesis.of(
            withBuild(build().project(project).batchEnabled(true).build()), TestTool.ARTIFACT);

    assertThat(json(s.files().get("codebuild-project.json")).get("buildBatchConfig").toString())
        .isEqualTo(
            "{\"serviceRole\":\"arn:aws:iam::111122223333:role/service-batch\","
                + "\"combineArtifacts\":true,\"restrictions\":{\"maximumBuildsAllowed\":4,"
                + "\"computeTypesAllowed\":[\"BUILD_GENERAL1_SMALL\"]},\"timeoutInMins\":90}");
    assertThat(s.warnings()).noneMatch(w -> w.contains("batch"));
  }

  @Test
  void withoutBatch_theProjectHasNoBuildBatchConfig() throws IOException {
    Synthesis s = Synthesis.of(withBuild(build().batchEnabled(false).build()), TestTool.ARTIFACT);
    assertThat(json(s.files().get("codebuild-project.json")).has("buildBatchConfig")).isFalse();
    assertThat(s.files()).doesNotContainKey("iam/codebuild-batch-role-policy.json");
  }

  @Test
  void s3Cache_isNoDockerLayerCache() {
    DefinitionException e =
        catchThrowableOfType(
            DefinitionException.class,
            () ->
                withBuild(
                    build()
                        .project(project().cache(BuildCache.s3("cache-bucket/b")).build())
                        .build()));
    assertThat(e).isNotNull();
    assertThat(e.problems())
        .anyMatch(
            f ->
                f.ruleId().equals("pipeline-project-docker-cache")
                    && f.message().contains("S3 cache")
                    && f.message().contains("LOCAL_DOCKER_LAYER_CACHE is a local cache mode only"));
  }

  @Test
  void s3Cache_getsTheBuildspecsCachePaths() {
    CodeBuildProject tests =
        CodeBuildProject.builder()
            .name("tests")
            .serviceRoleArn("arn:aws:iam::111122223333:role/tests")
            .cache(BuildCache.s3("cache-bucket/tests"))
            .cachePaths("/root/.m2/**/*", "/root/.npm/**/*")
            .buildCommands("mvn -B verify")
            .build();
    Pipeline p =
        pipeline(
                Stage.named("Source", source()),
                Stage.named(
                    "Test",
                    CodeBuildAction.builder()
                        .name("Test")
                        .project(tests)
                        .inputs("Source")
                        .test(true)
                        .build()))
            .build();
    String yaml = Synthesis.of(p).files().get("buildspec.yaml");
    assertThat(yaml).endsWith("cache:\n  paths:\n    - /root/.m2/**/*\n    - /root/.npm/**/*\n");
  }

  @Test
  void cachePaths_withTheDefaultCache_addALocalCustomCache() {
    CodeBuildProject p = project().cachePaths("/root/.npm/**/*").build();
    assertThat(p.cache().modes()).contains(BuildCache.LocalMode.LOCAL_CUSTOM_CACHE);
  }

  /**
   * The generated pre_build's tag commands, run by bash as CodeBuild runs them (stop at a failure).
   */
  private static String[] runTagCommands(String sourceVersion) throws Exception {
    Synthesis s = Synthesis.of(Fixtures.valid().build(), TestTool.ARTIFACT);
    List<String> preBuild = s.buildSpecs().get("service-build").preBuild().orElseThrow().commands();
    List<String> tagging = new ArrayList<>();
    for (String c : preBuild) {
      if (c.contains("IMAGE_TAG")) {
        tagging.add(c);
      }
    }
    assertThat(tagging).hasSize(2);
    String script = "set -e\n" + String.join("\n", tagging) + "\necho \"tag=$IMAGE_TAG\"\n";
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", script);
    pb.environment().put("CODEBUILD_RESOLVED_SOURCE_VERSION", sourceVersion);
    Process process = pb.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new String[] {String.valueOf(process.exitValue()), out, err};
  }

  @Test
  void imageTag_emptySourceVersion_failsPreBuildBeforeAnythingIsTagged() throws Exception {
    String[] r = runTagCommands("");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1]).doesNotContain("tag=");
    assertThat(r[2]).contains("CODEBUILD_RESOLVED_SOURCE_VERSION is empty");
  }

  @Test
  void imageTag_isTheShortCommitId_whenTheSourceVersionIsSet() throws Exception {
    String[] r = runTagCommands("0123456789abcdef0123456789abcdef01234567");
    assertThat(r[0]).as(r[2]).isEqualTo("0");
    assertThat(r[1]).isEqualTo("tag=0123456\n");
  }

  /**
   * Every definition fixture: each rule's passing fixture, the valid pipeline, the kitchen sink.
   */
  static Stream<Arguments> definitions() {
    List<Arguments> all = new ArrayList<>();
    all.add(Arguments.of("valid", Fixtures.valid().build()));
    all.add(Arguments.of("kitchen-sink", KitchenSink.pipeline()));
    PipelineRuleFixtures.CASES.forEach(
        (id, c) -> all.add(Arguments.of("passing " + id, c.passing().get().build())));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("definitions")
  void generatedBuildspecs_lintWithoutAnyFinding(String name, Pipeline pipeline, @TempDir Path dir)
      throws IOException {
    Synthesis s = Synthesis.of(pipeline, TestTool.ARTIFACT);
    for (Map.Entry<String, String> file : s.files().entrySet()) {
      if (file.getKey().startsWith("buildspec")) {
        Path path = dir.resolve(file.getKey());
        Files.writeString(path, file.getValue());
        List<Finding> findings = new ArrayList<>(BuildSpecLinter.lint(path));
        // An image the definition tags :latest on purpose (ImageTagPolicy) is rightly reported.
        if (pipeline.codeBuildProjects().stream()
            .flatMap(p -> p.images().stream())
            .anyMatch(i -> i.tagPolicy().explicitLatest())) {
          findings.removeIf(f -> f.ruleId().equals("buildspec-latest-tag"));
        }
        assertThat(findings)
            .as(file.getKey() + ": " + findings.stream().map(Finding::format).toList())
            .isEmpty();
      }
    }
  }
}
