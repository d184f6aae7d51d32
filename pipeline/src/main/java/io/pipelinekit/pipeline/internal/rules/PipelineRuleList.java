package io.pipelinekit.pipeline.internal.rules;

import java.util.List;

/** Every structure rule, in the order they run (and their problems are listed). */
public final class PipelineRuleList {
  private static final List<PipelineRule> ALL =
      List.of(
          new PipelineNamePattern(),
          new ArtifactNamePattern(),
          new NamespacePattern(),
          new VariableNamePattern(),
          new VariableLimits(),
          new TagLimits(),
          new AccountId(),
          new Region(),
          new ArtifactBucketName(),
          new RoleArn(),
          new ConnectionArn(),
          new StageCount(),
          new SourceFirst(),
          new StageEmpty(),
          new SourcesOnly(),
          new StageNameDuplicate(),
          new ActionNameDuplicate(),
          new NamespaceDuplicate(),
          new ActionCount(),
          new RunOrder(),
          new ArtifactDuplicate(),
          new ArtifactUnknown(),
          new ArtifactOrder(),
          new ArtifactCount(),
          new CodeDeployImageCount(),
          new PrimarySource(),
          new V1Feature(),
          new TriggerDuplicate(),
          new TriggerSource(),
          new TriggerFilter(),
          new TriggerLimits(),
          new ConfigurationSize(),
          new EnvDuplicate(),
          new EnvName(),
          new EnvPlaintextSecret(),
          new EcsDeploymentTimeout(),
          new EcsPassRole(),
          new ProjectDuplicate(),
          new ProjectNamePattern(),
          new ProjectDescription(),
          new ProjectEnvironment(),
          new ProjectTimeout(),
          new ProjectPrivileged(),
          new ProjectDockerCache(),
          new ProjectCachePaths(),
          new ToolRepositoryUrl(),
          new ToolS3Object(),
          new ToolSha256(),
          new ToolSource(),
          new ContainerName(),
          new EcrRepositoryName(),
          new ImageLatestTag(),
          new ImageTagPattern(),
          new ApiId(),
          new ApiStageName(),
          new ApiFragments(),
          new ApiMode(),
          new ApiSpecFile(),
          new ApiExecutionMode(),
          new ExportedVariableReserved(),
          new EcsInputImages(),
          new ContainerNameMismatch(),
          new EcsFileName(),
          new SecondaryArtifacts(),
          new ImageDetailContainer(),
          new ImageDetailFile(),
          new VariableUnknown(),
          new VariableOrder(),
          new AwsModel());

  private PipelineRuleList() {}

  public static List<PipelineRule> all() {
    return ALL;
  }
}
