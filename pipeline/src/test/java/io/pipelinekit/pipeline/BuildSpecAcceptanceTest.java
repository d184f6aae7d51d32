package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.pipelinekit.buildspec.BuildSpec;
import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.buildspec.Phase;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The generated buildspecs meet issue 2's acceptance, read back with a YAML 1.1 loader. */
class BuildSpecAcceptanceTest {

  static Stream<Arguments> buildspecs() {
    List<Arguments> all = new ArrayList<>();
    for (Pipeline p : List.of(Fixtures.valid().build(), KitchenSink.pipeline())) {
      Synthesis s = Synthesis.of(p, TestTool.ARTIFACT);
      s.buildSpecs()
          .forEach(
              (project, spec) -> {
                String file =
                    s.files().containsKey("buildspec.yaml")
                        ? "buildspec.yaml"
                        : "buildspec-" + project + ".yaml";
                all.add(Arguments.of(p.name() + "/" + project, spec, s.files().get(file)));
              });
    }
    return all.stream();
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("buildspecs")
  void buildspec_readsBackToTheModel_andIsSafe(String name, BuildSpec spec, String yaml) {
    Map<String, Object> doc =
        (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    assertThat(yaml).matches("(?s)(# privileged mode: [^\n]*\n)?version: 0.2\n.*");
    Map<String, Object> phases = (Map<String, Object>) doc.get("phases");
    check(phases, "install", spec.install().orElse(null));
    check(phases, "pre_build", spec.preBuild().orElse(null));
    check(phases, "build", spec.build().orElse(null));
    check(phases, "post_build", spec.postBuild().orElse(null));
    spec.env()
        .ifPresent(
            env -> {
              Map<String, Object> e = (Map<String, Object>) doc.get("env");
              if (!env.variables().isEmpty()) {
                assertThat(e.get("variables")).isEqualTo(env.variables());
              }
              assertThat(e.get("exported-variables")).isEqualTo(env.exportedVariables());
            });
    spec.artifacts()
        .ifPresent(
            a ->
                assertThat(((Map<String, Object>) doc.get("artifacts")).get("files"))
                    .isEqualTo(a.files()));

    assertThat(yaml).doesNotContain("ecr get-login ");
    // The only runtime selected is the tool's Java (never docker, which current images reject).
    Map<String, Object> install = (Map<String, Object>) phases.get("install");
    if (install != null && install.containsKey("runtime-versions")) {
      assertThat(install.get("runtime-versions")).isEqualTo(Map.of("java", "corretto21"));
    }
    assertThat(yaml).doesNotContain(":latest");
    assertThat(yaml).doesNotContain("\t");

    List<String> pushesOrDeploys = new ArrayList<>();
    for (String phase : List.of("install", "pre_build", "build")) {
      Map<String, Object> p = (Map<String, Object>) phases.get(phase);
      if (p != null) {
        for (String c : (List<String>) p.get("commands")) {
          assertThat(c).as(phase).doesNotContain("docker push").doesNotContain("deploy-api");
        }
      }
    }
    Map<String, Object> post = (Map<String, Object>) phases.get("post_build");
    if (post != null) {
      List<String> commands = (List<String>) post.get("commands");
      assertThat(commands.get(0)).contains("CODEBUILD_BUILD_SUCCEEDING").contains("exit 1");
      commands.stream()
          .filter(c -> c.contains("docker push") || c.contains("deploy-api"))
          .forEach(pushesOrDeploys::add);
    }
    if (yaml.contains("docker build")) {
      assertThat(pushesOrDeploys).anyMatch(c -> c.startsWith("docker push"));
      assertThat(((Map<String, Object>) doc.get("artifacts")).get("files").toString())
          .contains("imagedefinitions.json");
      assertThat(((List<String>) ((Map<String, Object>) doc.get("env")).get("exported-variables")))
          .contains("IMAGE_TAG");
      assertThat(yaml)
          .contains(
              "aws ecr get-login-password --region eu-west-1 | docker login --username AWS"
                  + " --password-stdin 111122223333.dkr.ecr.eu-west-1.amazonaws.com");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("buildspecs")
  void buildspec_passesTheBuildSpecLinter(String name, BuildSpec spec, String yaml) {
    List<Finding> findings = BuildSpecLinter.lint(yaml, "buildspec.yaml");
    assertThat(findings)
        .as(findings.stream().map(f -> f.format()).toList().toString())
        .noneMatch(f -> f.severity() != Severity.INFO);
  }

  @SuppressWarnings("unchecked")
  private static void check(Map<String, Object> phases, String name, Phase phase) {
    if (phase == null) {
      assertThat(phases).doesNotContainKey(name);
      return;
    }
    Map<String, Object> p = (Map<String, Object>) phases.get(name);
    assertThat((List<String>) p.get("commands")).as(name).isEqualTo(phase.commands());
  }
}
