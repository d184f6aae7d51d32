package io.pipelinekit.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.pipeline.EcsTarget;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codeconnections.CodeConnectionsClient;
import software.amazon.awssdk.services.codeconnections.model.Connection;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * Before the first write, every resource the declarations refer to: the pipeline's role and each
 * project's (they exist, and their trust policy lets the service assume them), the artifact
 * buckets, the source connections, the ECR repositories, the approvals' SNS topics, the CodeDeploy
 * applications and deployment groups, the ECS clusters, services and containers. Read calls only.
 *
 * <p>What is missing or wrong is a problem: apply writes nothing and names each. What could not be
 * checked (a read the caller may not make, an API the endpoint does not serve) and a connection
 * still {@code PENDING} are warnings: shown in the plan, not stopping it.
 */
final class ReferenceChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the checks found. */
  record Result(List<String> checked, List<String> warnings, List<String> problems) {}

  private final IamClient iam;
  private final S3Client s3;
  private final EcrClient ecr;
  private final SnsClient sns;
  private final CodeDeployClient codeDeploy;
  private final CodeConnectionsClient connections;
  private final EcsClient ecs;

  private final List<String> checked = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();

  ReferenceChecks(
      IamClient iam,
      S3Client s3,
      EcrClient ecr,
      SnsClient sns,
      CodeDeployClient codeDeploy,
      CodeConnectionsClient connections,
      EcsClient ecs) {
    this.iam = iam;
    this.s3 = s3;
    this.ecr = ecr;
    this.sns = sns;
    this.codeDeploy = codeDeploy;
    this.connections = connections;
    this.ecs = ecs;
  }

  Result run(PipelineDeclarations declarations) {
    Map<?, ?> pipeline = (Map<?, ?>) declarations.createPipeline().get("pipeline");
    String pipelineRole = text(pipeline.get("roleArn"));
    String home = pipelineRole == null ? null : account(pipelineRole);
    if (pipelineRole != null) {
      role("the pipeline's role", pipelineRole, "codepipeline.amazonaws.com", home);
    }
    for (Map<String, Object> project : declarations.createProjects()) {
      String serviceRole = text(project.get("serviceRole"));
      if (serviceRole != null) {
        role(
            "CodeBuild project '" + project.get("name") + "''s service role",
            serviceRole,
            "codebuild.amazonaws.com",
            home);
      }
    }
    Set<String> buckets = new LinkedHashSet<>();
    if (pipeline.get("artifactStore") instanceof Map<?, ?> store) {
      addText(buckets, store.get("location"));
    }
    if (pipeline.get("artifactStores") instanceof Map<?, ?> stores) {
      stores.values().forEach(s -> addText(buckets, ((Map<?, ?>) s).get("location")));
    }
    buckets.forEach(this::bucket);
    for (Map<?, ?> action : actions(pipeline)) {
      String where = "stage '" + action.get("stage") + "' action '" + action.get("name") + "'";
      Map<?, ?> type = action.get("actionTypeId") instanceof Map<?, ?> t ? t : Map.of();
      Map<?, ?> config = action.get("configuration") instanceof Map<?, ?> c ? c : Map.of();
      String provider = text(type.get("provider"));
      if ("CodeStarSourceConnection".equals(provider)
          && text(config.get("ConnectionArn")) != null) {
        connection(where, text(config.get("ConnectionArn")));
      }
      if ("Manual".equals(provider) && text(config.get("NotificationArn")) != null) {
        topic(where, text(config.get("NotificationArn")));
      }
      if ("CodeDeployToECS".equals(provider) || "CodeDeploy".equals(provider)) {
        codeDeploy(
            where, text(config.get("ApplicationName")), text(config.get("DeploymentGroupName")));
      }
      if (text(action.get("roleArn")) != null) {
        actionRole(where, text(action.get("roleArn")), home);
      }
    }
    declarations.ecrRepositories().forEach(this::repository);
    declarations.ecsTargets().forEach(this::ecsTarget);
    return new Result(List.copyOf(checked), List.copyOf(warnings), List.copyOf(problems));
  }

  // IAM: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRole.html (the trust policy
  // comes back URL-encoded in AssumeRolePolicyDocument).
  private void role(String what, String arn, String service, String home) {
    if (home != null && !home.equals(account(arn))) {
      warnings.add(
          "not checked: " + what + " " + arn + " is in another account than the pipeline's role");
      return;
    }
    Role role;
    try {
      role = iam.getRole(r -> r.roleName(roleName(arn))).role();
    } catch (NoSuchEntityException e) {
      problems.add(
          what
              + " "
              + arn
              + " does not exist; create it (cloudformation/bootstrap.template.json) or fix the ARN");
      return;
    } catch (SdkException e) {
      notChecked(what + " " + arn, "iam:GetRole", e);
      return;
    }
    if (!arn.equals(role.arn())) {
      problems.add(what + " " + arn + " does not exist; a role of that name is " + role.arn());
      return;
    }
    if (!trusts(role.assumeRolePolicyDocument(), service)) {
      problems.add(
          what
              + " "
              + arn
              + " exists, but its trust policy does not let "
              + service
              + " assume it (sts:AssumeRole); add the service as a trusted principal");
      return;
    }
    checked.add(what + " " + arn + ": exists, trusted by " + service);
  }

  private void actionRole(String where, String arn, String home) {
    if (home != null && !home.equals(account(arn))) {
      warnings.add(
          "not checked: "
              + where
              + " role "
              + arn
              + " (another account: the pipeline's role assumes it there)");
      return;
    }
    try {
      iam.getRole(r -> r.roleName(roleName(arn)));
      checked.add(where + " role " + arn + ": exists");
    } catch (NoSuchEntityException e) {
      problems.add(where + ": role " + arn + " does not exist; create it or fix roleArn");
    } catch (SdkException e) {
      notChecked(where + " role " + arn, "iam:GetRole", e);
    }
  }

  /** Whether an Allow statement lets {@code service} call sts:AssumeRole. */
  static boolean trusts(String document, String service) {
    if (document == null) {
      return false;
    }
    String json =
        document.trim().startsWith("{")
            ? document
            : URLDecoder.decode(document, StandardCharsets.UTF_8);
    JsonNode policy;
    try {
      policy = JSON.readTree(json);
    } catch (IOException e) {
      return false;
    }
    JsonNode statements = policy.path("Statement");
    List<JsonNode> list = new ArrayList<>();
    if (statements.isArray()) {
      statements.forEach(list::add);
    } else if (statements.isObject()) {
      list.add(statements);
    }
    for (JsonNode s : list) {
      if (!"Allow".equals(s.path("Effect").asText())) {
        continue;
      }
      boolean assume =
          values(s.path("Action")).stream()
              .anyMatch(a -> a.equals("sts:AssumeRole") || a.equals("sts:*") || a.equals("*"));
      JsonNode principal = s.path("Principal");
      boolean trusted =
          "*".equals(principal.asText())
              || values(principal.path("Service")).contains(service)
              || values(principal.path("Service")).contains("*");
      if (assume && trusted) {
        return true;
      }
    }
    return false;
  }

  private static List<String> values(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> out.add(n.asText()));
    } else if (node.isTextual()) {
      out.add(node.asText());
    }
    return out;
  }

  // S3: https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html (404 no such bucket,
  // 403 it exists but the caller may not use it; 301 it is in another region).
  private void bucket(String name) {
    String what = "artifact bucket '" + name + "'";
    try {
      s3.headBucket(r -> r.bucket(name));
      checked.add(what + ": exists");
    } catch (NoSuchBucketException e) {
      problems.add(what + " does not exist; create it (cloudformation/bootstrap.template.json)");
    } catch (AwsServiceException e) {
      int status = e.statusCode();
      if (status == 404) {
        problems.add(what + " does not exist; create it (cloudformation/bootstrap.template.json)");
      } else if (status == 301) {
        problems.add(what + " is in another region than the pipeline; use a bucket of its region");
      } else if (status == 403) {
        problems.add(
            what
                + " exists but may not be used with these credentials (403): another account's"
                + " bucket, or s3:ListBucket is not allowed");
      } else {
        notChecked(what, "s3:ListBucket", e);
      }
    } catch (SdkException e) {
      notChecked(what, "s3:ListBucket", e);
    }
  }

  // CodeConnections:
  // https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_GetConnection.html
  // takes codestar-connections and codeconnections ARNs alike; status PENDING until the handshake
  // is completed in the console
  // (https://docs.aws.amazon.com/codeconnections/latest/APIReference/API_Connection.html).
  private void connection(String where, String arn) {
    String what = where + " connection " + arn;
    Connection connection;
    try {
      connection = connections.getConnection(r -> r.connectionArn(arn)).connection();
    } catch (software.amazon.awssdk.services.codeconnections.model.ResourceNotFoundException e) {
      problems.add(what + " does not exist; create it (and complete its handshake) or fix the ARN");
      return;
    } catch (SdkException e) {
      notChecked(what, "codeconnections:GetConnection", e);
      return;
    }
    String status = connection.connectionStatusAsString();
    if ("AVAILABLE".equals(status)) {
      checked.add(what + ": AVAILABLE");
    } else if ("PENDING".equals(status)) {
      warnings.add(
          what
              + " is PENDING: the pipeline's source action fails until someone completes the"
              + " handshake (console: Developer Tools > Settings > Connections > Update pending"
              + " connection)");
    } else {
      problems.add(what + " is " + status + "; fix or recreate it in the console");
    }
  }

  // SNS: https://docs.aws.amazon.com/sns/latest/api/API_GetTopicAttributes.html
  private void topic(String where, String arn) {
    String what = where + " notification topic " + arn;
    try {
      sns.getTopicAttributes(r -> r.topicArn(arn));
      checked.add(what + ": exists");
    } catch (NotFoundException e) {
      problems.add(what + " does not exist; create it or fix notificationArn");
    } catch (SdkException e) {
      notChecked(what, "sns:GetTopicAttributes", e);
    }
  }

  // CodeDeploy:
  // https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_GetDeploymentGroup.html
  private void codeDeploy(String where, String application, String group) {
    if (application == null) {
      return;
    }
    String what = where + " CodeDeploy application '" + application + "'";
    try {
      codeDeploy.getApplication(r -> r.applicationName(application));
    } catch (ApplicationDoesNotExistException e) {
      problems.add(what + " does not exist; create it or fix applicationName");
      return;
    } catch (SdkException e) {
      notChecked(what, "codedeploy:GetApplication", e);
      return;
    }
    if (group == null) {
      checked.add(what + ": exists");
      return;
    }
    try {
      codeDeploy.getDeploymentGroup(r -> r.applicationName(application).deploymentGroupName(group));
      checked.add(what + " deployment group '" + group + "': exists");
    } catch (DeploymentGroupDoesNotExistException e) {
      problems.add(
          what + " has no deployment group '" + group + "'; create it or fix deploymentGroupName");
    } catch (SdkException e) {
      notChecked(what + " deployment group '" + group + "'", "codedeploy:GetDeploymentGroup", e);
    }
  }

  // ECR: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_DescribeRepositories.html
  private void repository(PipelineDeclarations.EcrRepository repository) {
    String what = "ECR repository '" + repository.name() + "'";
    if (repository.region().isPresent()) {
      warnings.add(
          "not checked: "
              + what
              + " in region "
              + repository.region().get()
              + " (apply checks the pipeline's region)");
      return;
    }
    try {
      ecr.describeRepositories(
          r -> {
            r.repositoryNames(repository.name());
            repository.account().ifPresent(r::registryId);
          });
      checked.add(what + repository.account().map(a -> " in account " + a).orElse("") + ": exists");
    } catch (RepositoryNotFoundException e) {
      problems.add(
          what
              + repository.account().map(a -> " in account " + a).orElse("")
              + " does not exist; create it (cloudformation/bootstrap.template.json)");
    } catch (SdkException e) {
      notChecked(what, "ecr:DescribeRepositories", e);
    }
  }

  /** ECS deploy target: the service exists and its task definition has the images' containers. */
  private void ecsTarget(EcsTarget deploy) {
    String where = "stage '" + deploy.stageName() + "' action '" + deploy.actionName() + "'";
    String target =
        "service '" + deploy.serviceName() + "' in cluster '" + deploy.clusterName() + "'";
    DescribeServicesResponse services;
    try {
      services =
          ecs.describeServices(r -> r.cluster(deploy.clusterName()).services(deploy.serviceName()));
    } catch (ClusterNotFoundException e) {
      problems.add(
          where
              + ": ECS cluster '"
              + deploy.clusterName()
              + "' does not exist; create it or fix clusterName");
      return;
    } catch (SdkException e) {
      notChecked(where + " ECS " + target, "ecs:DescribeServices", e);
      return;
    }
    Service service =
        services.services().stream()
            .filter(s -> deploy.serviceName().equals(s.serviceName()))
            .filter(s -> !"INACTIVE".equals(s.status()))
            .findFirst()
            .orElse(null);
    if (service == null) {
      problems.add(
          where
              + ": ECS "
              + target
              + " does not exist (or is inactive); create the service first or fix serviceName");
      return;
    }
    String taskDefinition = service.taskDefinition();
    List<ContainerDefinition> containers;
    try {
      containers =
          read(() -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)))
              .taskDefinition()
              .containerDefinitions();
    } catch (SdkException e) {
      notChecked(where + " task definition " + taskDefinition, "ecs:DescribeTaskDefinition", e);
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    containers.forEach(c -> names.add(c.name()));
    boolean ok = true;
    for (String image : deploy.containerNames()) {
      if (!names.contains(image)) {
        ok = false;
        problems.add(
            where
                + ": the image definitions would name container '"
                + image
                + "', but the task definition "
                + shortArn(taskDefinition)
                + " that "
                + target
                + " runs has containers "
                + names
                + "; the deploy would fail. Rename the image's container to one of these, or"
                + " add the container to the task definition");
      }
    }
    if (ok) {
      checked.add(
          "ECS "
              + target
              + ": task definition "
              + shortArn(taskDefinition)
              + " has containers "
              + names);
    }
  }

  private void notChecked(String what, String call, SdkException e) {
    warnings.add("not checked: " + what + " (" + call + " failed: " + describe(e) + ")");
  }

  /** Every action of the pipeline tree, each with its stage's name under {@code stage}. */
  private static List<Map<?, ?>> actions(Map<?, ?> pipeline) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (pipeline.get("stages") instanceof List<?> stages) {
      for (Object stage : stages) {
        if (stage instanceof Map<?, ?> s && s.get("actions") instanceof List<?> actions) {
          for (Object action : actions) {
            if (action instanceof Map<?, ?> a) {
              Map<Object, Object> withStage = new LinkedHashMap<>(a);
              withStage.put("stage", s.get("name"));
              out.add(withStage);
            }
          }
        }
      }
    }
    return out;
  }

  private static <T> T read(Supplier<T> s) {
    return s.get();
  }

  private static String text(Object v) {
    return v instanceof String s && !s.isBlank() ? s : null;
  }

  private static void addText(Set<String> into, Object v) {
    String s = text(v);
    if (s != null) {
      into.add(s);
    }
  }

  /** {@code 123456789012} of {@code arn:aws:iam::123456789012:role/x}. */
  private static String account(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length > 4 ? parts[4] : "";
  }

  /** The last path segment of a role ARN: GetRole takes the name without the path. */
  private static String roleName(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static String shortArn(String arn) {
    int slash = arn.lastIndexOf('/');
    return "'" + (slash >= 0 ? arn.substring(slash + 1) : arn) + "'";
  }

  static String describe(SdkException e) {
    if (e instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
      String code = aws.awsErrorDetails().errorCode();
      String message = aws.awsErrorDetails().errorMessage();
      if (code == null && message == null) {
        return "HTTP " + aws.statusCode();
      }
      return (code == null ? "HTTP " + aws.statusCode() : code)
          + (message == null ? "" : ": " + message);
    }
    return String.valueOf(e.getMessage());
  }
}
