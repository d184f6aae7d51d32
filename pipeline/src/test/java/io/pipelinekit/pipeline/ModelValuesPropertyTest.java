package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Value semantics of every model type: a copy through {@code toBuilder().build()} (or the factory,
 * for the types without a builder) is equal, with the same hash code and text, and changing any one
 * setting makes it unequal.
 */
class ModelValuesPropertyTest {
  private static final int TRIES = 200;

  /** Equal, same hash code, same text, but a different object. */
  private static <T> void sameValue(T copy, T original) {
    assertThat(copy).isNotSameAs(original);
    assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);
    assertThat(copy.toString()).isEqualTo(original.toString());
    assertThat(copy).isNotEqualTo(null).isNotEqualTo(new Object());
  }

  /** Each change gives a value unequal to the original (and the original equals itself). */
  @SafeVarargs
  private static <T> void eachChangeDiffers(T original, UnaryOperator<T>... changes) {
    assertThat(original).isEqualTo(original);
    for (int i = 0; i < changes.length; i++) {
      T changed = changes[i].apply(original);
      assertThat(changed).as("change #%d of %s", i, original).isNotEqualTo(original);
      assertThat(original).as("change #%d, reversed", i).isNotEqualTo(changed);
    }
  }

  private static final String CHANGED = "Changed";

  // --- Patterns, filters, triggers ----------------------------------------------------------

  @Provide
  Arbitrary<Patterns> patterns() {
    return ModelArbitraries.patterns();
  }

  @Property(tries = TRIES)
  void patterns_copyIsEqual_andEachChangeDiffers(@ForAll("patterns") Patterns x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        p -> p.toBuilder().includes(List.of(CHANGED)).build(),
        p -> p.toBuilder().excludes(List.of(CHANGED)).build());
  }

  @Provide
  Arbitrary<PushFilter> pushFilters() {
    return ModelArbitraries.pushFilters();
  }

  @Property(tries = TRIES)
  void pushFilter_copyIsEqual_andEachChangeDiffers(@ForAll("pushFilters") PushFilter x) {
    sameValue(x.toBuilder().build(), x);
    Patterns changed = Patterns.include(CHANGED);
    eachChangeDiffers(
        x,
        f -> f.toBuilder().branches(changed).build(),
        f -> f.toBuilder().tags(changed).build(),
        f -> f.toBuilder().filePaths(changed).build());
  }

  @Provide
  Arbitrary<PullRequestFilter> pullRequestFilters() {
    return ModelArbitraries.pullRequestFilters();
  }

  @Property(tries = TRIES)
  void pullRequestFilter_copyIsEqual_andEachChangeDiffers(
      @ForAll("pullRequestFilters") PullRequestFilter x) {
    sameValue(x.toBuilder().build(), x);
    Patterns changed = Patterns.include(CHANGED);
    // Four events: more than the generator makes, so the list differs whether set or added to.
    List<PullRequestEvent> four = java.util.Collections.nCopies(4, PullRequestEvent.CLOSED);
    eachChangeDiffers(
        x,
        f -> f.toBuilder().events(four).build(),
        f -> f.toBuilder().branches(changed).build(),
        f -> f.toBuilder().filePaths(changed).build());
  }

  @Provide
  Arbitrary<Trigger> triggers() {
    return ModelArbitraries.triggers();
  }

  @Property(tries = TRIES)
  void trigger_copyIsEqual_andEachChangeDiffers(@ForAll("triggers") Trigger x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        t -> t.toBuilder().sourceActionName(CHANGED).build(),
        t -> t.toBuilder().push(List.of(PushFilter.tags(Patterns.include(CHANGED)))).build(),
        t ->
            t.toBuilder()
                .pullRequest(List.of(PullRequestFilter.on(Patterns.include(CHANGED))))
                .build());
  }

  // --- values without a builder: the factory is the copy ------------------------------------

  @Provide
  Arbitrary<PipelineVariable> pipelineVariables() {
    return ModelArbitraries.pipelineVariables();
  }

  @Property(tries = TRIES)
  void pipelineVariable_copyIsEqual_andEachChangeDiffers(
      @ForAll("pipelineVariables") PipelineVariable x) {
    sameValue(
        PipelineVariable.of(x.name(), x.defaultValue().orElse(null), x.description().orElse(null)),
        x);
    eachChangeDiffers(
        x,
        v ->
            PipelineVariable.of(
                CHANGED, v.defaultValue().orElse(null), v.description().orElse(null)),
        v -> PipelineVariable.of(v.name(), CHANGED, v.description().orElse(null)),
        v -> PipelineVariable.of(v.name(), v.defaultValue().orElse(null), CHANGED));
  }

  @Provide
  Arbitrary<EnvironmentVariable> environmentVariables() {
    return ModelArbitraries.environmentVariables();
  }

  @Property(tries = TRIES)
  void environmentVariable_copyIsEqual_andEachChangeDiffers(
      @ForAll("environmentVariables") EnvironmentVariable x) {
    sameValue(copy(x, x.name(), x.value(), x.type()), x);
    EnvironmentVariableType other =
        x.type() == EnvironmentVariableType.PLAINTEXT
            ? EnvironmentVariableType.PARAMETER_STORE
            : EnvironmentVariableType.PLAINTEXT;
    eachChangeDiffers(
        x,
        v -> copy(v, CHANGED, v.value(), v.type()),
        v -> copy(v, v.name(), CHANGED, v.type()),
        v -> copy(v, v.name(), v.value(), other));
  }

  private static EnvironmentVariable copy(
      EnvironmentVariable ignored, String name, String value, EnvironmentVariableType type) {
    return switch (type) {
      case PLAINTEXT -> EnvironmentVariable.plaintext(name, value);
      case PARAMETER_STORE -> EnvironmentVariable.parameterStore(name, value);
      case SECRETS_MANAGER -> EnvironmentVariable.secretsManager(name, value);
    };
  }

  @Provide
  Arbitrary<BuildCache> buildCaches() {
    return ModelArbitraries.buildCaches();
  }

  @Property(tries = TRIES)
  void buildCache_copyIsEqual_andEachChangeDiffers(@ForAll("buildCaches") BuildCache x) {
    BuildCache copy =
        switch (x.type()) {
          case NO_CACHE -> BuildCache.none();
          case LOCAL -> BuildCache.local(x.modes().toArray(BuildCache.LocalMode[]::new));
          case S3 -> BuildCache.s3(x.location().orElseThrow());
        };
    if (x.type() != BuildCache.Type.NO_CACHE) {
      sameValue(copy, x);
    }
    assertThat(copy).isEqualTo(x).hasSameHashCodeAs(x);
    eachChangeDiffers(
        x,
        c -> c.type() == BuildCache.Type.S3 ? BuildCache.none() : BuildCache.s3(CHANGED),
        c ->
            c.type() == BuildCache.Type.LOCAL && c.modes().size() == 1
                ? BuildCache.local(BuildCache.LocalMode.values())
                : BuildCache.local(BuildCache.LocalMode.LOCAL_CUSTOM_CACHE));
  }

  @Provide
  Arbitrary<ImageTagPolicy> tagPolicies() {
    return ModelArbitraries.tagPolicies();
  }

  @Property(tries = TRIES)
  void imageTagPolicy_isEqualToTheSamePolicy(@ForAll("tagPolicies") ImageTagPolicy x) {
    ImageTagPolicy copy =
        x.explicitLatest()
            ? ImageTagPolicy.latest()
            : x.fixedTag().map(ImageTagPolicy::fixed).orElse(ImageTagPolicy.commitId());
    assertThat(copy).isEqualTo(x).hasSameHashCodeAs(x);
    assertThat(copy.toString()).isEqualTo(x.toString());
    eachChangeDiffers(
        x,
        p -> p.isCommitId() ? ImageTagPolicy.fixed(CHANGED) : ImageTagPolicy.commitId(),
        p -> p.explicitLatest() ? ImageTagPolicy.fixed("latest") : ImageTagPolicy.latest());
  }

  // --- images, API, task definitions, projects ---------------------------------------------

  @Provide
  Arbitrary<ContainerImage> containerImages() {
    return ModelArbitraries.containerImages();
  }

  @Property(tries = TRIES)
  void containerImage_copyIsEqual_andEachChangeDiffers(
      @ForAll("containerImages") ContainerImage x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        i -> i.toBuilder().containerName(CHANGED).build(),
        i -> i.toBuilder().repository(CHANGED).build(),
        i -> i.toBuilder().dockerfile(CHANGED).build(),
        i -> i.toBuilder().context(CHANGED).build(),
        i ->
            i.toBuilder()
                .tagPolicy(
                    i.tagPolicy().isCommitId()
                        ? ImageTagPolicy.fixed(CHANGED)
                        : ImageTagPolicy.commitId())
                .build(),
        i -> i.toBuilder().additionalTags(List.of(CHANGED)).build(),
        i -> i.toBuilder().buildArg(CHANGED, "1").build(),
        i -> i.toBuilder().target(CHANGED).build(),
        i -> i.toBuilder().registryAccount(CHANGED).build(),
        i -> i.toBuilder().registryRegion(CHANGED).build());
  }

  @Provide
  Arbitrary<ApiPublication> apiPublications() {
    return ModelArbitraries.apiPublications();
  }

  @Property(tries = TRIES)
  void apiPublication_copyIsEqual_andEachChangeDiffers(
      @ForAll("apiPublications") ApiPublication x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        a -> a.toBuilder().restApiId(CHANGED).build(),
        a -> a.toBuilder().stage(CHANGED).build(),
        a -> a.toBuilder().fragments(List.of(CHANGED)).build(),
        a -> a.toBuilder().specFile(CHANGED).build(),
        a -> a.toBuilder().mode(CHANGED).build());
  }

  @Provide
  Arbitrary<TaskDefinition> taskDefinitions() {
    return ModelArbitraries.taskDefinitions();
  }

  @Property(tries = TRIES)
  void taskDefinition_copyIsEqual_andEachChangeDiffers(
      @ForAll("taskDefinitions") TaskDefinition x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        t -> t.toBuilder().family(CHANGED).build(),
        t -> t.toBuilder().containers(CHANGED).build(),
        t -> t.toBuilder().otherContainers(CHANGED).build(),
        t -> t.toBuilder().taskRoleArn(CHANGED).build(),
        t -> t.toBuilder().executionRoleArn(CHANGED).build());
  }

  @Provide
  Arbitrary<CodeBuildProject> codeBuildProjects() {
    return ModelArbitraries.codeBuildProjects();
  }

  @Property(tries = TRIES)
  void codeBuildProject_copyIsEqual_andEachChangeDiffers(
      @ForAll("codeBuildProjects") CodeBuildProject x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        p -> p.toBuilder().name(CHANGED).build(),
        p -> p.toBuilder().description(CHANGED).build(),
        p -> p.toBuilder().serviceRoleArn(CHANGED).build(),
        p -> p.toBuilder().image(CHANGED).build(),
        p -> p.toBuilder().computeType(CHANGED).build(),
        p -> p.toBuilder().environmentType(CHANGED).build(),
        p -> p.toBuilder().privilegedMode(!p.privilegedModeSetting().orElse(false)).build(),
        p ->
            p.toBuilder().environmentVariables(EnvironmentVariable.plaintext(CHANGED, "1")).build(),
        p -> p.toBuilder().logGroupName(CHANGED).build(),
        p -> p.toBuilder().logStreamName(CHANGED).build(),
        p -> p.toBuilder().cache(BuildCache.s3(CHANGED)).build(),
        p -> p.toBuilder().timeoutInMinutes(p.timeoutInMinutes() + 1).build(),
        p -> p.toBuilder().queuedTimeoutInMinutes(p.queuedTimeoutInMinutes() + 1).build(),
        p -> p.toBuilder().images(ContainerImage.of(CHANGED, "changed", "Dockerfile")).build(),
        p -> p.toBuilder().imageDefinitionsFile(CHANGED).build(),
        p -> p.toBuilder().imageDetail(CHANGED).build(),
        p -> p.toBuilder().api(ApiPublication.of(CHANGED, CHANGED)).build(),
        p -> p.toBuilder().installCommands(CHANGED).build(),
        p -> p.toBuilder().preBuildCommands(CHANGED).build(),
        p -> p.toBuilder().buildCommands(CHANGED).build(),
        p -> p.toBuilder().postBuildCommands(CHANGED).build(),
        p -> p.toBuilder().exportedVariables(CHANGED).build(),
        p -> p.toBuilder().artifactFiles(CHANGED).build(),
        p -> p.toBuilder().secondaryArtifact(CHANGED, "f").build(),
        p ->
            p.toBuilder()
                .toolInstall(
                    p.toolInstall().equals(ToolInstall.onImage())
                        ? ToolInstall.mavenCentral()
                        : ToolInstall.onImage())
                .build());
  }

  // --- actions --------------------------------------------------------------------------------

  @Provide
  Arbitrary<Source> sources() {
    return ModelArbitraries.sources();
  }

  @Property(tries = TRIES)
  void source_copyIsEqual_andEachChangeDiffers(@ForAll("sources") Source x) {
    sameValue(x.toBuilder().build(), x);
    List<UnaryOperator<Source>> changes = new ArrayList<>();
    changes.add(s -> s.toBuilder().name(CHANGED).build());
    changes.add(s -> s.toBuilder().runOrder(s.runOrder() + 1).build());
    changes.add(s -> s.toBuilder().namespace(CHANGED).build());
    changes.add(s -> s.toBuilder().output(CHANGED).build());
    changes.add(
        s ->
            s.toBuilder()
                .outputFormat(
                    s.outputFormat().orElse(null) == OutputArtifactFormat.CODE_ZIP
                        ? OutputArtifactFormat.CODEBUILD_CLONE_REF
                        : OutputArtifactFormat.CODE_ZIP)
                .build());
    changes.add(s -> s.toBuilder().detectChanges(!s.detectChanges().orElse(false)).build());
    changes.add(
        s -> s.toBuilder().pollForSourceChanges(!s.pollForSourceChanges().orElse(false)).build());
    switch (x.kind()) {
      case CODE_CONNECTIONS -> {
        changes.add(
            s ->
                s.toBuilder()
                    .host(
                        s.host().orElseThrow() == RepositoryHost.GITLAB
                            ? RepositoryHost.GITHUB
                            : RepositoryHost.GITLAB)
                    .build());
        changes.add(s -> s.toBuilder().connectionArn(CHANGED).build());
        changes.add(s -> s.toBuilder().repository(CHANGED).build());
        changes.add(s -> s.toBuilder().branch(CHANGED).build());
      }
      case CODECOMMIT -> {
        changes.add(s -> s.toBuilder().repository(CHANGED).build());
        changes.add(s -> s.toBuilder().branch(CHANGED).build());
      }
      case S3 -> {
        changes.add(s -> s.toBuilder().bucket(CHANGED).build());
        changes.add(s -> s.toBuilder().objectKey(CHANGED).build());
      }
      case ECR -> {
        changes.add(s -> s.toBuilder().repository(CHANGED).build());
        changes.add(s -> s.toBuilder().imageTag(CHANGED).build());
      }
    }
    eachChangeDiffers(x, changes.toArray(UnaryOperator[]::new));
  }

  @Provide
  Arbitrary<CodeBuildAction> codeBuildActions() {
    return ModelArbitraries.codeBuildActions();
  }

  @Property(tries = TRIES)
  void codeBuildAction_copyIsEqual_andEachChangeDiffers(
      @ForAll("codeBuildActions") CodeBuildAction x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        a -> a.toBuilder().name(CHANGED).build(),
        a -> a.toBuilder().runOrder(a.runOrder() + 1).build(),
        a -> a.toBuilder().namespace(CHANGED).build(),
        a -> a.toBuilder().project(a.project().toBuilder().name(CHANGED).build()).build(),
        a -> a.toBuilder().inputs(CHANGED).build(),
        a -> a.toBuilder().outputs(CHANGED).build(),
        a -> a.toBuilder().primarySource(CHANGED).build(),
        a ->
            a.toBuilder().environmentVariables(EnvironmentVariable.plaintext(CHANGED, "1")).build(),
        a -> a.toBuilder().test(a.category() != ActionCategory.TEST).build(),
        a -> a.toBuilder().batchEnabled(!a.batchEnabled().orElse(false)).build());
  }

  @Provide
  Arbitrary<EcsDeployAction> ecsDeployActions() {
    return ModelArbitraries.ecsDeployActions();
  }

  @Property(tries = TRIES)
  void ecsDeployAction_copyIsEqual_andEachChangeDiffers(
      @ForAll("ecsDeployActions") EcsDeployAction x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        a -> a.toBuilder().name(CHANGED).build(),
        a -> a.toBuilder().namespace(CHANGED).build(),
        a -> a.toBuilder().input(CHANGED).build(),
        a -> a.toBuilder().clusterName(CHANGED).build(),
        a -> a.toBuilder().serviceName(CHANGED).build(),
        a -> a.toBuilder().fileName(CHANGED).build(),
        a ->
            a.toBuilder()
                .deploymentTimeoutMinutes(a.deploymentTimeoutMinutes().orElse(0) + 1)
                .build(),
        a -> a.toBuilder().taskDefinition(TaskDefinition.builder().family(CHANGED).build()).build(),
        a -> a.toBuilder().passRoleArns(CHANGED).build());
  }

  @Provide
  Arbitrary<CodeDeployToEcsAction> codeDeployToEcsActions() {
    return ModelArbitraries.codeDeployToEcsActions();
  }

  @Property(tries = TRIES)
  void codeDeployToEcsAction_copyIsEqual_andEachChangeDiffers(
      @ForAll("codeDeployToEcsActions") CodeDeployToEcsAction x) {
    sameValue(x.toBuilder().build(), x);
    String taskDefinitionArtifact = x.configuration().get("TaskDefinitionTemplateArtifact");
    String appSpecArtifact = x.configuration().get("AppSpecTemplateArtifact");
    eachChangeDiffers(
        x,
        a -> a.toBuilder().name(CHANGED).build(),
        a -> a.toBuilder().runOrder(a.runOrder() + 1).build(),
        a -> a.toBuilder().applicationName(CHANGED).build(),
        a -> a.toBuilder().deploymentGroupName(CHANGED).build(),
        a -> a.toBuilder().taskDefinitionTemplate(CHANGED, "taskdef.json").build(),
        a -> a.toBuilder().taskDefinitionTemplate(taskDefinitionArtifact, CHANGED).build(),
        a -> a.toBuilder().appSpecTemplate(CHANGED, "appspec.yaml").build(),
        a -> a.toBuilder().appSpecTemplate(appSpecArtifact, CHANGED).build(),
        a -> a.toBuilder().image(CHANGED, CHANGED).build(),
        a ->
            a.toBuilder().taskDefinition(TaskDefinition.builder().family(CHANGED).build()).build());
  }

  @Provide
  Arbitrary<ManualApprovalAction> manualApprovalActions() {
    return ModelArbitraries.manualApprovalActions();
  }

  @Property(tries = TRIES)
  void manualApprovalAction_copyIsEqual_andEachChangeDiffers(
      @ForAll("manualApprovalActions") ManualApprovalAction x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        a -> a.toBuilder().name(CHANGED).build(),
        a -> a.toBuilder().namespace(CHANGED).build(),
        a -> a.toBuilder().notificationArn(CHANGED).build(),
        a -> a.toBuilder().externalEntityLink(CHANGED).build(),
        a -> a.toBuilder().customData(CHANGED).build());
  }

  // --- stages and pipelines -------------------------------------------------------------------

  @Provide
  Arbitrary<Stage> stages() {
    return ModelArbitraries.stages();
  }

  @Property(tries = TRIES)
  void stage_copyIsEqual_andEachChangeDiffers(@ForAll("stages") Stage x) {
    sameValue(x.toBuilder().build(), x);
    eachChangeDiffers(
        x,
        s -> s.toBuilder().name(CHANGED).build(),
        s -> s.toBuilder().addAction(ManualApprovalAction.named(CHANGED)).build());
  }

  @Provide
  Arbitrary<Pipeline> pipelines() {
    return ModelArbitraries.pipelines();
  }

  @Property(tries = 100)
  void pipeline_copyIsEqual_andEachChangeDiffers(@ForAll("pipelines") Pipeline x) {
    sameValue(x.toBuilder().build(), x);
    List<UnaryOperator<Pipeline>> changes = new ArrayList<>();
    changes.add(p -> p.toBuilder().name(CHANGED).build());
    changes.add(
        p ->
            p.toBuilder()
                .account(p.account().equals("000000000000") ? "999999999999" : "000000000000")
                .build());
    changes.add(p -> p.toBuilder().region("sa-east-1").build());
    changes.add(p -> p.toBuilder().roleArn("arn:aws:iam::111122223333:role/Changed").build());
    changes.add(p -> p.toBuilder().artifactBucket("changed-bucket").build());
    changes.add(
        p ->
            p.toBuilder()
                .artifactKmsKeyArn("arn:aws:kms:eu-west-1:111122223333:key/Changed")
                .build());
    changes.add(
        p ->
            p.toBuilder()
                .executionMode(
                    p.executionMode().orElse(null) == ExecutionMode.QUEUED
                        ? ExecutionMode.SUPERSEDED
                        : ExecutionMode.QUEUED)
                .build());
    changes.add(p -> p.toBuilder().variables(PipelineVariable.of(CHANGED, "x")).build());
    if (x.triggers().isEmpty()) {
      changes.add(
          p ->
              p.toBuilder()
                  .triggers(Trigger.onPush("Source", PushFilter.branches(Patterns.include("x"))))
                  .build());
    }
    if (x.variables().isEmpty() && x.triggers().isEmpty() && x.executionMode().isEmpty()) {
      changes.add(p -> p.toBuilder().pipelineType(PipelineType.V1).build());
    }
    changes.add(p -> p.toBuilder().tag(CHANGED, "x").build());
    changes.add(
        p ->
            p.toBuilder().addStage(Stage.named(CHANGED, ManualApprovalAction.named("Ok"))).build());
    eachChangeDiffers(x, changes.toArray(UnaryOperator[]::new));
  }
}
