package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pipeline run-local}: one small buildspec per CodeBuild semantic (docs/run-local.md lists
 * each with its AWS page), run through the command line, asserting on output, exit code and the
 * artifacts folder.
 */
class RunLocalCommandTest {
  @TempDir Path dir;
  private Path src;
  private Path artifacts;

  @BeforeEach
  void setUp() throws IOException {
    src = Files.createDirectories(dir.resolve("src"));
    artifacts = dir.resolve("out/artifacts");
  }

  private Run run(String buildspec, String... more) throws IOException {
    Files.writeString(src.resolve("buildspec.yml"), buildspec, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of("run-local", "--source-dir", src.toString()));
    args.add("--artifacts-dir");
    args.add(artifacts.toString());
    args.addAll(List.of(more));
    return Run.of(args.toArray(String[]::new));
  }

  /** The lines the commands printed (not the [Container] lines). */
  private static List<String> output(Run run) {
    return run.out().lines().filter(l -> !l.startsWith("[Container]")).toList();
  }

  private List<String> artifactFiles() throws IOException {
    if (!Files.exists(artifacts)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(artifacts)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> artifacts.relativize(p).toString())
          .filter(p -> !p.equals(".pipelinekit-run-local"))
          .sorted()
          .toList();
    }
  }

  // ---------------------------------------------------------------- shell session

  @Test
  void runLocal_oneShellSession_cdAndExportCarryOverAcrossPhases() throws IOException {
    Files.createDirectories(src.resolve("sub"));
    Run run =
        run(
            """
            version: 0.2
            phases:
              install:
                commands:
                  - cd sub
                  - export GREETING=hello
              build:
                commands:
                  - echo "in $(basename "$(pwd)") $GREETING"
            """);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(output(run)).contains("in sub hello");
    assertThat(run.out())
        .contains("Entering phase INSTALL")
        .contains("Running command cd sub")
        .contains("Phase complete: BUILD State: SUCCEEDED")
        .containsPattern("BUILD +SUCCEEDED +\\d+\\.\\d\\ds")
        .contains(": SUCCEEDED");
  }

  @Test
  void runLocal_envShell_bashRunsBashDefaultIsSh() throws IOException {
    String probe =
        """
        phases:
          build:
            commands:
              - echo "shell=${BASH_VERSION:+bash}"
        """;
    Run sh = run("version: 0.2\n" + probe);
    assertThat(sh.exitCode()).as(sh.err()).isZero();
    assertThat(output(sh)).contains("shell=");
    Run bash = run("version: 0.2\nenv:\n  shell: bash\n" + probe);
    assertThat(bash.exitCode()).as(bash.err()).isZero();
    assertThat(output(bash)).contains("shell=bash");
  }

  @Test
  void runLocal_firstFailingCommand_failsThePhaseAndSkipsTheRest() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo first
                  - sh -c 'exit 3'
                  - echo never
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(output(run)).contains("first").doesNotContain("never");
    assertThat(run.out())
        .contains("Command did not exit successfully sh -c 'exit 3' exit status 3")
        .contains("Phase complete: BUILD State: FAILED")
        .doesNotContain("Running command echo never");
    assertThat(run.err())
        .contains("the build FAILED in phase BUILD: command 'sh -c 'exit 3'' exited with status 3");
  }

  @Test
  void runLocal_commandThatEndsTheShell_failsWithItsStatus() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - exit 4
              post_build:
                commands:
                  - echo "post ran"
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("command 'exit 4' exited with status 4");
    assertThat(output(run)).contains("post ran");
  }

  // ---------------------------------------------------------------- phase transitions

  @Test
  void runLocal_installFails_skipsLaterPhasesAndUpload() throws IOException {
    Files.writeString(src.resolve("app.txt"), "x");
    Run run =
        run(
            """
            version: 0.2
            phases:
              install:
                commands:
                  - "false"
              pre_build:
                commands:
                  - echo pre
              build:
                commands:
                  - echo build
              post_build:
                commands:
                  - echo post
            artifacts:
              files:
                - app.txt
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(output(run)).doesNotContain("pre", "build", "post");
    assertThat(run.out())
        .containsPattern("PRE_BUILD +NOT RUN")
        .containsPattern("POST_BUILD +NOT RUN")
        .containsPattern("UPLOAD_ARTIFACTS +NOT RUN");
    assertThat(run.err()).contains("phase INSTALL: command 'false'");
    assertThat(artifacts).doesNotExist();
  }

  @Test
  void runLocal_preBuildFails_skipsBuildAndPostBuild() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              pre_build:
                commands:
                  - "false"
              build:
                commands:
                  - echo build
              post_build:
                commands:
                  - echo post
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(output(run)).doesNotContain("build", "post");
    assertThat(run.out()).containsPattern("BUILD +NOT RUN");
  }

  @Test
  void runLocal_buildFails_postBuildStillRunsSeeingSucceedingZero_andArtifactsAreCollected()
      throws IOException {
    Files.writeString(src.resolve("app.txt"), "x");
    Run run =
        run(
            """
            version: 0.2
            phases:
              pre_build:
                commands:
                  - echo "pre succeeding=$CODEBUILD_BUILD_SUCCEEDING"
              build:
                commands:
                  - "false"
              post_build:
                commands:
                  - echo "post succeeding=$CODEBUILD_BUILD_SUCCEEDING"
                  - if [ "$CODEBUILD_BUILD_SUCCEEDING" = 1 ]; then echo deploying; fi
            artifacts:
              files:
                - app.txt
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(output(run))
        .contains("pre succeeding=1", "post succeeding=0")
        .doesNotContain("deploying");
    assertThat(run.out())
        .contains("Phase complete: POST_BUILD State: SUCCEEDED")
        .containsPattern("UPLOAD_ARTIFACTS +SUCCEEDED");
    assertThat(artifactFiles()).containsExactly("app.txt");
  }

  @Test
  void runLocal_postBuildFails_buildFailedArtifactsStillCollected() throws IOException {
    Files.writeString(src.resolve("app.txt"), "x");
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo ok
              post_build:
                commands:
                  - "false"
            artifacts:
              files:
                - app.txt
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("phase POST_BUILD");
    assertThat(artifactFiles()).containsExactly("app.txt");
  }

  @Test
  void runLocal_onFailureContinue_goesOnToTheNextPhaseButTheBuildFails() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              install:
                on-failure: CONTINUE
                commands:
                  - "false"
              build:
                commands:
                  - echo "build ran succeeding=$CODEBUILD_BUILD_SUCCEEDING"
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(output(run)).contains("build ran succeeding=0");
    assertThat(run.out()).containsPattern("INSTALL +FAILED").containsPattern("BUILD +SUCCEEDED");
  }

  @Test
  void runLocal_finally_runsAfterAFailedCommand_andItsOwnFailureFailsThePhase() throws IOException {
    Run afterFailure =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - "false"
                  - echo skipped
                finally:
                  - echo cleanup
            """);
    assertThat(afterFailure.exitCode()).isEqualTo(1);
    assertThat(output(afterFailure)).contains("cleanup").doesNotContain("skipped");
    assertThat(afterFailure.err()).contains("command 'false'");

    Run finallyFails =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo work
                finally:
                  - sh -c 'exit 2'
            """);
    assertThat(finallyFails.exitCode()).isEqualTo(1);
    assertThat(finallyFails.out()).contains("Phase complete: BUILD State: FAILED");
    assertThat(finallyFails.err()).contains("command 'sh -c 'exit 2'' exited with status 2");
  }

  // ---------------------------------------------------------------- variables

  @Test
  void runLocal_setsCodeBuildVariables_resolvedSourceVersionFromGitHead() throws Exception {
    git("init", "-q");
    Files.writeString(src.resolve("f.txt"), "x");
    git("add", "f.txt");
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "one");
    String head = git("rev-parse", "HEAD");
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo "src=$CODEBUILD_SRC_DIR"
                  - echo "id=$CODEBUILD_BUILD_ID"
                  - echo "number=$CODEBUILD_BUILD_NUMBER"
                  - echo "commit=$CODEBUILD_RESOLVED_SOURCE_VERSION"
                  - echo "start=$CODEBUILD_START_TIME"
                  - echo "initiator=$CODEBUILD_INITIATOR"
                  - echo "region=$AWS_REGION/$AWS_DEFAULT_REGION"
            """,
            "--region",
            "eu-west-1");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> out = output(run);
    assertThat(out)
        .contains(
            "src=" + src.toRealPath(),
            "number=1",
            "commit=" + head,
            "initiator=" + System.getProperty("user.name"),
            "region=eu-west-1/eu-west-1");
    assertThat(out).anyMatch(l -> l.matches("id=run-local:[0-9a-f-]{36}"));
    assertThat(out).anyMatch(l -> l.matches("start=\\d{13}"));
  }

  private String git(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "-C", src.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  @Test
  void runLocal_envVariablesAreLiteral_andEnvOptionOverridesThem() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            env:
              variables:
                STAGE: dev
                LITERAL: "$PATH:/extra"
            phases:
              build:
                commands:
                  - echo "stage=$STAGE literal=$LITERAL added=$ADDED"
            """,
            "--env",
            "STAGE=prod",
            "--env",
            "ADDED=yes");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(output(run)).contains("stage=prod literal=$PATH:/extra added=yes");
  }

  @Test
  void runLocal_envOptionWithReservedName_isAUsageError() throws IOException {
    Run run =
        run(
            "version: 0.2\nphases:\n  build:\n    commands:\n      - echo hi\n",
            "--env",
            "CODEBUILD_BUILD_ID=x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("CODEBUILD_BUILD_ID").contains("reserved");
    assertThat(run.out()).doesNotContain("Entering phase");
  }

  @Test
  void runLocal_exportedVariables_writtenAsJsonAsPostBuildLeftThem() throws IOException {
    Path exported = dir.resolve("exported.json");
    Run run =
        run(
            """
            version: 0.2
            env:
              exported-variables:
                - IMAGE_TAG
                - QUOTED
                - NEVER_SET
            phases:
              build:
                commands:
                  - export IMAGE_TAG=abc123
              post_build:
                commands:
                  - export IMAGE_TAG="$IMAGE_TAG-final"
                  - export QUOTED='say "hi"'
            """,
            "--exported-variables",
            exported.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(exported))
        .isEqualTo("{\n  \"IMAGE_TAG\": \"abc123-final\",\n  \"QUOTED\": \"say \\\"hi\\\"\"\n}\n");
    assertThat(run.out()).contains("exported variable NEVER_SET is not set");
  }

  @Test
  void runLocal_guardThatExitsTheShell_keepsWhatEarlierCommandsExported() throws IOException {
    Path exported = dir.resolve("exported.json");
    Run run =
        run(
            """
            version: 0.2
            env:
              exported-variables:
                - IMAGE_TAG
            phases:
              pre_build:
                commands:
                  - IMAGE_TAG=abc1234
              build:
                commands:
                  - "false"
              post_build:
                commands:
                  - 'if [ "$CODEBUILD_BUILD_SUCCEEDING" != "1" ]; then echo "nothing is pushed"; exit 1; fi'
                  - echo pushing
            """,
            "--exported-variables",
            exported.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(output(run)).contains("nothing is pushed").doesNotContain("pushing");
    assertThat(run.out()).contains("the shell exited (status 1)");
    assertThat(Files.readString(exported)).isEqualTo("{\n  \"IMAGE_TAG\": \"abc1234\"\n}\n");
  }

  // ---------------------------------------------------------------- artifacts

  @Test
  void runLocal_artifacts_baseDirectoryExcludePathsAndAllFilesGlob() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p target/classes/a target/tmp
                  - echo 1 > target/app.jar
                  - echo 2 > target/classes/a/A.class
                  - echo 3 > target/tmp/scratch.txt
            artifacts:
              base-directory: target
              files:
                - '**/*'
              exclude-paths:
                - tmp/**/*
            """);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(artifactFiles()).containsExactly("app.jar", "classes/a/A.class");
    assertThat(Files.readString(artifacts.resolve("app.jar"))).isEqualTo("1\n");
  }

  @Test
  void runLocal_artifacts_discardPathsFlattens_andBaseDirectoryPatternTakesEachFolder()
      throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p my-build1 my-build2/my-subdirectory
                  - touch my-build1/my-file1.txt my-build2/my-file2.txt
                  - touch my-build2/my-subdirectory/my-file3.txt
            artifacts:
              files:
                - '**/*'
              base-directory: 'my-build*'
              discard-paths: yes
            """);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    // the buildspec reference's own example (artifacts/base-directory)
    assertThat(artifactFiles()).containsExactly("my-file1.txt", "my-file2.txt", "my-file3.txt");
  }

  @Test
  void runLocal_secondaryArtifacts_oneFolderEach_andNameEvaluatedByTheShell() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p dist docs
                  - echo app > dist/app.zip
                  - echo doc > docs/index.html
            artifacts:
              files:
                - dist/app.zip
              name: app-$(echo built)-$STAGE
              secondary-artifacts:
                site:
                  files:
                    - '**/*'
                  base-directory: docs
                  name: site
                bundle:
                  files:
                    - dist/app.zip
                  discard-paths: yes
            """,
            "--env",
            "STAGE=prod");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(artifactFiles())
        .containsExactly("bundle/app.zip", "dist/app.zip", "site/index.html");
    assertThat(run.out())
        .contains("primary artifact: 1 file, name 'app-built-prod'")
        .contains("secondary artifact site: 1 file, name 'site'");
  }

  @Test
  void runLocal_noFileMatchesArtifacts_failsUploadArtifactsAsCodeBuildDoes() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo ok
            artifacts:
              files:
                - target/*.jar
            """);
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains(
            "Phase context status code: CLIENT_ERROR Message: no matching artifact paths found");
    assertThat(run.err()).contains("the build FAILED in phase UPLOAD_ARTIFACTS");
    assertThat(artifacts).doesNotExist();
  }

  @Test
  void runLocal_awsAccessKeyIdsInOutput_areMasked() throws IOException {
    String keyId = "AKIA" + "IOSFODNN7EXAMPLE";
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo "key=$KEY_ID"
            """,
            "--env",
            "KEY_ID=" + keyId);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(output(run)).contains("key=***");
    assertThat(run.out()).doesNotContain(keyId);
  }

  @Test
  void runLocal_artifacts_symbolicLinkOutOfTheSourceIsNotFollowed() throws IOException {
    Path outside = Files.writeString(dir.resolve("secret.txt"), "outside");
    Files.createSymbolicLink(src.resolve("link.txt"), outside);
    Files.writeString(src.resolve("real.txt"), "inside");
    Files.createSymbolicLink(src.resolve("alias.txt"), src.resolve("real.txt"));
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - echo ok
            artifacts:
              files:
                - '*.txt'
            """);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(artifactFiles()).containsExactly("alias.txt", "real.txt");
    assertThat(Files.readString(artifacts.resolve("alias.txt"))).isEqualTo("inside");
    assertThat(run.out()).contains("link.txt: a symbolic link to").contains("outside the source");
  }

  @Test
  void runLocal_artifactsFolderHoldingForeignFiles_refusedBeforeAnythingRuns() throws IOException {
    Files.createDirectories(artifacts);
    Files.writeString(artifacts.resolve("mine.txt"), "not run-local's");
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - touch ran.txt
            artifacts:
              files:
                - ran.txt
            """);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("holds what run-local did not write: mine.txt");
    assertThat(src.resolve("ran.txt")).doesNotExist();
    assertThat(Files.readString(artifacts.resolve("mine.txt"))).isEqualTo("not run-local's");
  }

  @Test
  void runLocal_secondRun_replacesItsOwnArtifacts_andSkipsTheArtifactsFolderInsideTheSource()
      throws IOException {
    artifacts = src.resolve("build/run-local/artifacts");
    String buildspec =
        """
        version: 0.2
        phases:
          build:
            commands:
              - echo "$N" > n-$N.txt
        artifacts:
          files:
            - '**/*'
          exclude-paths:
            - buildspec.yml
        """;
    assertThat(run(buildspec, "--env", "N=1").exitCode()).isZero();
    Files.delete(src.resolve("n-1.txt"));
    Run second = run(buildspec, "--env", "N=2");
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(artifactFiles()).containsExactly("n-2.txt");
  }

  // ---------------------------------------------------------------- reports, not applied, runtimes

  @Test
  void runLocal_reports_junitAndCucumberSummarised() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - mkdir -p reports
                  - cp junit.xml reports/TEST-a.xml
                  - cp cucumber.json reports/cucumber.json
            reports:
              unit:
                files:
                  - 'TEST-*.xml'
                base-directory: reports
              features:
                files:
                  - reports/cucumber.json
                file-format: CUCUMBERJSON
            """
                .replace("cp junit.xml", "printf '%s' \"$JUNIT\" >")
                .replace("cp cucumber.json", "printf '%s' \"$CUCUMBER\" >"),
            "--env",
            "JUNIT=<testsuite><testcase name='a'/><testcase name='b'><failure/></testcase>"
                + "<testcase name='c'><skipped/></testcase></testsuite>",
            "--env",
            "CUCUMBER=[{\"elements\":[{\"type\":\"scenario\",\"steps\":[{\"result\":{\"status\":\"passed\"}}]},"
                + "{\"type\":\"scenario\",\"steps\":[{\"result\":{\"status\":\"failed\"}}]}]}]");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("report group unit (JUNITXML): 1 file, 3 tests, 1 failures, 0 errors, 1 skipped")
        .contains(
            "report group features (CUCUMBERJSON): 1 file, 2 tests, 1 failures, 0 errors, 0 skipped");
  }

  @Test
  void runLocal_sectionsThatCannotApplyLocally_areReportedNotIgnored() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            run-as: builder
            proxy:
              upload-artifacts: yes
            batch:
              fast-fail: true
            phases:
              build:
                run-as: builder
                commands:
                  - echo ok
            cache:
              paths:
                - '/root/.m2/**/*'
            """);
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("not applied locally: run-as")
        .contains("not applied locally: proxy")
        .contains("not applied locally: batch")
        .contains("not applied locally: cache paths [/root/.m2/**/*]")
        .contains("not applied locally: phases.build.run-as");
  }

  @Test
  void runLocal_runtimeVersions_checkedAgainstThisMachine() throws IOException {
    int major = Runtime.version().feature();
    Run run =
        run(
            """
            version: 0.2
            phases:
              install:
                runtime-versions:
                  java: corretto%d
                  nodejs: 999
                  elixir: 1.15
            """
                .formatted(major),
            "--env",
            "PATH=" + javaBin() + ":/usr/bin:/bin");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .containsPattern(
            "runtime-versions: java corretto"
                + major
                + ": this machine has java "
                + major
                + "[.0-9]* \\(matches\\)")
        .contains("runtime-versions: elixir 1.15: not checked locally");
    assertThat(run.out())
        .containsPattern(
            "runtime-versions: nodejs 999: (this machine has nodejs .*, not 999|not found on this machine)");
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin").toString();
  }

  // ---------------------------------------------------------------- docker, lint, defaults

  @Test
  void runLocal_dockerIsWhateverIsOnPath_recordedByAStandIn() throws IOException {
    // No Docker engine here: a stand-in 'docker' on PATH records its arguments (the one part of a
    // build that cannot be real on this machine).
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path record = dir.resolve("docker.log");
    Path docker = bin.resolve("docker");
    Files.writeString(docker, "#!/bin/sh\necho \"$*\" >> '" + record + "'\n");
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - docker build -t app:1 .
              post_build:
                commands:
                  - if [ "$CODEBUILD_BUILD_SUCCEEDING" = 1 ]; then docker push app:1; fi
            """,
            "--env",
            "PATH=" + bin + ":" + System.getenv("PATH"));
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(Files.readAllLines(record)).containsExactly("build -t app:1 .", "push app:1");
  }

  @Test
  void runLocal_lintErrors_stopBeforeAnythingRuns() throws IOException {
    Run run =
        run(
            """
            version: 0.2
            phases:
              build:
                commands:
                  - touch ran.txt
                  - aws ecr get-login --no-include-email
            """);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("buildspec-").contains("lint error").contains("nothing was run");
    assertThat(src.resolve("ran.txt")).doesNotExist();
  }

  @Test
  void runLocal_noBuildspecInTheSourceFolder_isAUsageError() {
    Run run = Run.of("run-local", "--source-dir", src.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("buildspec.yml: no such file").contains("--buildspec");
  }

  @Test
  void runLocal_buildspecYamlIsTheSecondDefaultName() throws IOException {
    Files.writeString(
        src.resolve("buildspec.yaml"),
        "version: 0.2\nphases:\n  build:\n    commands:\n      - echo from-yaml\n");
    Run run =
        Run.of(
            "run-local", "--source-dir", src.toString(), "--artifacts-dir", artifacts.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(output(run)).contains("from-yaml");
  }
}
