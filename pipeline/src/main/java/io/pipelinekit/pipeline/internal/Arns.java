package io.pipelinekit.pipeline.internal;

/** ARNs and hosts scoped to one account and region (partition {@code aws}). */
public record Arns(String account, String region) {

  public String registry() {
    return account + ".dkr.ecr." + region + ".amazonaws.com";
  }

  public static String registry(String account, String region) {
    return account + ".dkr.ecr." + region + ".amazonaws.com";
  }

  public String ecrRepository(String account, String region, String repository) {
    return "arn:aws:ecr:" + region + ":" + account + ":repository/" + repository;
  }

  public String logGroup(String group) {
    return "arn:aws:logs:" + region + ":" + account + ":log-group:" + group;
  }

  public static String bucket(String bucket) {
    return "arn:aws:s3:::" + bucket;
  }

  public String restApi(String restApiId) {
    return "arn:aws:apigateway:" + region + "::/restapis/" + restApiId;
  }

  public String codeBuildProject(String name) {
    return "arn:aws:codebuild:" + region + ":" + account + ":project/" + name;
  }

  public String ecsCluster(String cluster) {
    return "arn:aws:ecs:" + region + ":" + account + ":cluster/" + cluster;
  }

  public String ecsService(String cluster, String service) {
    return "arn:aws:ecs:" + region + ":" + account + ":service/" + cluster + "/" + service;
  }

  public String ecsTasks(String cluster) {
    return "arn:aws:ecs:" + region + ":" + account + ":task/" + cluster + "/*";
  }

  /** Every revision of {@code family}; {@code null}: every family of this account and Region. */
  public String ecsTaskDefinitions(String family) {
    return "arn:aws:ecs:"
        + region
        + ":"
        + account
        + ":task-definition/"
        + (family == null ? "*" : family + ":*");
  }

  public String codeCommit(String repository) {
    return "arn:aws:codecommit:" + region + ":" + account + ":" + repository;
  }

  public String ssmParameter(String name) {
    if (name.startsWith("arn:")) {
      return name;
    }
    return "arn:aws:ssm:"
        + region
        + ":"
        + account
        + ":parameter/"
        + (name.startsWith("/") ? name.substring(1) : name);
  }

  /** A Secrets Manager reference ({@code id[:json-key[:stage[:version]]]}) as a resource ARN. */
  public String secret(String reference) {
    if (reference.startsWith("arn:")) {
      String[] parts = reference.split(":", -1);
      if (parts.length >= 7) {
        return String.join(":", java.util.Arrays.copyOf(parts, 7));
      }
      return reference;
    }
    String name =
        reference.contains(":") ? reference.substring(0, reference.indexOf(':')) : reference;
    return "arn:aws:secretsmanager:" + region + ":" + account + ":secret:" + name + "-??????";
  }

  public String codeDeployApplication(String application) {
    return "arn:aws:codedeploy:" + region + ":" + account + ":application:" + application;
  }

  public String codeDeployGroup(String application, String group) {
    return "arn:aws:codedeploy:"
        + region
        + ":"
        + account
        + ":deploymentgroup:"
        + application
        + "/"
        + group;
  }

  public String codeDeployConfig() {
    return "arn:aws:codedeploy:" + region + ":" + account + ":deploymentconfig:*";
  }
}
