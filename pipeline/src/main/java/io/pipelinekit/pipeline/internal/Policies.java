package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.CodeDeployToEcsAction;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.EnvironmentVariableType;
import io.pipelinekit.pipeline.ManualApprovalAction;
import io.pipelinekit.pipeline.OutputArtifactFormat;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.ToolInstall;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Least-privilege IAM policies for the CodeBuild service role and the pipeline role: every resource
 * scoped to the ARNs the definition names. Where an API has no resource-level permissions ({@code
 * ecr:GetAuthorizationToken}, {@code ecs:DescribeTaskDefinition}) the statement's Sid says so. Each
 * statement, and how it differs from AWS's documentation and AWS CDK's grants, is explained in
 * {@code docs/iam.md}; {@code parliament} checks every generated policy in the build.
 *
 * <p>Resource types per action: the Service Authorization Reference, e.g. for Amazon ECS
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
 */
public final class Policies {
  private Policies() {}

  /** The policy document for the project's service role. */
  public static Map<String, Object> codeBuildRole(Pipeline pipeline, CodeBuildProject project) {
    Arns arns = new Arns(pipeline.account(), pipeline.region());
    List<Object> statements = new ArrayList<>();
    statements.add(
        statement(
            "WriteBuildLogs",
            List.of("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
            List.of(
                arns.logGroup(project.logGroupName()),
                arns.logGroup(project.logGroupName()) + ":*")));
    statements.add(readWriteArtifacts(pipeline));
    statements.add(
        statement(
            "ArtifactBucketLocation",
            List.of("s3:GetBucketAcl", "s3:GetBucketLocation"),
            List.of(Arns.bucket(pipeline.artifactBucket()))));
    if (project.cache().type() == BuildCache.Type.S3) {
      String location = project.cache().location().orElseThrow();
      String bucket =
          location.contains("/") ? location.substring(0, location.indexOf('/')) : location;
      statements.add(
          statement(
              "ReadWriteBuildCache",
              List.of("s3:GetObject", "s3:PutObject"),
              List.of(Arns.bucket(location) + "/*")));
      statements.add(
          statement(
              "BuildCacheBucketLocation",
              List.of("s3:GetBucketLocation"),
              List.of(Arns.bucket(bucket))));
    }
    if (project.installsTool() && project.toolInstall().kind() == ToolInstall.Kind.S3) {
      // aws s3 cp of one object needs s3:GetObject on it, nothing more:
      // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
      statements.add(
          statement(
              "ReadToolJar",
              List.of("s3:GetObject"),
              List.of(
                  Arns.bucket(project.toolInstall().bucket().orElseThrow())
                      + "/"
                      + project.toolInstall().key().orElseThrow())));
    }
    if (!project.images().isEmpty()) {
      statements.add(
          statement(
              "EcrLoginHasNoResourceLevelPermissions",
              List.of("ecr:GetAuthorizationToken"),
              List.of("*")));
      Set<String> repositories = new LinkedHashSet<>();
      for (ContainerImage image : project.images()) {
        repositories.add(
            arns.ecrRepository(
                image.registryAccount().orElse(pipeline.account()),
                image.registryRegion().orElse(pipeline.region()),
                image.repository()));
      }
      statements.add(
          statement(
              "PushImages",
              List.of(
                  "ecr:BatchCheckLayerAvailability",
                  "ecr:BatchGetImage",
                  "ecr:CompleteLayerUpload",
                  "ecr:GetDownloadUrlForLayer",
                  "ecr:InitiateLayerUpload",
                  "ecr:PutImage",
                  "ecr:UploadLayerPart"),
              new ArrayList<>(repositories)));
    }
    statements.addAll(fullClones(pipeline, project, arns));
    project.api().ifPresent(api -> statements.addAll(api(arns, api)));
    Set<String> parameters = new LinkedHashSet<>();
    Set<String> secrets = new LinkedHashSet<>();
    List<EnvironmentVariable> variables = new ArrayList<>(project.environmentVariables());
    for (Action action : pipeline.actions()) {
      if (action instanceof CodeBuildAction build
          && build.project().name().equals(project.name())) {
        variables.addAll(build.environmentVariables());
      }
    }
    for (EnvironmentVariable v : variables) {
      if (v.type() == EnvironmentVariableType.PARAMETER_STORE) {
        parameters.add(arns.ssmParameter(v.value()));
      } else if (v.type() == EnvironmentVariableType.SECRETS_MANAGER) {
        secrets.add(arns.secret(v.value()));
      }
    }
    addScoped(statements, "ReadParameters", List.of("ssm:GetParameters"), parameters);
    addScoped(statements, "ReadSecrets", List.of("secretsmanager:GetSecretValue"), secrets);
    useArtifactKey(statements, pipeline);
    return document(statements);
  }

  /**
   * What CodeBuild needs to clone the repositories behind the project's {@code CODEBUILD_CLONE_REF}
   * inputs itself: {@code UseConnection} on the connection (the action prefix of the connection
   * ARN's service) and {@code codecommit:GitPull} on a CodeCommit repository.
   * https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodestarConnectionSource.html
   * https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CodeCommit.html
   */
  private static List<Object> fullClones(Pipeline pipeline, CodeBuildProject project, Arns arns) {
    Set<String> connections = new LinkedHashSet<>();
    Set<String> repositories = new LinkedHashSet<>();
    for (Action action : pipeline.actions()) {
      if (!(action instanceof CodeBuildAction build)
          || !build.project().name().equals(project.name())) {
        continue;
      }
      for (String input : build.inputArtifacts()) {
        for (Action other : pipeline.actions()) {
          if (other instanceof Source s
              && s.output().equals(input)
              && s.outputFormat().orElse(null) == OutputArtifactFormat.CODEBUILD_CLONE_REF) {
            switch (s.kind()) {
              case CODE_CONNECTIONS -> connections.add(s.connectionArn().orElseThrow());
              case CODECOMMIT -> repositories.add(arns.codeCommit(s.repository().orElseThrow()));
              default -> {
                // only Git sources have a full-clone format
              }
            }
          }
        }
      }
    }
    List<Object> statements = new ArrayList<>();
    addConnections(statements, "CloneThrough", connections);
    addScoped(statements, "CloneCodeCommit", List.of("codecommit:GitPull"), repositories);
    return statements;
  }

  /**
   * One {@code UseConnection} statement per connection service, with the action prefix the ARN
   * names ({@code arn:aws:codestar-connections:…} → {@code codestar-connections:UseConnection},
   * {@code arn:aws:codeconnections:…} → {@code codeconnections:UseConnection}): IAM evaluates the
   * action against the prefix of the resource's service, so granting both would grant one that
   * matches nothing. https://docs.aws.amazon.com/dtconsole/latest/userguide/rename.html
   */
  private static void addConnections(
      List<Object> statements, String sidPrefix, Collection<String> connectionArns) {
    Map<String, List<String>> byService = new java.util.TreeMap<>();
    for (String arn : connectionArns) {
      byService.computeIfAbsent(connectionService(arn), k -> new ArrayList<>()).add(arn);
    }
    for (Map.Entry<String, List<String>> e : byService.entrySet()) {
      String sid =
          sidPrefix
              + (e.getKey().equals("codestar-connections")
                  ? "CodeStarConnections"
                  : "CodeConnections");
      statements.add(statement(sid, List.of(e.getKey() + ":UseConnection"), e.getValue()));
    }
  }

  /** The service an ARN names (its third field); a connection is one of two services. */
  private static String connectionService(String arn) {
    String[] parts = arn.split(":", 4);
    return parts.length > 2 && parts[2].equals("codestar-connections")
        ? "codestar-connections"
        : "codeconnections";
  }

  private static List<Object> api(Arns arns, ApiPublication api) {
    String restApi = arns.restApi(api.restApiId());
    return List.of(
        statement("PutRestApi", List.of("apigateway:PUT"), List.of(restApi)),
        statement(
            "CreateDeployment", List.of("apigateway:POST"), List.of(restApi + "/deployments")),
        // deploy-api also reads the working definition (GetResources) to detect another publish,
        // and takes its hash off a deployment that may hold another document (UpdateDeployment).
        // ARNs:
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
        statement(
            "ReadApiStageAndDeployments",
            List.of("apigateway:GET"),
            List.of(
                restApi,
                restApi + "/resources",
                restApi + "/stages/" + api.stage(),
                restApi + "/deployments",
                restApi + "/deployments/*")),
        statement(
            "RelabelUnverifiedDeployment",
            List.of("apigateway:PATCH"),
            List.of(restApi + "/deployments/*")));
  }

  /** The policy document for the pipeline's role. */
  public static Map<String, Object> pipelineRole(Pipeline pipeline) {
    Arns arns = new Arns(pipeline.account(), pipeline.region());
    List<Object> statements = new ArrayList<>();
    statements.add(readWriteArtifacts(pipeline));
    statements.add(
        statement(
            "ArtifactBucket",
            List.of("s3:GetBucketLocation", "s3:GetBucketVersioning"),
            List.of(Arns.bucket(pipeline.artifactBucket()))));
    Set<String> connections = new LinkedHashSet<>();
    Set<String> codeCommit = new LinkedHashSet<>();
    Set<String> codeCommitClones = new LinkedHashSet<>();
    Set<String> s3Objects = new LinkedHashSet<>();
    Set<String> s3Buckets = new LinkedHashSet<>();
    Set<String> ecrSources = new LinkedHashSet<>();
    Set<String> projects = new LinkedHashSet<>();
    Set<String> batchProjects = new LinkedHashSet<>();
    Set<String> services = new LinkedHashSet<>();
    Set<String> clusters = new LinkedHashSet<>();
    Set<String> tasks = new LinkedHashSet<>();
    Set<String> passRoles = new LinkedHashSet<>();
    Set<String> families = new LinkedHashSet<>();
    Set<String> topics = new LinkedHashSet<>();
    Set<String> codeDeploy = new LinkedHashSet<>();
    boolean describesTaskDefinitions = false;
    boolean anyFamily = false;
    boolean anyTaskRole = false;
    for (Action action : pipeline.actions()) {
      if (action instanceof Source s) {
        switch (s.kind()) {
          case CODE_CONNECTIONS -> connections.add(s.connectionArn().orElseThrow());
          case CODECOMMIT -> {
            codeCommit.add(arns.codeCommit(s.repository().orElseThrow()));
            if (s.outputFormat().orElse(null) == OutputArtifactFormat.CODEBUILD_CLONE_REF) {
              codeCommitClones.add(arns.codeCommit(s.repository().orElseThrow()));
            }
          }
          case S3 -> {
            s3Objects.add(
                Arns.bucket(s.bucket().orElseThrow()) + "/" + s.objectKey().orElseThrow());
            s3Buckets.add(Arns.bucket(s.bucket().orElseThrow()));
          }
          case ECR ->
              ecrSources.add(
                  arns.ecrRepository(
                      pipeline.account(), pipeline.region(), s.repository().orElseThrow()));
          default -> throw new IllegalStateException(s.kind().name());
        }
      } else if (action instanceof CodeBuildAction b) {
        // A batch action starts, polls and (stop-and-abandon) stops build batches, a plain one
        // builds; neither needs the other's actions.
        if (b.batchEnabled().orElse(false)) {
          batchProjects.add(arns.codeBuildProject(b.project().name()));
        } else {
          projects.add(arns.codeBuildProject(b.project().name()));
        }
      } else if (action instanceof EcsDeployAction e) {
        describesTaskDefinitions = true;
        services.add(arns.ecsService(e.clusterName(), e.serviceName()));
        clusters.add(e.clusterName());
        tasks.add(arns.ecsTasks(e.clusterName()));
        passRoles.addAll(e.passRoleArns());
        if (e.taskDefinition().isPresent()) {
          families.add(arns.ecsTaskDefinitions(e.taskDefinition().get().family()));
        } else {
          // The action registers a revision of the service's current family, which the
          // definition does not name: every family of this account and Region.
          anyFamily = true;
        }
      } else if (action instanceof CodeDeployToEcsAction c) {
        codeDeploy.add(arns.codeDeployApplication(c.applicationName()));
        codeDeploy.add(arns.codeDeployGroup(c.applicationName(), c.deploymentGroupName()));
        c.taskDefinition().ifPresent(td -> passRoles.addAll(td.roleArns()));
        if (c.taskDefinition().isPresent()) {
          families.add(arns.ecsTaskDefinitions(c.taskDefinition().get().family()));
        } else {
          // The action registers the artifact's taskdef.json, whose task and execution roles the
          // definition does not name: it may pass any role of this account, to ECS tasks only.
          anyFamily = true;
          anyTaskRole = true;
        }
      } else if (action instanceof ManualApprovalAction m) {
        m.notificationArn().ifPresent(topics::add);
      }
    }
    addConnections(statements, "Use", connections);
    addScoped(
        statements,
        "ReadCodeCommit",
        List.of(
            "codecommit:CancelUploadArchive",
            "codecommit:GetBranch",
            "codecommit:GetCommit",
            "codecommit:GetUploadArchiveStatus",
            "codecommit:UploadArchive"),
        codeCommit);
    // A full-clone output carries the repository's clone URL, which the action reads with
    // GetRepository (AWS CDK grants it for codeBuildCloneOutput only, as here).
    addScoped(
        statements,
        "DescribeClonedCodeCommit",
        List.of("codecommit:GetRepository"),
        codeCommitClones);
    addScoped(
        statements, "ReadSourceObjects", List.of("s3:GetObject", "s3:GetObjectVersion"), s3Objects);
    addScoped(statements, "SourceBuckets", List.of("s3:GetBucketVersioning"), s3Buckets);
    addScoped(statements, "ReadSourceImages", List.of("ecr:DescribeImages"), ecrSources);
    // StopBuild / StopBuildBatch: "stop and abandon" abandons the in-progress action, and
    // CodePipeline stops its build (AWS CDK grants the same for CodeBuildAction).
    // https://docs.aws.amazon.com/codepipeline/latest/userguide/pipelines-stop.html
    addScoped(
        statements,
        "RunBuilds",
        List.of("codebuild:BatchGetBuilds", "codebuild:StartBuild", "codebuild:StopBuild"),
        projects);
    addScoped(
        statements,
        "RunBuildBatches",
        List.of(
            "codebuild:BatchGetBuildBatches",
            "codebuild:StartBuildBatch",
            "codebuild:StopBuildBatch"),
        batchProjects);
    if (!services.isEmpty()) {
      statements.add(
          statement(
              "UpdateServices",
              List.of("ecs:DescribeServices", "ecs:UpdateService"),
              new ArrayList<>(services)));
      statements.add(
          statement("DescribeDeployTasks", List.of("ecs:DescribeTasks"), new ArrayList<>(tasks)));
      List<String> clusterArns = new ArrayList<>();
      clusters.forEach(c -> clusterArns.add(arns.ecsCluster(c)));
      Map<String, Object> listTasks =
          statement("ListDeployTasks", List.of("ecs:ListTasks"), List.of("*"));
      listTasks.put("Condition", Map.of("ArnEquals", Map.of("ecs:cluster", clusterArns)));
      statements.add(listTasks);
    }
    if (!codeDeploy.isEmpty()) {
      List<String> resources = new ArrayList<>(codeDeploy);
      resources.add(arns.codeDeployConfig());
      statements.add(
          statement(
              "DeployBlueGreen",
              List.of(
                  "codedeploy:CreateDeployment",
                  "codedeploy:GetApplication",
                  "codedeploy:GetApplicationRevision",
                  "codedeploy:GetDeployment",
                  "codedeploy:GetDeploymentConfig",
                  "codedeploy:RegisterApplicationRevision"),
              resources));
    }
    if (describesTaskDefinitions) {
      // The rolling ECS action reads the service's current task definition; DescribeTaskDefinition
      // has no resource type in the Service Authorization Reference, so Resource must be "*".
      statements.add(
          statement(
              "DescribeTaskDefinitionHasNoResourceLevelPermissions",
              List.of("ecs:DescribeTaskDefinition"),
              List.of("*")));
    }
    // RegisterTaskDefinition takes the task-definition resource type (required), so the grant
    // is scoped to the families the definition deploys; TagResource on the same ARNs tags the
    // new revision (tag-on-create).
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/supported-iam-actions-tagging.html
    if (anyFamily) {
      families.clear();
      families.add(arns.ecsTaskDefinitions(null));
    }
    addScoped(
        statements,
        "RegisterTaskDefinitionRevisions",
        List.of("ecs:RegisterTaskDefinition", "ecs:TagResource"),
        families);
    // Registering a task definition passes its task and execution roles to ECS tasks.
    // CodePipeline's
    // service role policy grants iam:PassRole on "*" with iam:PassedToService including
    // ecs-tasks.amazonaws.com
    // (https://docs.aws.amazon.com/codepipeline/latest/userguide/how-to-custom-role.html), as does
    // AWSCodeDeployRoleForECS for the blue/green deployment
    // (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRoleForECS.html).
    // Scoped here to the roles the definition names; when a blue/green action's task definition is
    // not modelled, to the roles of this account (a role is passed only within its account), and
    // only to ECS tasks, the condition required rather than "IfExists".
    if (anyTaskRole) {
      Map<String, Object> pass =
          statement(
              "PassTaskRolesOfThisAccount",
              List.of("iam:PassRole"),
              List.of("arn:aws:iam::" + pipeline.account() + ":role/*"));
      pass.put(
          "Condition",
          Map.of(
              "StringEquals", Map.of("iam:PassedToService", List.of("ecs-tasks.amazonaws.com"))));
      statements.add(pass);
    } else if (!passRoles.isEmpty()) {
      Map<String, Object> pass =
          statement("PassTaskRoles", List.of("iam:PassRole"), new ArrayList<>(passRoles));
      pass.put(
          "Condition",
          Map.of(
              "StringEqualsIfExists",
              Map.of("iam:PassedToService", List.of("ecs-tasks.amazonaws.com"))));
      statements.add(pass);
    }
    addScoped(statements, "NotifyApprovers", List.of("sns:Publish"), topics);
    useArtifactKey(statements, pipeline);
    return document(statements);
  }

  /** An alias ARN: partition, region, account, alias name ({@code alias/NAME}). */
  private static final Pattern KEY_ALIAS_ARN =
      Pattern.compile("arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):(alias/.+)");

  /**
   * Using the artifact key, for both roles. A key ARN is the resource. An alias ARN is not: "When
   * an alias is the value of a resource element, the policy applies to the alias resource, not to
   * any KMS key that might be associated with it"; the keys of the alias's account and Region are,
   * on condition that the key has that alias ({@code kms:ResourceAliases}, multi-valued, so with
   * {@code ForAnyValue}; alias names, not ARNs).
   * https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
   * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-resource-aliases
   */
  private static void useArtifactKey(List<Object> statements, Pipeline pipeline) {
    if (pipeline.artifactKmsKeyArn().isEmpty()) {
      return;
    }
    String arn = pipeline.artifactKmsKeyArn().get();
    List<String> actions = List.of("kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey");
    Matcher alias = KEY_ALIAS_ARN.matcher(arn);
    if (!alias.matches()) {
      statements.add(statement("UseArtifactKey", actions, List.of(arn)));
      return;
    }
    Map<String, Object> use =
        statement(
            "UseArtifactKey",
            actions,
            List.of(
                "arn:"
                    + alias.group(1)
                    + ":kms:"
                    + alias.group(2)
                    + ":"
                    + alias.group(3)
                    + ":key/*"));
    use.put(
        "Condition",
        Map.of("ForAnyValue:StringEquals", Map.of("kms:ResourceAliases", List.of(alias.group(4)))));
    statements.add(use);
  }

  /** Reading and writing the pipeline's artifacts, for both roles. */
  private static Map<String, Object> readWriteArtifacts(Pipeline pipeline) {
    return statement(
        "ReadWriteArtifacts",
        List.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"),
        List.of(Arns.bucket(pipeline.artifactBucket()) + "/*"));
  }

  /** Adds the statement when there is a resource to scope it to; none means no permission. */
  private static void addScoped(
      List<Object> statements, String sid, List<String> actions, Collection<String> resources) {
    if (!resources.isEmpty()) {
      statements.add(statement(sid, actions, new ArrayList<>(resources)));
    }
  }

  private static Map<String, Object> statement(
      String sid, List<String> actions, List<String> resources) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    s.put("Action", new ArrayList<Object>(actions));
    s.put("Resource", new ArrayList<Object>(resources));
    return s;
  }

  private static Map<String, Object> document(List<Object> statements) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", "2012-10-17");
    doc.put("Statement", statements);
    return doc;
  }
}
