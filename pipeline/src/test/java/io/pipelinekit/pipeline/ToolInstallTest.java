package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pipelinekit.buildspec.BuildSpec;
import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.buildspec.Phase;
import io.pipelinekit.core.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each {@link ToolInstall} kind's install phase, cache and role policy, through {@link Synthesis}.
 */
class ToolInstallTest {

  private static Pipeline pipelineWith(CodeBuildProject project) {
    return Fixtures.pipeline(
            Stage.named("Source", Fixtures.source()),
            Stage.named("Build", Fixtures.build().project(project).build()),
            Stage.named("Deploy", Fixtures.deploy().build()))
        .build();
  }

  private static Synthesis synthesize(ToolInstall install) {
    return Synthesis.of(
        pipelineWith(Fixtures.project().toolInstall(install).build()), TestTool.ARTIFACT);
  }

  private static Phase install(Synthesis s) {
    return s.buildSpecs().get("service-build").install().orElseThrow();
  }

  private static String policy(Synthesis s) {
    return s.files().get("iam/codebuild-role-policy.json");
  }

  @Test
  void toolArtifact_namesTheRunnableJarInTheMaven2Layout() {
    ToolArtifact tool = ToolArtifact.of("1.2.3", "ab".repeat(32));
    assertThat(tool.repositoryPath())
        .isEqualTo("io/pipelinekit/pipeline-cli/1.2.3/pipeline-cli-1.2.3-all.jar");
    assertThat(tool.fileName()).isEqualTo("pipeline-cli-1.2.3-all.jar");
    assertThat(
            ToolArtifact.GROUP_ID + ":" + ToolArtifact.ARTIFACT_ID + ":" + ToolArtifact.CLASSIFIER)
        .isEqualTo("io.pipelinekit:pipeline-cli:all");
  }

  @Test
  void toolArtifact_rejectsAChecksumThatIsNot64LowercaseHexDigits_andABlankVersion() {
    assertThatThrownBy(() -> ToolArtifact.of("1.0", "AB".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hexadecimal digits");
    assertThatThrownBy(() -> ToolArtifact.of("1.0", "ab".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ToolArtifact.of(" ", "ab".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Maven version");
    assertThatThrownBy(() -> ToolArtifact.of("1.0/../x", "ab".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mavenCentral_isTheDefault_downloadsThePinnedJar_verifiesIt_thenPutsPipelineOnPath() {
    Synthesis s = Synthesis.of(Fixtures.valid().build(), TestTool.ARTIFACT);
    Phase install = install(s);
    assertThat(install.runtimeVersions()).isEqualTo(Map.of("java", "corretto21"));
    String url =
        "https://repo1.maven.org/maven2/io/pipelinekit/pipeline-cli/0.1.0-test/"
            + "pipeline-cli-0.1.0-test-all.jar";
    List<String> commands = install.commands();
    assertThat(commands.get(1)).startsWith("curl -fsSL --retry 5 ").endsWith(" " + url);
    assertThat(commands.get(2))
        .startsWith("echo \"" + TestTool.SHA256 + "  $HOME/.pipelinekit/lib/")
        .contains("| sha256sum -c -");
    // Verified before the wrapper is written and put on PATH; the last command runs it.
    assertThat(String.join("\n", commands))
        .containsSubsequence(
            "sha256sum -c", "mv ", "> \"$HOME/.pipelinekit/bin/pipeline\"", "export PATH=");
    assertThat(commands.get(commands.size() - 1)).isEqualTo("pipeline --version");
    assertThat(s.files().get("buildspec.yaml")).doesNotContainPattern("(^|[\\s'\"])bin/pipeline");
    assertThat(policy(s)).doesNotContain("ReadToolJar");
  }

  @Test
  void mavenRepository_downloadsFromTheMirror() {
    Synthesis s = synthesize(ToolInstall.mavenRepository("https://nexus.example.com/maven2/"));
    assertThat(install(s).commands().get(1))
        .endsWith(
            " https://nexus.example.com/maven2/io/pipelinekit/pipeline-cli/0.1.0-test/"
                + "pipeline-cli-0.1.0-test-all.jar");
  }

  @Test
  void mavenInstall_withoutToolArtifact_failsSynthesisSayingHowToProvideOne() {
    Pipeline p = Fixtures.valid().build();
    assertThatThrownBy(() -> Synthesis.of(p))
        .isInstanceOf(DefinitionException.class)
        .hasMessageContaining("CodeBuild project 'service-build' installs pipeline from the Maven")
        .hasMessageContaining("ToolArtifact.of(version, sha256)")
        .hasMessageContaining("ToolInstall.onImage()");
  }

  @Test
  void s3_copiesTheObject_verifiesTheGivenChecksum_andMayReadExactlyThatObject() {
    String sha = "0123456789ABCDEF".repeat(4);
    Synthesis s = synthesize(ToolInstall.s3("tools-bucket", "tools/pipeline-cli.jar", sha));
    List<String> commands = install(s).commands();
    assertThat(commands.get(1))
        .startsWith("aws s3 cp --only-show-errors s3://tools-bucket/tools/pipeline-cli.jar ");
    assertThat(commands.get(2)).startsWith("echo \"" + sha.toLowerCase() + "  ");
    assertThat(install(s).runtimeVersions()).containsEntry("java", "corretto21");
    assertThat(policy(s))
        .contains("\"Sid\": \"ReadToolJar\"")
        .contains("\"arn:aws:s3:::tools-bucket/tools/pipeline-cli.jar\"");
    // No ToolArtifact needed: the checksum is the definition's.
    assertThat(
            Synthesis.of(
                    pipelineWith(
                        Fixtures.project()
                            .toolInstall(
                                ToolInstall.s3("tools-bucket", "tools/pipeline-cli.jar", sha))
                            .build()))
                .files())
        .containsKey("buildspec.yaml");
  }

  @Test
  void onImage_onlyChecksTheCommand_withoutRuntimeVersions() {
    Synthesis s =
        Synthesis.of(pipelineWith(Fixtures.project().toolInstall(ToolInstall.onImage()).build()));
    assertThat(install(s).commands()).containsExactly("pipeline --version");
    assertThat(install(s).runtimeVersions()).isEmpty();
    assertThat(policy(s)).doesNotContain("ReadToolJar");
  }

  @Test
  void customImage_getsNoRuntimeVersions_whichCustomImagesDoNotSupport() {
    Synthesis s =
        Synthesis.of(
            pipelineWith(
                Fixtures.project()
                    .image("111122223333.dkr.ecr.eu-west-1.amazonaws.com/build:1")
                    .build()),
            TestTool.ARTIFACT);
    assertThat(install(s).runtimeVersions()).isEmpty();
    assertThat(install(s).commands()).contains("pipeline --version");
  }

  @Test
  void fromSource_buildsFromTheCheckout_cachesMavenRepository_andGetsALocalCustomCache() {
    Synthesis s =
        Synthesis.of(
            pipelineWith(
                Fixtures.project().toolInstall(ToolInstall.fromSource("bin/pipeline")).build()));
    BuildSpec spec = s.buildSpecs().get("service-build");
    List<String> commands = spec.install().orElseThrow().commands();
    assertThat(commands.get(0)).isEqualTo("bin/pipeline --version");
    assertThat(commands).contains("export PATH=\"$HOME/.pipelinekit/bin:$PATH\"");
    assertThat(commands.get(commands.size() - 1)).isEqualTo("pipeline --version");
    assertThat(spec.cache().orElseThrow().paths()).containsExactly("/root/.m2/**/*");
    assertThat(s.files().get("codebuild-project.json"))
        .contains(
            "\"LOCAL_DOCKER_LAYER_CACHE\"", "\"LOCAL_SOURCE_CACHE\"", "\"LOCAL_CUSTOM_CACHE\"");
    // post_build calls the installed command, never the launcher
    assertThat(spec.postBuild().orElseThrow().commands())
        .anyMatch(c -> c.startsWith("pipeline image-definitions "))
        .noneMatch(c -> c.contains("bin/pipeline"));
  }

  @Test
  void projectThatNeverCallsPipeline_installsNothing_andNeedsNoToolArtifact() {
    CodeBuildProject tests =
        CodeBuildProject.builder()
            .name("tests")
            .serviceRoleArn("arn:aws:iam::111122223333:role/tests")
            .buildCommands("mvn -B verify")
            .build();
    Pipeline p =
        Fixtures.pipeline(
                Stage.named("Source", Fixtures.source()),
                Stage.named(
                    "Test",
                    CodeBuildAction.builder().name("Test").project(tests).inputs("Source").build()))
            .build();
    BuildSpec spec = Synthesis.of(p).buildSpecs().get("tests");
    assertThat(spec.install()).isEmpty();
    assertThat(tests.installsTool()).isFalse();
    assertThat(tests.toBuilder().toolInstall(ToolInstall.onImage()).build().installsTool())
        .isTrue();
  }

  @Test
  void everyKind_passesTheBuildSpecLinter() {
    for (ToolInstall install :
        List.of(
            ToolInstall.mavenCentral(),
            ToolInstall.s3("tools-bucket", "tools/p.jar", "ab".repeat(32)),
            ToolInstall.onImage(),
            ToolInstall.fromSource("bin/pipeline"))) {
      String yaml = synthesize(install).files().get("buildspec.yaml");
      assertThat(BuildSpecLinter.lint(yaml, "buildspec.yaml"))
          .as(install + "\n" + yaml)
          .allMatch(f -> f.severity() == Severity.INFO);
    }
  }
}
