package io.pipelinekit.pipeline;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;

/**
 * Generators of valid model values, every setting exercised (optional ones sometimes unset), for
 * the value-semantics properties in {@link ModelValuesPropertyTest}.
 */
final class ModelArbitraries {
  private ModelArbitraries() {}

  /** Lowercase words: valid as names, artifacts, repositories, tags and container names. */
  static Arbitrary<String> word() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
  }

  static Arbitrary<String> maybeWord() {
    return word().injectNull(0.3);
  }

  static Arbitrary<List<String>> words(int max) {
    return word().list().ofMaxSize(max);
  }

  static Arbitrary<Boolean> maybeBoolean() {
    return Arbitraries.of(true, false).injectNull(0.3);
  }

  static Arbitrary<Patterns> patterns() {
    return Combinators.combine(words(3), words(3))
        .as((in, ex) -> Patterns.builder().includes(in).excludes(ex).build());
  }

  static Arbitrary<PushFilter> pushFilters() {
    return Combinators.combine(
            patterns().injectNull(0.3), patterns().injectNull(0.3), patterns().injectNull(0.3))
        .as((b, t, f) -> PushFilter.builder().branches(b).tags(t).filePaths(f).build());
  }

  static Arbitrary<PullRequestFilter> pullRequestFilters() {
    return Combinators.combine(
            Arbitraries.of(PullRequestEvent.class).list().ofMaxSize(3),
            patterns().injectNull(0.3),
            patterns().injectNull(0.3))
        .as((e, b, f) -> PullRequestFilter.builder().events(e).branches(b).filePaths(f).build());
  }

  static Arbitrary<Trigger> triggers() {
    return Combinators.combine(
            word(), pushFilters().list().ofMaxSize(2), pullRequestFilters().list().ofMaxSize(2))
        .as(
            (s, push, pr) ->
                Trigger.builder().sourceActionName(s).push(push).pullRequest(pr).build());
  }

  static Arbitrary<PipelineVariable> pipelineVariables() {
    return Combinators.combine(word(), maybeWord(), maybeWord()).as(PipelineVariable::of);
  }

  static Arbitrary<BuildCache> buildCaches() {
    return Arbitraries.oneOf(
        Arbitraries.just(BuildCache.none()),
        Arbitraries.of(BuildCache.LocalMode.class)
            .set()
            .ofMinSize(1)
            .map(m -> BuildCache.local(m.toArray(BuildCache.LocalMode[]::new))),
        word().map(w -> BuildCache.s3(w + "-bucket/" + w)));
  }

  static Arbitrary<ImageTagPolicy> tagPolicies() {
    return Arbitraries.oneOf(
        Arbitraries.just(ImageTagPolicy.commitId()),
        Arbitraries.just(ImageTagPolicy.latest()),
        word().map(ImageTagPolicy::fixed));
  }

  static Arbitrary<EnvironmentVariable> environmentVariables() {
    return Combinators.combine(
            Arbitraries.of(EnvironmentVariableType.class), word().map(String::toUpperCase), word())
        .as(
            (type, name, value) ->
                switch (type) {
                  case PLAINTEXT -> EnvironmentVariable.plaintext(name, value);
                  case PARAMETER_STORE -> EnvironmentVariable.parameterStore(name, "/" + value);
                  case SECRETS_MANAGER -> EnvironmentVariable.secretsManager(name, value);
                });
  }

  static Arbitrary<ContainerImage> containerImages() {
    return Builders.withBuilder(ContainerImage::builder)
        .use(word())
        .in(ContainerImage.Builder::containerName)
        .use(word())
        .in(ContainerImage.Builder::repository)
        .use(word())
        .in(ContainerImage.Builder::dockerfile)
        .use(word())
        .in(ContainerImage.Builder::context)
        .use(tagPolicies())
        .in(ContainerImage.Builder::tagPolicy)
        .use(words(2))
        .in(ContainerImage.Builder::additionalTags)
        .use(Arbitraries.maps(word(), word()).ofMaxSize(2))
        .in(
            (b, args) -> {
              args.forEach(b::buildArg);
              return b;
            })
        .use(maybeWord())
        .in(ContainerImage.Builder::target)
        .use(Arbitraries.strings().numeric().ofLength(12).injectNull(0.5))
        .in(ContainerImage.Builder::registryAccount)
        .use(Arbitraries.of("eu-west-1", "us-east-1").injectNull(0.5))
        .in(ContainerImage.Builder::registryRegion)
        .build(ContainerImage.Builder::build);
  }

  static Arbitrary<ApiPublication> apiPublications() {
    return Combinators.combine(
            Arbitraries.strings().withCharRange('a', 'z').ofLength(10),
            word(),
            words(3),
            word(),
            Arbitraries.of("overwrite", "merge").injectNull(0.3))
        .as(
            (id, stage, fragments, spec, mode) ->
                ApiPublication.builder()
                    .restApiId(id)
                    .stage(stage)
                    .fragments(fragments)
                    .specFile(spec + ".yaml")
                    .mode(mode)
                    .build());
  }

  static Arbitrary<TaskDefinition> taskDefinitions() {
    return Combinators.combine(word(), words(3), words(2), maybeWord(), maybeWord())
        .as(
            (family, containers, others, task, execution) ->
                TaskDefinition.builder()
                    .family(family)
                    .containers(containers)
                    .otherContainers(others)
                    .taskRoleArn(task == null ? null : "arn:aws:iam::111122223333:role/" + task)
                    .executionRoleArn(
                        execution == null ? null : "arn:aws:iam::111122223333:role/" + execution)
                    .build());
  }

  static Arbitrary<CodeBuildProject> codeBuildProjects() {
    return Builders.withBuilder(CodeBuildProject::builder)
        .use(word())
        .in((b, w) -> b.name(w + "-build"))
        .use(maybeWord())
        .in(CodeBuildProject.Builder::description)
        .use(word())
        .in((b, w) -> b.serviceRoleArn("arn:aws:iam::111122223333:role/" + w))
        .use(Arbitraries.of("aws/codebuild/standard:7.0", "aws/codebuild/amazonlinux2-x86_64:5"))
        .in(CodeBuildProject.Builder::image)
        .use(Arbitraries.of("BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_LARGE"))
        .in(CodeBuildProject.Builder::computeType)
        .use(Arbitraries.of("LINUX_CONTAINER", "ARM_CONTAINER"))
        .in(CodeBuildProject.Builder::environmentType)
        .use(maybeBoolean())
        .in((b, p) -> p == null ? b : b.privilegedMode(p))
        .use(environmentVariables().list().ofMaxSize(3))
        .in((b, v) -> b.environmentVariables(v.toArray(EnvironmentVariable[]::new)))
        .use(maybeWord())
        .in((b, w) -> b.logGroupName(w == null ? null : "/logs/" + w))
        .use(maybeWord())
        .in(CodeBuildProject.Builder::logStreamName)
        .use(buildCaches().injectNull(0.3))
        .in(CodeBuildProject.Builder::cache)
        .use(Arbitraries.integers().between(5, 2160))
        .in(CodeBuildProject.Builder::timeoutInMinutes)
        .use(Arbitraries.integers().between(5, 480))
        .in(CodeBuildProject.Builder::queuedTimeoutInMinutes)
        .use(containerImages().list().ofMaxSize(2))
        .in((b, i) -> b.images(i.toArray(ContainerImage[]::new)))
        .use(word())
        .in((b, w) -> b.imageDefinitionsFile(w + ".json"))
        .use(maybeWord())
        .in(CodeBuildProject.Builder::imageDetail)
        .use(apiPublications().injectNull(0.3))
        .in(CodeBuildProject.Builder::api)
        .use(words(2))
        .in((b, c) -> b.installCommands(c.toArray(String[]::new)))
        .use(words(2))
        .in((b, c) -> b.preBuildCommands(c.toArray(String[]::new)))
        .use(words(2))
        .in((b, c) -> b.buildCommands(c.toArray(String[]::new)))
        .use(words(2))
        .in((b, c) -> b.postBuildCommands(c.toArray(String[]::new)))
        .use(words(2))
        .in((b, c) -> b.exportedVariables(c.toArray(String[]::new)))
        .use(words(2))
        .in((b, c) -> b.artifactFiles(c.toArray(String[]::new)))
        .use(Arbitraries.maps(word(), words(2)).ofMaxSize(2))
        .in(
            (b, m) -> {
              m.forEach((id, files) -> b.secondaryArtifact(id, files.toArray(String[]::new)));
              return b;
            })
        .use(
            Arbitraries.of(
                ToolInstall.mavenCentral(),
                ToolInstall.mavenRepository("https://repo.example.com/maven2"),
                ToolInstall.s3("tools-bucket", "tools/pipeline-cli-all.jar", "ab".repeat(32)),
                ToolInstall.onImage(),
                ToolInstall.fromSource("bin/pipeline")))
        .in(CodeBuildProject.Builder::toolInstall)
        .build(CodeBuildProject.Builder::build);
  }

  static Arbitrary<Source> sources() {
    String arn = Fixtures.CONNECTION;
    Arbitrary<Source> base =
        Arbitraries.oneOf(
            Combinators.combine(Arbitraries.of(RepositoryHost.class), word(), word())
                .as(
                    (host, repo, branch) ->
                        Source.builder()
                            .kind(Source.Kind.CODE_CONNECTIONS)
                            .host(host)
                            .connectionArn(arn)
                            .repository("acme/" + repo)
                            .branch(branch)
                            .build()),
            Combinators.combine(word(), word()).as(Source::codeCommit),
            Combinators.combine(word(), word()).as((b, k) -> Source.s3(b + "-bucket", k + ".zip")),
            Combinators.combine(word(), maybeWord()).as(Source::ecr));
    return Builders.withBuilder(() -> (Source.Builder) null)
        .use(base)
        .in((ignored, s) -> s.toBuilder())
        .use(word())
        .in(Source.Builder::name)
        .use(Arbitraries.integers().between(1, 3))
        .in(Source.Builder::runOrder)
        .use(maybeWord())
        .in(Source.Builder::namespace)
        .use(word())
        .in(Source.Builder::output)
        .use(Arbitraries.of(OutputArtifactFormat.class).injectNull(0.3))
        .in(Source.Builder::outputFormat)
        .use(maybeBoolean())
        .in((b, d) -> d == null ? b : b.detectChanges(d))
        .use(maybeBoolean())
        .in((b, p) -> p == null ? b : b.pollForSourceChanges(p))
        .build(Source.Builder::build);
  }

  static Arbitrary<CodeBuildAction> codeBuildActions() {
    return Builders.withBuilder(CodeBuildAction::builder)
        .use(word())
        .in(CodeBuildAction.Builder::name)
        .use(Arbitraries.integers().between(1, 3))
        .in(CodeBuildAction.Builder::runOrder)
        .use(maybeWord())
        .in(CodeBuildAction.Builder::namespace)
        .use(codeBuildProjects())
        .in(CodeBuildAction.Builder::project)
        .use(words(3))
        .in((b, i) -> b.inputs(i.toArray(String[]::new)))
        .use(words(3))
        .in((b, o) -> b.outputs(o.toArray(String[]::new)))
        .use(maybeWord())
        .in(CodeBuildAction.Builder::primarySource)
        .use(environmentVariables().list().ofMaxSize(2))
        .in((b, v) -> b.environmentVariables(v.toArray(EnvironmentVariable[]::new)))
        .use(Arbitraries.of(true, false))
        .in(CodeBuildAction.Builder::test)
        .use(maybeBoolean())
        .in((b, e) -> e == null ? b : b.batchEnabled(e))
        .build(CodeBuildAction.Builder::build);
  }

  static Arbitrary<EcsDeployAction> ecsDeployActions() {
    return Builders.withBuilder(EcsDeployAction::builder)
        .use(word())
        .in(EcsDeployAction.Builder::name)
        .use(maybeWord())
        .in(EcsDeployAction.Builder::namespace)
        .use(word())
        .in(EcsDeployAction.Builder::input)
        .use(word())
        .in(EcsDeployAction.Builder::clusterName)
        .use(word())
        .in(EcsDeployAction.Builder::serviceName)
        .use(word())
        .in((b, f) -> b.fileName(f + ".json"))
        .use(Arbitraries.integers().between(1, 60).injectNull(0.3))
        .in((b, t) -> t == null ? b : b.deploymentTimeoutMinutes(t))
        .use(taskDefinitions().injectNull(0.3))
        .in(EcsDeployAction.Builder::taskDefinition)
        .use(words(2))
        .in((b, r) -> b.passRoleArns(r.toArray(String[]::new)))
        .build(EcsDeployAction.Builder::build);
  }

  static Arbitrary<CodeDeployToEcsAction> codeDeployToEcsActions() {
    return Builders.withBuilder(CodeDeployToEcsAction::builder)
        .use(word())
        .in(CodeDeployToEcsAction.Builder::name)
        .use(Arbitraries.integers().between(1, 3))
        .in(CodeDeployToEcsAction.Builder::runOrder)
        .use(word())
        .in(CodeDeployToEcsAction.Builder::applicationName)
        .use(word())
        .in(CodeDeployToEcsAction.Builder::deploymentGroupName)
        .use(word())
        .in((b, a) -> b.taskDefinitionTemplate(a, a + "/taskdef.json"))
        .use(word())
        .in((b, a) -> b.appSpecTemplate(a, a + "/appspec.yaml"))
        .use(Combinators.combine(word(), word()).as(List::of).list().ofMaxSize(4))
        .in(
            (b, images) -> {
              images.forEach(i -> b.image(i.get(0), i.get(1)));
              return b;
            })
        .use(taskDefinitions().injectNull(0.3))
        .in(CodeDeployToEcsAction.Builder::taskDefinition)
        .build(CodeDeployToEcsAction.Builder::build);
  }

  static Arbitrary<ManualApprovalAction> manualApprovalActions() {
    return Combinators.combine(word(), maybeWord(), maybeWord(), maybeWord(), maybeWord())
        .as(
            (name, ns, topic, link, data) ->
                ManualApprovalAction.builder()
                    .name(name)
                    .namespace(ns)
                    .notificationArn(
                        topic == null ? null : "arn:aws:sns:eu-west-1:111122223333:" + topic)
                    .externalEntityLink(link == null ? null : "https://example.com/" + link)
                    .customData(data)
                    .build());
  }

  static Arbitrary<Action> actions() {
    return Arbitraries.oneOf(
        sources(),
        codeBuildActions(),
        ecsDeployActions(),
        codeDeployToEcsActions(),
        manualApprovalActions());
  }

  static Arbitrary<Stage> stages() {
    return Combinators.combine(word(), actions().list().ofMinSize(1).ofMaxSize(3))
        .as((name, actions) -> Stage.builder().name(name).actions(actions).build());
  }

  /**
   * Valid pipelines: the fixture's source, build and deploy stages (optionally with an approval
   * stage between build and deploy), every pipeline-level setting generated within the rules.
   */
  static Arbitrary<Pipeline> pipelines() {
    Arbitrary<String> account = Arbitraries.strings().numeric().ofLength(12);
    return Builders.withBuilder(Pipeline::builder)
        .use(word())
        .in(Pipeline.Builder::name)
        .use(account)
        .in(
            (b, a) ->
                b.account(a)
                    .roleArn("arn:aws:iam::" + a + ":role/pipeline")
                    .artifactBucket("artifacts-" + a))
        .use(Arbitraries.of("eu-west-1", "us-east-1", "ap-southeast-2"))
        .in(Pipeline.Builder::region)
        .use(maybeWord())
        .in(
            (b, k) ->
                b.artifactKmsKeyArn(
                    k == null ? null : "arn:aws:kms:eu-west-1:111122223333:key/" + k))
        .use(Arbitraries.of(ExecutionMode.QUEUED, ExecutionMode.SUPERSEDED).injectNull(0.3))
        .in(Pipeline.Builder::executionMode)
        .use(word().set().ofMaxSize(3))
        .in(
            (b, names) ->
                b.variables(
                    names.stream()
                        .map(n -> PipelineVariable.of(n, "dev"))
                        .toArray(PipelineVariable[]::new)))
        .use(Arbitraries.of(true, false))
        .in(
            (b, t) ->
                t
                    ? b.triggers(
                        Trigger.onPush("Source", PushFilter.branches(Patterns.include("main"))))
                    : b)
        .use(Arbitraries.maps(word(), word()).ofMaxSize(2))
        .in(
            (b, tags) -> {
              tags.forEach(b::tag);
              return b;
            })
        .use(Arbitraries.of(true, false))
        .in(
            (b, approval) -> {
              List<Stage> stages = new ArrayList<>();
              stages.add(Stage.named("Source", Fixtures.source()));
              stages.add(Stage.named("Build", Fixtures.build().build()));
              if (approval) {
                stages.add(Stage.named("Approve", ManualApprovalAction.named("Approve")));
              }
              stages.add(Stage.named("Deploy", Fixtures.deploy().build()));
              return b.stages(stages.toArray(Stage[]::new));
            })
        .build(Pipeline.Builder::build);
  }
}
