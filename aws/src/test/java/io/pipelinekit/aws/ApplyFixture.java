package io.pipelinekit.aws;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * A pipeline with an ECS target, its declarations, and the ECS resources it deploys to, in moto.
 */
public final class ApplyFixture {
  static final String ACCOUNT = "123456789012";
  static final String CONNECTION =
      "arn:aws:codeconnections:us-east-1:123456789012:connection/0123abcd-0123-4567-89ab-0123456789ab";
  static final String PROJECT_ROLE = "arn:aws:iam::123456789012:role/orders-codebuild";

  private ApplyFixture() {}

  /** The CreatePipeline request, as pipeline.json holds it. */
  static Map<String, Object> createPipeline(
      String name, String roleArn, String cluster, String branch) {
    Map<String, Object> source =
        action(
            "Source",
            "Source",
            "CodeStarSourceConnection",
            Map.of(
                "ConnectionArn",
                CONNECTION,
                "FullRepositoryId",
                "acme/orders",
                "BranchName",
                branch),
            List.of(),
            List.of("Source"));
    Map<String, Object> build =
        action(
            "Build",
            "Build",
            "CodeBuild",
            Map.of("ProjectName", name + "-build"),
            List.of("Source"),
            List.of("BuildOutput"));
    Map<String, Object> deploy =
        action(
            "Deploy",
            "Deploy",
            "ECS",
            Map.of(
                "ClusterName", cluster, "ServiceName", name, "FileName", "imagedefinitions.json"),
            List.of("BuildOutput"),
            List.of());
    Map<String, Object> pipeline = new LinkedHashMap<>();
    pipeline.put("name", name);
    pipeline.put("roleArn", roleArn);
    pipeline.put("artifactStore", Map.of("type", "S3", "location", "orders-artifacts-" + ACCOUNT));
    pipeline.put(
        "stages",
        List.of(
            Map.of("name", "Source", "actions", List.of(source)),
            Map.of("name", "Build", "actions", List.of(build)),
            Map.of("name", "Deploy", "actions", List.of(deploy))));
    pipeline.put("version", 1);
    pipeline.put("pipelineType", "V2");
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("pipeline", pipeline);
    request.put("tags", List.of(Map.of("key", "service", "value", name)));
    return request;
  }

  private static Map<String, Object> action(
      String name,
      String category,
      String provider,
      Map<String, Object> configuration,
      List<String> inputs,
      List<String> outputs) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", name);
    a.put(
        "actionTypeId",
        Map.of("category", category, "owner", "AWS", "provider", provider, "version", "1"));
    a.put("runOrder", 1);
    a.put("configuration", configuration);
    a.put("inputArtifacts", inputs.stream().map(i -> Map.of("name", i)).toList());
    a.put("outputArtifacts", outputs.stream().map(o -> Map.of("name", o)).toList());
    return a;
  }

  /** The CreateProject request, as codebuild-project.json holds it. */
  static Map<String, Object> createProject(String name, String computeType, String buildspec) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", name + "-build");
    p.put("source", Map.of("type", "CODEPIPELINE", "buildspec", buildspec));
    p.put("artifacts", Map.of("type", "CODEPIPELINE"));
    p.put("cache", Map.of("type", "NO_CACHE"));
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("type", "LINUX_CONTAINER");
    env.put("image", "aws/codebuild/amazonlinux-x86_64-standard:5.0");
    env.put("computeType", computeType);
    env.put("privilegedMode", true);
    env.put("imagePullCredentialsType", "CODEBUILD");
    p.put("environment", env);
    p.put("serviceRole", PROJECT_ROLE);
    p.put("timeoutInMinutes", 30);
    p.put("queuedTimeoutInMinutes", 60);
    return p;
  }

  /**
   * What a pipeline refers to besides ECS, in moto: the CodeBuild role {@code projectRole} (trusted
   * by codebuild.amazonaws.com), the artifact bucket and the ECR repositories. moto serves no
   * CodeConnections API, so the source connection stays unchecked (a warning in the plan).
   */
  public static void referencedResources(
      URI moto, String projectRole, String bucket, String... repositories) {
    io.pipelinekit.testing.MotoIam.createServiceRole(moto, projectRole, "codebuild.amazonaws.com");
    try (software.amazon.awssdk.services.s3.S3Client s3 =
            software.amazon.awssdk.services.s3.S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(moto)
                .forcePathStyle(true)
                .credentialsProvider(credentials())
                .build();
        software.amazon.awssdk.services.ecr.EcrClient ecr =
            software.amazon.awssdk.services.ecr.EcrClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(moto)
                .credentialsProvider(credentials())
                .build()) {
      s3.createBucket(r -> r.bucket(bucket));
      for (String repository : repositories) {
        ecr.createRepository(r -> r.repositoryName(repository));
      }
    }
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
  }

  public static EcsClient ecs(URI moto) {
    return EcsClient.builder()
        .region(Region.US_EAST_1)
        .endpointOverride(moto)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .build();
  }

  /** A cluster, a task definition with these containers, and a service named {@code service}. */
  public static void ecsService(
      EcsClient ecs, String cluster, String service, String... containers) {
    ecs.createCluster(r -> r.clusterName(cluster));
    String arn =
        ecs.registerTaskDefinition(
                r ->
                    r.family(service)
                        .containerDefinitions(
                            java.util.Arrays.stream(containers)
                                .map(
                                    c ->
                                        software.amazon.awssdk.services.ecs.model
                                            .ContainerDefinition.builder()
                                            .name(c)
                                            .image("public.ecr.aws/nginx/nginx:1.27")
                                            .memory(256)
                                            .build())
                                .toList()))
            .taskDefinition()
            .taskDefinitionArn();
    ecs.createService(
        r -> r.cluster(cluster).serviceName(service).taskDefinition(arn).desiredCount(1));
  }
}
