package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.BuildBatch;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two CloudFormation templates {@code pipeline build} writes: {@code bootstrap.template.json}
 * (what a pipeline needs before it can exist: roles, artifact bucket, ECR repositories, log groups,
 * a KMS key) and {@code pipeline.template.json} (the CodeBuild projects and the pipeline). The
 * roles' permission policies are {@link Policies}' documents, the same objects {@code iam/*.json}
 * are written from; the projects and the pipeline are {@link Declarations}' CreateProject and
 * CreatePipeline trees with their member names mapped to CloudFormation's.
 *
 * <p>The pipeline template takes the bootstrap template's outputs as parameters of the same names,
 * defaulting to the values the definition names, so it deploys with the bootstrap stack's outputs
 * or by hand.
 */
public final class Templates {
  /** Parameter and output: the pipeline's role. */
  public static final String PIPELINE_ROLE = "PipelineRoleArn";

  /** Parameter and output: the artifact bucket's name. */
  public static final String ARTIFACT_BUCKET = "ArtifactBucket";

  /** Parameter and output: the artifact store's KMS key. */
  public static final String ARTIFACT_KEY = "ArtifactKmsKeyArn";

  /** How long the CodeBuild log groups keep events (checkov CKV_AWS_338 asks for a year). */
  static final int LOG_RETENTION_DAYS = 365;

  /** Noncurrent artifact versions and untagged images are kept this many days. */
  static final int OLD_VERSION_DAYS = 30;

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role(/(?:[^/]+/)*)([^/]+)");
  private static final Pattern KEY_ALIAS_ARN =
      Pattern.compile("arn:aws:kms:([a-z0-9-]+):(\\d{12}):(alias/.+)");

  private Templates() {}

  /** The parameter (pipeline template) and output (bootstrap template) for a project's role. */
  public static Map<String, String> codeBuildRoleParameters(Pipeline p) {
    List<CodeBuildProject> projects = p.codeBuildProjects();
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>(Set.of(PIPELINE_ROLE, ARTIFACT_BUCKET, ARTIFACT_KEY));
    for (CodeBuildProject project : projects) {
      String base =
          projects.size() == 1 ? "CodeBuildRoleArn" : "CodeBuildRoleArn" + pascal(project.name());
      names.put(project.name(), unique(base, taken));
    }
    return names;
  }

  /**
   * The parameter (pipeline template) and output (bootstrap template) for the batch role of each
   * project that runs batch builds ({@code CodeBuildBatchRoleArn}, or {@code
   * CodeBuildBatchRoleArn<Project>} with several projects).
   */
  public static Map<String, String> batchRoleParameters(Pipeline p) {
    List<CodeBuildProject> projects = p.codeBuildProjects();
    Set<String> taken = new HashSet<>(Set.of(PIPELINE_ROLE, ARTIFACT_BUCKET, ARTIFACT_KEY));
    taken.addAll(codeBuildRoleParameters(p).values());
    Map<String, String> names = new LinkedHashMap<>();
    for (CodeBuildProject project : projects) {
      if (Declarations.runsBatch(p, project)) {
        String base =
            projects.size() == 1
                ? "CodeBuildBatchRoleArn"
                : "CodeBuildBatchRoleArn" + pascal(project.name());
        names.put(project.name(), unique(base, taken));
      }
    }
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // bootstrap.template.json

  /** {@code bootstrap.template.json}. */
  public static Map<String, Object> bootstrap(Pipeline p) {
    Set<String> ids = new HashSet<>();
    Map<String, Object> resources = new LinkedHashMap<>();
    Map<String, Object> outputs = new LinkedHashMap<>();
    Arns arns = new Arns(p.account(), p.region());

    // The key first: the roles and the bucket refer to it.
    String keyId = null;
    Matcher alias = KEY_ALIAS_ARN.matcher(p.artifactKmsKeyArn().orElse(""));
    boolean createKey =
        alias.matches() && alias.group(1).equals(p.region()) && alias.group(2).equals(p.account());

    // Roles, by ARN: a role shared by projects (or by the pipeline) is one resource.
    Map<String, Role> roles = new LinkedHashMap<>();
    Role pipelineRole =
        roles.computeIfAbsent(p.roleArn(), arn -> new Role(arn, unique("PipelineRole", ids), p));
    pipelineRole.exists |= p.roleExists();
    pipelineRole.trust("codepipeline.amazonaws.com", pipelineArn(p));
    pipelineRole.policies.put("pipeline-role-policy", Policies.pipelineRole(p));
    List<CodeBuildProject> projects = p.codeBuildProjects();
    boolean single = projects.size() == 1;
    Map<String, Role> projectRoles = new LinkedHashMap<>();
    for (CodeBuildProject project : projects) {
      String suffix = single ? "" : pascal(project.name());
      Role role =
          roles.computeIfAbsent(
              project.serviceRoleArn(),
              arn -> new Role(arn, unique("CodeBuildRole" + suffix, ids), p));
      role.exists |= project.serviceRoleExists();
      // CodeBuild assumes the role for a build of the project: allow the project's ARN and its
      // builds' ARNs (build/NAME:ID), nothing else of this account.
      role.trust(
          "codebuild.amazonaws.com",
          arns.codeBuildProject(project.name()),
          "arn:aws:codebuild:"
              + p.region()
              + ":"
              + p.account()
              + ":build/"
              + project.name()
              + ":*");
      role.policies.put(
          "codebuild-role-policy" + (single ? "" : "-" + project.name()),
          Policies.codeBuildRole(p, project));
      projectRoles.put(project.name(), role);
    }
    // The roles that read and write artifacts: the key's users (a batch role only starts builds).
    // Their own policies name a created key by its alias (kms:ResourceAliases on this account's
    // keys, see Policies), not by Fn::GetAtt: the key policy names the roles, so a reference back
    // would be a cycle, and an alias ARN as the resource names no key at all
    // (https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html).
    List<Role> keyUsers = new ArrayList<>(roles.values());

    // A project that runs batch builds: CodeBuild assumes the batch role to start, stop and retry
    // the batch's builds (https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build.html,
    // "Security role"). Trusted like the project's role, on behalf of the project, its builds and
    // its batches (build-batch/NAME:ID, BuildBatch's arn:
    // https://docs.aws.amazon.com/codebuild/latest/APIReference/API_BuildBatch.html).
    Map<String, Role> batchRoles = new LinkedHashMap<>();
    for (CodeBuildProject project : projects) {
      if (!Declarations.runsBatch(p, project)) {
        continue;
      }
      String suffix = single ? "" : pascal(project.name());
      BuildBatch batch = project.batchSettings();
      Role role =
          roles.computeIfAbsent(
              batch.serviceRoleArn(),
              arn -> new Role(arn, unique("CodeBuildBatchRole" + suffix, ids), p));
      role.exists |=
          batch.serviceRoleExists()
              || (batch.serviceRoleArn().equals(project.serviceRoleArn())
                  && project.serviceRoleExists());
      String builds = "arn:aws:codebuild:" + p.region() + ":" + p.account() + ":";
      role.trust(
          "codebuild.amazonaws.com",
          arns.codeBuildProject(project.name()),
          builds + "build/" + project.name() + ":*",
          builds + "build-batch/" + project.name() + ":*");
      role.policies.put(
          "codebuild-batch-role-policy" + (single ? "" : "-" + project.name()),
          BatchPolicies.batchRole(p, project));
      batchRoles.put(project.name(), role);
    }

    if (createKey) {
      keyId = unique("ArtifactKey", ids);
      String aliasId = unique("ArtifactKeyAlias", ids);
      resources.put(keyId, key(p, keyUsers, projects));
      Map<String, Object> aliasProps = new LinkedHashMap<>();
      aliasProps.put("AliasName", alias.group(3));
      aliasProps.put("TargetKeyId", ref(keyId));
      resources.put(aliasId, resource("AWS::KMS::Alias", aliasProps));
      outputs.put(
          ARTIFACT_KEY,
          output(
              ARTIFACT_KEY,
              "The artifact store's KMS key (its alias)",
              Map.of(
                  "Fn::Sub",
                  "arn:aws:kms:" + p.region() + ":" + p.account() + ":${" + aliasId + "}")));
    }

    for (Role role : roles.values()) {
      if (role.created()) {
        resources.put(role.logicalId, role.template());
      }
    }
    outputs.put(
        PIPELINE_ROLE, output(PIPELINE_ROLE, "The pipeline's role", pipelineRole.arnValue()));
    Map<String, String> roleParameters = codeBuildRoleParameters(p);
    for (CodeBuildProject project : projects) {
      outputs.put(
          roleParameters.get(project.name()),
          output(
              roleParameters.get(project.name()),
              "The service role of CodeBuild project " + project.name(),
              projectRoles.get(project.name()).arnValue()));
    }
    batchRoleParameters(p)
        .forEach(
            (project, name) ->
                outputs.put(
                    name,
                    output(
                        name,
                        "The batch role of CodeBuild project " + project,
                        batchRoles.get(project).arnValue())));

    if (p.artifactBucketExists()) {
      outputs.put(
          ARTIFACT_BUCKET, output(ARTIFACT_BUCKET, "The artifact bucket", p.artifactBucket()));
    } else {
      String bucketId = unique("ArtifactBucket", ids);
      resources.put(bucketId, bucket(p, keyId));
      resources.put(unique("ArtifactBucketPolicy", ids), tlsOnly(bucketId));
      outputs.put(ARTIFACT_BUCKET, output(ARTIFACT_BUCKET, "The artifact bucket", ref(bucketId)));
    }
    if (p.artifactKmsKeyArn().isPresent() && !createKey) {
      outputs.put(
          ARTIFACT_KEY,
          output(ARTIFACT_KEY, "The artifact store's KMS key", p.artifactKmsKeyArn().get()));
    }

    // ECR repositories the projects push to, in this account and region, not marked existing.
    Map<String, List<ContainerImage>> repositories = new LinkedHashMap<>();
    for (CodeBuildProject project : projects) {
      for (ContainerImage image : project.images()) {
        boolean here =
            image.registryAccount().orElse(p.account()).equals(p.account())
                && image.registryRegion().orElse(p.region()).equals(p.region());
        if (here) {
          repositories.computeIfAbsent(image.repository(), r -> new ArrayList<>()).add(image);
        }
      }
    }
    repositories.forEach(
        (name, images) -> {
          if (images.stream().noneMatch(ContainerImage::repositoryExists)) {
            resources.put(unique("Repository" + pascal(name), ids), repository(name, images));
          }
        });

    // One log group per name the projects write to.
    Map<String, String> groups = new LinkedHashMap<>();
    for (CodeBuildProject project : projects) {
      groups.putIfAbsent(project.logGroupName(), project.name());
    }
    for (String group : groups.keySet()) {
      resources.put(unique("LogGroup" + pascal(group), ids), logGroup(group, keyId));
    }

    Map<String, Object> template = new LinkedHashMap<>();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put(
        "Description",
        "What pipeline "
            + p.name()
            + " needs before it can exist (written by pipeline build; deploy it before"
            + " pipeline.template.json)");
    template.put("Resources", resources);
    template.put("Outputs", outputs);
    return template;
  }

  private static String pipelineArn(Pipeline p) {
    return "arn:aws:codepipeline:" + p.region() + ":" + p.account() + ":" + p.name();
  }

  /** A role the template creates (or, when it exists already or elsewhere, only refers to). */
  private static final class Role {
    final String arn;
    final String logicalId;
    final Pipeline pipeline;
    final Map<String, List<String>> trust = new LinkedHashMap<>();
    final Map<String, Object> policies = new LinkedHashMap<>();
    boolean exists;

    Role(String arn, String logicalId, Pipeline pipeline) {
      this.arn = arn;
      this.logicalId = logicalId;
      this.pipeline = pipeline;
    }

    void trust(String service, String... sourceArns) {
      List<String> sources = trust.computeIfAbsent(service, s -> new ArrayList<>());
      for (String arn : sourceArns) {
        if (!sources.contains(arn)) {
          sources.add(arn);
        }
      }
    }

    /** Created unless it exists already or lives in another account (or is no role ARN). */
    boolean created() {
      Matcher m = ROLE_ARN.matcher(arn);
      return !exists && m.matches() && m.group(1).equals(pipeline.account());
    }

    Object arnValue() {
      return created() ? getAtt(logicalId, "Arn") : arn;
    }

    /**
     * The trust policy allows each service only on behalf of this pipeline's resources: {@code
     * aws:SourceAccount} and {@code aws:SourceArn}, as AWS advises against the cross-service
     * confused deputy (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html;
     * condition keys:
     * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourcearn;
     * the services' roles:
     * https://docs.aws.amazon.com/codepipeline/latest/userguide/how-to-custom-role.html,
     * https://docs.aws.amazon.com/codebuild/latest/userguide/setting-up-service-role.html; project
     * and build ARN formats:
     * https://docs.aws.amazon.com/codebuild/latest/userguide/auth-and-access-control-iam-access-control-identity-based.html).
     */
    Map<String, Object> template() {
      Matcher m = ROLE_ARN.matcher(arn);
      if (!m.matches()) {
        throw new IllegalStateException(arn);
      }
      List<Object> statements = new ArrayList<>();
      trust.forEach(
          (service, sources) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("Effect", "Allow");
            s.put("Principal", Map.of("Service", service));
            s.put("Action", "sts:AssumeRole");
            Map<String, Object> condition = new LinkedHashMap<>();
            condition.put("StringEquals", Map.of("aws:SourceAccount", pipeline.account()));
            condition.put("ArnLike", Map.of("aws:SourceArn", new ArrayList<Object>(sources)));
            s.put("Condition", condition);
            statements.add(s);
          });
      Map<String, Object> trustPolicy = new LinkedHashMap<>();
      trustPolicy.put("Version", "2012-10-17");
      trustPolicy.put("Statement", statements);
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("RoleName", m.group(3));
      props.put("Path", m.group(2));
      props.put("AssumeRolePolicyDocument", trustPolicy);
      List<Object> inline = new ArrayList<>();
      policies.forEach(
          (name, document) -> {
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("PolicyName", name);
            policy.put("PolicyDocument", document);
            inline.add(policy);
          });
      props.put("Policies", inline);
      return Templates.resource("AWS::IAM::Role", props);
    }
  }

  private static Map<String, Object> key(
      Pipeline p, Iterable<Role> roles, List<CodeBuildProject> projects) {
    List<Object> statements = new ArrayList<>();
    Map<String, Object> admin = new LinkedHashMap<>();
    admin.put("Sid", "AccountAdministersKey");
    admin.put("Effect", "Allow");
    admin.put("Principal", Map.of("AWS", "arn:aws:iam::" + p.account() + ":root"));
    admin.put("Action", "kms:*");
    admin.put("Resource", "*");
    statements.add(admin);
    List<Object> principals = new ArrayList<>();
    for (Role role : roles) {
      principals.add(role.arnValue());
    }
    Map<String, Object> use = new LinkedHashMap<>();
    use.put("Sid", "PipelineRolesUseKey");
    use.put("Effect", "Allow");
    use.put("Principal", Map.of("AWS", principals));
    use.put(
        "Action", List.of("kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*"));
    use.put("Resource", "*");
    statements.add(use);
    // CloudWatch Logs encrypts the build log groups with the key:
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
    Set<String> groups = new LinkedHashSet<>();
    Arns arns = new Arns(p.account(), p.region());
    projects.forEach(project -> groups.add(arns.logGroup(project.logGroupName())));
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("Sid", "LogsEncryptBuildLogs");
    logs.put("Effect", "Allow");
    logs.put("Principal", Map.of("Service", "logs." + p.region() + ".amazonaws.com"));
    logs.put(
        "Action",
        List.of(
            "kms:Decrypt*",
            "kms:Describe*",
            "kms:Encrypt*",
            "kms:GenerateDataKey*",
            "kms:ReEncrypt*"));
    logs.put("Resource", "*");
    logs.put(
        "Condition",
        Map.of(
            "ArnLike",
            Map.of("kms:EncryptionContext:aws:logs:arn", new ArrayList<Object>(groups))));
    statements.add(logs);
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", statements);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("Description", "Artifacts and build logs of pipeline " + p.name());
    props.put("EnableKeyRotation", true);
    props.put("KeyPolicy", policy);
    return retained(resource("AWS::KMS::Key", props));
  }

  private static Map<String, Object> bucket(Pipeline p, String keyId) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("BucketName", p.artifactBucket());
    Map<String, Object> sse = new LinkedHashMap<>();
    Object key = keyId != null ? getAtt(keyId, "Arn") : p.artifactKmsKeyArn().orElse(null);
    if (key != null) {
      sse.put("SSEAlgorithm", "aws:kms");
      sse.put("KMSMasterKeyID", key);
    } else {
      sse.put("SSEAlgorithm", "AES256");
    }
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("ServerSideEncryptionByDefault", sse);
    if (key != null) {
      rule.put("BucketKeyEnabled", true);
    }
    props.put("BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(rule)));
    props.put("VersioningConfiguration", Map.of("Status", "Enabled"));
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("BlockPublicAcls", true);
    block.put("BlockPublicPolicy", true);
    block.put("IgnorePublicAcls", true);
    block.put("RestrictPublicBuckets", true);
    props.put("PublicAccessBlockConfiguration", block);
    props.put(
        "OwnershipControls",
        Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))));
    Map<String, Object> oldVersions = new LinkedHashMap<>();
    oldVersions.put("Id", "ExpireOldArtifactVersions");
    oldVersions.put("Status", "Enabled");
    oldVersions.put("NoncurrentVersionExpiration", Map.of("NoncurrentDays", OLD_VERSION_DAYS));
    oldVersions.put("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7));
    props.put("LifecycleConfiguration", Map.of("Rules", List.of(oldVersions)));
    Map<String, Object> bucket = retained(resource("AWS::S3::Bucket", props));
    List<Object> skips = new ArrayList<>();
    skips.add(
        skip(
            "CKV_AWS_18",
            "server access logs need a second bucket; CloudTrail data events cover artifact access"));
    bucket.put("Metadata", checkov(skips));
    return bucket;
  }

  /** Denies every request to the bucket that does not use TLS. */
  private static Map<String, Object> tlsOnly(String bucketId) {
    Map<String, Object> deny = new LinkedHashMap<>();
    deny.put("Sid", "DenyInsecureTransport");
    deny.put("Effect", "Deny");
    deny.put("Principal", "*");
    deny.put("Action", "s3:*");
    deny.put(
        "Resource",
        List.of(getAtt(bucketId, "Arn"), Map.of("Fn::Sub", "${" + bucketId + ".Arn}/*")));
    deny.put("Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")));
    Map<String, Object> policy = new LinkedHashMap<>();
    policy.put("Version", "2012-10-17");
    policy.put("Statement", List.of(deny));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("Bucket", ref(bucketId));
    props.put("PolicyDocument", policy);
    return resource("AWS::S3::BucketPolicy", props);
  }

  /**
   * Scan on push; tags immutable unless an image pushes {@code latest} or additional (moving) tags;
   * untagged images expire.
   */
  private static Map<String, Object> repository(String name, List<ContainerImage> images) {
    boolean mutable =
        images.stream()
            .anyMatch(
                i ->
                    i.tagPolicy().explicitLatest()
                        || "latest".equals(i.tagPolicy().fixedTag().orElse(null))
                        || !i.additionalTags().isEmpty());
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("RepositoryName", name);
    props.put("ImageScanningConfiguration", Map.of("ScanOnPush", true));
    props.put("ImageTagMutability", mutable ? "MUTABLE" : "IMMUTABLE");
    props.put("EncryptionConfiguration", Map.of("EncryptionType", "KMS"));
    Map<String, Object> selection = new LinkedHashMap<>();
    selection.put("tagStatus", "untagged");
    selection.put("countType", "sinceImagePushed");
    selection.put("countUnit", "days");
    selection.put("countNumber", OLD_VERSION_DAYS);
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("rulePriority", 1);
    rule.put("description", "Expire untagged images");
    rule.put("selection", selection);
    rule.put("action", Map.of("type", "expire"));
    props.put(
        "LifecyclePolicy",
        Map.of("LifecyclePolicyText", Json.compact(Map.of("rules", List.of(rule)))));
    Map<String, Object> repository = retained(resource("AWS::ECR::Repository", props));
    if (mutable) {
      repository.put(
          "Metadata",
          checkov(
              List.of(
                  skip(
                      "CKV_AWS_51",
                      "an image pushes latest or additional tags, which move: tags must be"
                          + " mutable"))));
    }
    return repository;
  }

  private static Map<String, Object> logGroup(String name, String keyId) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("LogGroupName", name);
    props.put("RetentionInDays", LOG_RETENTION_DAYS);
    if (keyId != null) {
      props.put("KmsKeyId", getAtt(keyId, "Arn"));
    }
    Map<String, Object> group = retained(resource("AWS::Logs::LogGroup", props));
    if (keyId == null) {
      group.put(
          "Metadata",
          checkov(
              List.of(
                  skip(
                      "CKV_AWS_158",
                      "the definition asks for no KMS key: CloudWatch Logs encrypts with its own"
                          + " keys"))));
    }
    return group;
  }

  // ---------------------------------------------------------------------------------------------
  // pipeline.template.json

  /**
   * {@code pipeline.template.json}: the CodeBuild projects and the pipeline from their
   * CreateProject / CreatePipeline trees ({@code createProjects} by project name).
   */
  public static Map<String, Object> pipeline(
      Pipeline p,
      Map<String, Object> createPipeline,
      Map<String, Map<String, Object>> createProjects) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put(PIPELINE_ROLE, parameter("The pipeline's role", p.roleArn()));
    Map<String, String> roleParameters = codeBuildRoleParameters(p);
    for (CodeBuildProject project : p.codeBuildProjects()) {
      parameters.put(
          roleParameters.get(project.name()),
          parameter(
              "The service role of CodeBuild project " + project.name(), project.serviceRoleArn()));
    }
    Map<String, String> batchParameters = batchRoleParameters(p);
    for (CodeBuildProject project : p.codeBuildProjects()) {
      if (batchParameters.containsKey(project.name())) {
        parameters.put(
            batchParameters.get(project.name()),
            parameter(
                "The batch role of CodeBuild project " + project.name(),
                project.batchSettings().serviceRoleArn()));
      }
    }
    parameters.put(ARTIFACT_BUCKET, parameter("The artifact bucket", p.artifactBucket()));
    p.artifactKmsKeyArn()
        .ifPresent(
            key -> parameters.put(ARTIFACT_KEY, parameter("The artifact store's KMS key", key)));

    Set<String> ids = new HashSet<>(Set.of("Pipeline"));
    Map<String, Object> resources = new LinkedHashMap<>();
    List<Object> projectIds = new ArrayList<>();
    boolean single = createProjects.size() == 1;
    for (CodeBuildProject project : p.codeBuildProjects()) {
      String id = unique("CodeBuildProject" + (single ? "" : pascal(project.name())), ids);
      projectIds.add(id);
      Map<String, Object> props =
          projectProperties(
              createProjects.get(project.name()),
              roleParameters.get(project.name()),
              batchParameters.get(project.name()));
      Map<String, Object> resource = resource("AWS::CodeBuild::Project", props);
      resources.put(id, resource);
    }
    Map<String, Object> pipeline =
        resource("AWS::CodePipeline::Pipeline", pipelineProperties(createPipeline));
    if (!projectIds.isEmpty()) {
      pipeline.put("DependsOn", projectIds);
    }
    resources.put("Pipeline", pipeline);

    Map<String, Object> template = new LinkedHashMap<>();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put(
        "Description",
        "The CodeBuild project(s) and pipeline "
            + p.name()
            + " (written by pipeline build; deploy bootstrap.template.json first)");
    template.put("Parameters", parameters);
    template.put("Resources", resources);
    return template;
  }

  /** The CreatePipeline tree as AWS::CodePipeline::Pipeline properties. */
  static Map<String, Object> pipelineProperties(Map<String, Object> createPipeline) {
    Map<String, Object> declaration = map(createPipeline.get("pipeline"));
    Map<String, Object> props = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : declaration.entrySet()) {
      switch (e.getKey()) {
        case "version" -> {
          // CloudFormation has no Version: CodePipeline numbers the declarations itself.
        }
        case "roleArn" -> props.put("RoleArn", ref(PIPELINE_ROLE));
        case "artifactStore" -> {
          Map<String, Object> store = new LinkedHashMap<>();
          for (Map.Entry<String, Object> s : map(e.getValue()).entrySet()) {
            switch (s.getKey()) {
              case "location" -> store.put("Location", ref(ARTIFACT_BUCKET));
              case "encryptionKey" -> {
                Map<String, Object> key = new LinkedHashMap<>();
                for (Map.Entry<String, Object> k : map(s.getValue()).entrySet()) {
                  key.put(
                      capitalize(k.getKey()),
                      k.getKey().equals("id") ? ref(ARTIFACT_KEY) : k.getValue());
                }
                store.put("EncryptionKey", key);
              }
              default -> store.put(capitalize(s.getKey()), cfn(s.getValue()));
            }
          }
          props.put("ArtifactStore", store);
        }
        default -> props.put(capitalize(e.getKey()), cfn(e.getValue()));
      }
    }
    Object tags = createPipeline.get("tags");
    if (tags != null) {
      props.put("Tags", cfn(tags));
    }
    return props;
  }

  /**
   * A CreateProject tree as AWS::CodeBuild::Project properties; the service role and the batch role
   * ({@code batchRole}, null without batch builds) are the parameters of those names.
   */
  static Map<String, Object> projectProperties(
      Map<String, Object> createProject, String role, String batchRole) {
    Map<String, Object> props = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : createProject.entrySet()) {
      if (e.getKey().equals("serviceRole")) {
        props.put("ServiceRole", ref(role));
      } else if (e.getKey().equals("buildBatchConfig") && batchRole != null) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : map(e.getValue()).entrySet()) {
          config.put(
              capitalize(c.getKey()),
              c.getKey().equals("serviceRole") ? ref(batchRole) : cfn(c.getValue()));
        }
        props.put("BuildBatchConfig", config);
      } else {
        props.put(capitalize(e.getKey()), cfn(e.getValue()));
      }
    }
    return props;
  }

  /**
   * An API member tree as CloudFormation properties: each member name capitalized (CodePipeline's
   * and CodeBuild's API members are CloudFormation's, camelCase instead of PascalCase) except
   * {@code buildspec}, which CloudFormation spells {@code BuildSpec}; an action's {@code
   * configuration} is kept as it is (its keys are the action's own).
   */
  private static Object cfn(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String key = (String) e.getKey();
        if (key.equals("configuration")) {
          out.put("Configuration", new LinkedHashMap<>((Map<?, ?>) e.getValue()));
        } else {
          out.put(key.equals("buildspec") ? "BuildSpec" : capitalize(key), cfn(e.getValue()));
        }
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(cfn(v)));
      return out;
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------------
  // small parts

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static String capitalize(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * {@code kitchen-images} → {@code KitchenImages}; {@code /aws/codebuild/x} → {@code
   * AwsCodebuildX}.
   */
  static String pascal(String name) {
    StringBuilder out = new StringBuilder();
    for (String part : name.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /** {@code base}, or {@code base2}, {@code base3}… when taken; marks the one returned taken. */
  private static String unique(String base, Set<String> taken) {
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + n;
    }
    return id;
  }

  private static Map<String, Object> resource(String type, Map<String, Object> props) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Type", type);
    r.put("Properties", props);
    return r;
  }

  /**
   * Kept when the stack is deleted or the resource replaced (artifacts, images, logs and the key
   * that decrypts them outlive the stack), as AWS CDK does for buckets, repositories, log groups
   * and keys.
   */
  private static Map<String, Object> retained(Map<String, Object> resource) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Type", resource.get("Type"));
    r.put("DeletionPolicy", "Retain");
    r.put("UpdateReplacePolicy", "Retain");
    r.put("Properties", resource.get("Properties"));
    return r;
  }

  private static Map<String, Object> parameter(String description, String defaultValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Type", "String");
    m.put("Description", description + " (the bootstrap stack's output of the same name)");
    m.put("Default", defaultValue);
    return m;
  }

  /** An output, exported as {@code STACK-NAME} for templates that import it. */
  private static Map<String, Object> output(String name, String description, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Description", description);
    m.put("Value", value);
    m.put("Export", Map.of("Name", Map.of("Fn::Sub", "${AWS::StackName}-" + name)));
    return m;
  }

  private static Map<String, Object> ref(String name) {
    return Map.of("Ref", name);
  }

  private static Map<String, Object> getAtt(String id, String attribute) {
    return Map.of("Fn::GetAtt", List.of(id, attribute));
  }

  private static Map<String, Object> skip(String id, String comment) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("comment", comment);
    return m;
  }

  /**
   * Checkov's suppressions in a resource's Metadata:
   * https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html
   */
  private static Map<String, Object> checkov(List<Object> skips) {
    return Map.of("checkov", Map.of("skip", skips));
  }
}
