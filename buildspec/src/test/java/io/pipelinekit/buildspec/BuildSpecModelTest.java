package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildSpecModelTest {

  @Test
  void build_whenVariableNameStartsCodebuild_rejectsWithPathAndFix() {
    assertThatThrownBy(() -> BuildEnv.builder().putVariable("CODEBUILD_X", "1").build())
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining("$.env.variables.CODEBUILD_X")
        .hasMessageContaining("reserved")
        .hasMessageContaining("rename");
  }

  @Test
  void build_whenParameterStoreOrSecretNameStartsCodebuild_rejects() {
    assertThatThrownBy(() -> BuildEnv.builder().putParameterStore("CODEBUILD_P", "/p").build())
        .hasMessageContaining("$.env.parameter-store.CODEBUILD_P");
    assertThatThrownBy(() -> BuildEnv.builder().putSecretsManager("CODEBUILD_S", "s:k").build())
        .hasMessageContaining("$.env.secrets-manager.CODEBUILD_S");
  }

  @Test
  void build_whenExportedVariableStartsAws_rejectsWithIndex() {
    assertThatThrownBy(() -> BuildEnv.builder().exportedVariables("TAG", "AWS_REGION").build())
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining("$.env.exported-variables[1]")
        .hasMessageContaining("AWS_REGION")
        .hasMessageContaining("another name");
  }

  @Test
  void build_whenSameNameInVariablesAndSecrets_rejectsNamingBoth() {
    assertThatThrownBy(
            () ->
                BuildEnv.builder()
                    .putVariable("TOKEN", "x")
                    .putSecretsManager("TOKEN", "s:k")
                    .build())
        .hasMessageContaining("$.env.secrets-manager.TOKEN")
        .hasMessageContaining("$.env.variables");
  }

  @Test
  void build_whenShellUnknown_rejectsListingShells() {
    assertThatThrownBy(() -> BuildEnv.builder().shell("zsh").build())
        .hasMessageContaining("$.env.shell")
        .hasMessageContaining("bash, /bin/sh");
  }

  @Test
  void build_whenRuntimeVersionsOutsideInstall_rejectsWithPhasePath() {
    assertThatThrownBy(
            () ->
                BuildSpec.builder()
                    .build(p -> p.putRuntimeVersion("java", "corretto21").commands("mvn verify"))
                    .build())
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining("$.phases.build.runtime-versions")
        .hasMessageContaining("only allowed in the install phase");
  }

  @Test
  void build_whenDockerRuntimeVersion_rejectsWithPathAndPrivilegedModeHint() {
    assertThatThrownBy(
            () -> BuildSpec.builder().install(p -> p.putRuntimeVersion("docker", "20")).build())
        .isInstanceOf(BuildSpecException.class)
        .hasMessageContaining("$.phases.install.runtime-versions.docker")
        .hasMessageContaining("privileged mode");
  }

  @Test
  void build_whenSecondaryArtifactIdentifierInvalid_rejectsWithPattern() {
    assertThatThrownBy(
            () ->
                Artifacts.builder()
                    .files("a")
                    .putSecondaryArtifact("api-spec", Artifacts.ofFiles("openapi.yaml"))
                    .build())
        .hasMessageContaining("$.artifacts.secondary-artifacts.api-spec")
        .hasMessageContaining("[A-Za-z0-9_]+");
  }

  @Test
  void build_whenArtifactsHaveNoFiles_rejectsAsRequired() {
    assertThatThrownBy(() -> BuildSpec.builder().build(p -> p.commands("x")).artifacts(a -> {}))
        .hasMessageContaining("$.artifacts.files is required");
  }

  @Test
  void build_whenSecondaryArtifactHasNoFiles_namesItsPath() {
    assertThatThrownBy(() -> Artifacts.builder().files("a").putSecondaryArtifact("Api", s -> {}))
        .hasMessageContaining("$.artifacts.secondary-artifacts.Api.files is required");
  }

  @Test
  void build_whenNoPhase_rejects() {
    assertThatThrownBy(() -> BuildSpec.builder().build())
        .hasMessageContaining("$.phases")
        .hasMessageContaining("at least one phase");
  }

  @Test
  void build_whenPhaseHasFinallyButNoCommands_rejects() {
    assertThatThrownBy(() -> BuildSpec.builder().postBuild(p -> p.finallyCommands("x")))
        .hasMessageContaining("$.phases.post_build.finally");
  }

  @Test
  void build_whenCommandNull_rejectsWithIndex() {
    List<String> commands = new ArrayList<>();
    commands.add("ok");
    commands.add(null);
    assertThatThrownBy(() -> BuildSpec.builder().build(p -> p.commands(commands)))
        .hasMessageContaining("$.phases.build.commands[1] must not be null");
  }

  @Test
  void build_whenTextHasUnpairedSurrogate_rejects() {
    assertThatThrownBy(() -> Phase.ofCommands("bad \uD800 text"))
        .hasMessageContaining("commands[0]")
        .hasMessageContaining("surrogate");
  }

  @Test
  void build_whenReportGroupNameTooShortOrBadArn_rejects() {
    assertThatThrownBy(
            () ->
                BuildSpec.builder()
                    .build(p -> p.commands("x"))
                    .putReport("a", r -> r.files("x.xml"))
                    .build())
        .hasMessageContaining("$.reports.a")
        .hasMessageContaining("2 to 128");
    assertThatThrownBy(
            () ->
                BuildSpec.builder()
                    .build(p -> p.commands("x"))
                    .putReport("arn:aws:s3:::bucket", r -> r.files("x.xml"))
                    .build())
        .hasMessageContaining("not a report group ARN");
  }

  @Test
  void build_acceptsReportGroupArn() {
    String arn = "arn:aws:codebuild:eu-west-1:111122223333:report-group/unit";
    BuildSpec spec =
        BuildSpec.builder().build(p -> p.commands("x")).putReport(arn, r -> r.files("x")).build();
    assertThat(spec.reports()).containsOnlyKeys(arn);
  }

  @Test
  void build_whenCacheHasNoPaths_rejects() {
    assertThatThrownBy(() -> Cache.builder().key("k").build())
        .hasMessageContaining("$.cache.paths is required");
  }

  @Test
  void accessors_returnUnmodifiableCopiesThatKeepInsertionOrder() {
    Map<String, String> vars = new java.util.LinkedHashMap<>();
    vars.put("Z", "1");
    vars.put("A", "2");
    vars.put("M", "3");
    List<String> commands = new ArrayList<>(List.of("one", "two"));
    BuildSpec spec =
        BuildSpec.builder().env(e -> e.variables(vars)).build(p -> p.commands(commands)).build();
    vars.put("B", "4");
    commands.add("three");
    BuildEnv env = spec.env().orElseThrow();
    assertThat(env.variables().keySet()).containsExactly("Z", "A", "M");
    assertThat(spec.build().orElseThrow().commands()).containsExactly("one", "two");
    assertThatThrownBy(() -> env.variables().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> spec.build().orElseThrow().commands().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toBuilder_roundTripsToEqualModel() {
    BuildSpec spec = Examples.containerService();
    assertThat(spec.toBuilder().build()).isEqualTo(spec).hasSameHashCodeAs(spec);
    assertThat(spec.toBuilder().runAs("builder").build()).isNotEqualTo(spec);
    assertThat(spec.version()).isEqualTo("0.2");
  }

  @Test
  void env_whenOnlyEmptyBuilderGiven_isLeftOut() {
    BuildSpec spec = BuildSpec.builder().env(e -> {}).build(p -> p.commands("x")).build();
    assertThat(spec.env()).isEmpty();
    assertThat(BuildSpecWriter.write(spec)).doesNotContain("env:");
  }

  @Test
  void build_whenMapKeyNull_rejects() {
    Map<String, String> vars = new HashMap<>();
    vars.put(null, "x");
    assertThatThrownBy(() -> BuildEnv.builder().variables(vars).build())
        .hasMessageContaining("$.env.variables has an empty or null key");
  }
}
