package io.pipelinekit.aws;

import io.pipelinekit.aws.internal.CallTracker;
import io.pipelinekit.aws.internal.Failures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClientBuilder;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Deploys a CloudFormation template through a change set, the way {@code aws cloudformation deploy}
 * and the CDK do: {@code DescribeStacks} decides CREATE or UPDATE (a stack in {@code
 * REVIEW_IN_PROGRESS}, left by an earlier change set that was never executed, has no resources and
 * counts as new); {@code CreateChangeSet} under a unique name; {@code DescribeChangeSet} until it
 * is {@code CREATE_COMPLETE} or {@code FAILED}; the change set is the {@link ChangeSetPlan}. {@link
 * #discard} deletes it (and a {@code REVIEW_IN_PROGRESS} stack this run made); {@link #execute}
 * runs {@code ExecuteChangeSet} and follows {@code DescribeStackEvents} until the stack reaches a
 * final state.
 *
 * <p>CreateChangeSet and ExecuteChangeSet are not repeated blindly. Both carry a token
 * (ClientToken, ClientRequestToken: "specify this token if you plan to retry requests",
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ExecuteChangeSet.html), and
 * after an ambiguous failure (5xx, reset, timeout: the request may have been carried out) this
 * first looks for its effect: the change set by name (DescribeChangeSet), or the change set's
 * {@code ExecutionStatus} ({@code AVAILABLE} means not executed, {@code EXECUTE_IN_PROGRESS} /
 * {@code EXECUTE_COMPLETE} / {@code EXECUTE_FAILED} that it was,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_ChangeSetSummary.html) and
 * the stack's status; only when there is none does it send the call again.
 *
 * <p>Stack states are those of
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-describing-stacks.html:
 * a final state is any that is not {@code *_IN_PROGRESS}; only {@code CREATE_COMPLETE}, {@code
 * UPDATE_COMPLETE} and {@code IMPORT_COMPLETE} are success.
 *
 * <p>With a {@link TemplateBucket}, the template is first uploaded to S3 ({@code PutObject}, under
 * its SHA-256: sending it again writes the same object) and CloudFormation reads it from there
 * ({@code TemplateURL}, up to 1 MB instead of 51,200 bytes inline,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html). With
 * a {@link Builder#timeout}, waiting for the change set and the stack stops when it has passed
 * ({@link StackTimeoutException}); what was started is left to CloudFormation, never cancelled or
 * deleted.
 */
public final class StackDeployer implements AutoCloseable {
  /** Stack names: a letter, then letters, digits and hyphens, at most 128 characters. */
  private static final Pattern STACK_NAME = Pattern.compile("[a-zA-Z][-a-zA-Z0-9]{0,127}");

  /**
   * What CloudFormation says of a change set that changes nothing: the change set FAILED with the
   * first; moto (and some CloudFormation answers) refuse CreateChangeSet itself with the second.
   */
  private static final List<String> NO_CHANGES =
      List.of("didn't contain changes", "No updates are to be performed");

  private static final Set<String> SUCCESS =
      Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE");

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final CloudFormationClient client;
  private final RetryPolicy retryPolicy;
  private final StackListener listener;
  private final Duration pollInterval;
  private final Duration changeSetWait;
  private final TemplateBucket templateBucket;
  private final S3Client s3;
  private final Region s3Region;
  private final Duration timeout;
  private final long deadline;

  private StackDeployer(Builder b) {
    Objects.requireNonNull(b.clientBuilder, "clientBuilder");
    this.retryPolicy = b.retryPolicy;
    this.listener = b.listener;
    this.pollInterval = b.pollInterval;
    this.changeSetWait = b.changeSetWait;
    this.templateBucket = b.templateBucket;
    this.timeout = b.timeout;
    this.deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    if (templateBucket != null) {
      Objects.requireNonNull(b.s3ClientBuilder, "s3ClientBuilder (a template bucket is set)");
      Objects.requireNonNull(b.s3Region, "s3Region (a template bucket is set)");
    }
    this.s3Region = b.s3Region;
    this.client = b.clientBuilder.overrideConfiguration(overrides()).build();
    this.s3 =
        templateBucket == null
            ? null
            : b.s3ClientBuilder.overrideConfiguration(overrides()).build();
  }

  private ClientOverrideConfiguration overrides() {
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
    retryPolicy.applyTo(config, listener);
    return config.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A deployer for the AWS settings of {@code clients}, retrying as {@code policy} says. */
  public static StackDeployer create(
      AwsClients clients, RetryPolicy policy, StackListener listener) {
    return builder().clients(clients).retryPolicy(policy).listener(listener).build();
  }

  /**
   * Creates a change set for {@code template} with {@code parameters} on stack {@code stackName}
   * and waits until CloudFormation has computed it. With no changes, the change set is deleted
   * again (so is a stack this run made for it) and the plan is empty.
   *
   * @throws StackTemplateException for a bad stack name, an undeclared parameter, or a new stack
   *     missing a parameter without default (before any write)
   * @throws StackDeployException when CloudFormation refuses the change set or it fails
   */
  public ChangeSetPlan plan(String stackName, StackTemplate template, Map<String, String> given) {
    Objects.requireNonNull(template, "template");
    Map<String, String> parameters = new LinkedHashMap<>(Objects.requireNonNull(given, "given"));
    checkStackName(stackName);
    template.checkParameters(parameters);
    Optional<Stack> existing = describeStack(stackName);
    String status = existing.map(Stack::stackStatusAsString).orElse(null);
    if (status != null && status.endsWith("_IN_PROGRESS") && !status.equals("REVIEW_IN_PROGRESS")) {
      throw new StackDeployException(
          "stack '"
              + stackName
              + "' is "
              + status
              + ": another operation is running on it; wait until it ends, then deploy again");
    }
    if ("ROLLBACK_COMPLETE".equals(status) || "ROLLBACK_FAILED".equals(status)) {
      throw new StackDeployException(
          "stack '"
              + stackName
              + "' is "
              + status
              + ": its creation failed and CloudFormation can only delete it; delete it ('aws"
              + " cloudformation delete-stack --stack-name "
              + stackName
              + "'), then deploy again");
    }
    boolean create = existing.isEmpty() || "REVIEW_IN_PROGRESS".equals(status);
    List<Parameter> sent = parameters(template, parameters, create ? null : existing.get());
    String changeSetName =
        "pipelinekit-" + STAMP.format(Instant.now()) + "-" + HexFormat.of().formatHex(bytes(4));
    List<String> capabilities = template.capabilities();
    String templateUrl = templateBucket == null ? null : upload(template);
    if (templateUrl == null
        && template.body().getBytes(StandardCharsets.UTF_8).length > StackTemplate.MAX_BODY_BYTES) {
      throw new StackTemplateException(
          template.file()
              + ": over CloudFormation's limit of "
              + StackTemplate.MAX_BODY_BYTES
              + " bytes for a template sent with the request; give a template bucket (--s3-bucket)"
              + " to deploy it from S3");
    }
    Optional<CreateChangeSetResponse> created =
        createChangeSet(
            stackName, changeSetName, template, templateUrl, sent, capabilities, create);
    if (created.isEmpty()) {
      return new ChangeSetPlan(
          stackName,
          existing.map(Stack::stackId).orElse(null),
          changeSetName,
          null,
          create,
          false,
          capabilities,
          List.of());
    }
    String changeSetId = created.get().id();
    String stackId = created.get().stackId();
    boolean createdStack =
        create && (existing.isEmpty() || !existing.get().stackId().equals(stackId));
    DescribeChangeSetResponse described = awaitChangeSet(changeSetId, stackName);
    if ("FAILED".equals(described.statusAsString())) {
      String reason = String.valueOf(described.statusReason());
      ChangeSetPlan failed =
          new ChangeSetPlan(
              stackName,
              stackId,
              changeSetName,
              changeSetId,
              create,
              createdStack,
              capabilities,
              List.of());
      discard(failed);
      if (NO_CHANGES.stream().anyMatch(reason::contains)) {
        return new ChangeSetPlan(
            stackName, stackId, changeSetName, null, create, false, capabilities, List.of());
      }
      throw new StackDeployException(
          "CloudFormation could not create change set "
              + changeSetName
              + " for stack '"
              + stackName
              + "': "
              + reason
              + "; it was deleted"
              + (createdStack ? " (and so was the empty stack made for it)" : "")
              + ". Fix the template or parameters and deploy again");
    }
    ChangeSetPlan plan =
        new ChangeSetPlan(
            stackName,
            stackId,
            changeSetName,
            changeSetId,
            create,
            createdStack,
            capabilities,
            changes(changeSetId, stackName, described));
    if (!plan.hasChanges()) {
      // Computed, but changing no resource (moto answers a parameter-only change so): nothing
      // to execute, so nothing is left behind either.
      discard(plan);
      return new ChangeSetPlan(
          stackName, stackId, changeSetName, null, create, false, capabilities, List.of());
    }
    return plan;
  }

  /** Deletes the plan's change set, and the REVIEW_IN_PROGRESS stack this run made for it. */
  public void discard(ChangeSetPlan plan) {
    Objects.requireNonNull(plan, "plan");
    if (plan.changeSetId().isPresent()) {
      call(
          "DeleteChangeSet",
          () -> client.deleteChangeSet(r -> r.changeSetName(plan.changeSetId().get())));
    }
    if (plan.createdStack() && plan.stackId().isPresent()) {
      // A stack in REVIEW_IN_PROGRESS has no resources: deleting it deletes nothing else.
      call("DeleteStack", () -> client.deleteStack(r -> r.stackName(plan.stackId().get())));
    }
  }

  /**
   * Executes the plan's change set and follows the stack's events (each one reported to the
   * listener) until the stack reaches a final state.
   *
   * @throws IllegalArgumentException when the plan has no changes
   * @throws StackDeployException when CloudFormation refuses the execution
   */
  public StackResult execute(ChangeSetPlan plan) {
    Objects.requireNonNull(plan, "plan");
    if (!plan.hasChanges() || plan.changeSetId().isEmpty() || plan.stackId().isEmpty()) {
      throw new IllegalArgumentException("the plan has no changes: there is nothing to execute");
    }
    String stackId = plan.stackId().get();
    String changeSetId = plan.changeSetId().get();
    Set<String> seen = new LinkedHashSet<>();
    newEvents(stackId, seen); // what happened before this run is not this run's progress
    String before = describeStack(stackId).map(Stack::stackStatusAsString).orElse(null);
    executeChangeSet(plan, stackId, changeSetId, before);
    List<StackEvent> events = new ArrayList<>();
    Stack stack;
    while (true) {
      stack =
          describeStack(stackId)
              .orElseThrow(
                  () ->
                      new StackDeployException(
                          "stack '" + plan.stackName() + "' disappeared while it was deployed"));
      for (StackEvent e : newEvents(stackId, seen)) {
        events.add(e);
        listener.event(e);
      }
      String status = stack.stackStatusAsString();
      if (!status.endsWith("_IN_PROGRESS")) {
        break;
      }
      if (pastDeadline()) {
        throw new StackTimeoutException(
            "stack '"
                + plan.stackName()
                + "' is still "
                + status
                + " after the --timeout of "
                + seconds(timeout)
                + ": deploy-stack stopped waiting; nothing was cancelled or deleted, and"
                + " CloudFormation goes on with change set "
                + plan.changeSetName()
                + ". Follow it with 'aws cloudformation describe-stack-events --stack-name "
                + plan.stackName()
                + "' (or in the console), and deploy again once it has finished");
      }
      sleep(untilDeadline(pollInterval));
    }
    String status = stack.stackStatusAsString();
    List<StackEvent> failures = events.stream().filter(StackEvent::failed).toList();
    Set<String> rolledBack = new LinkedHashSet<>();
    boolean rollingBack = false;
    for (StackEvent e : events) {
      if (e.isStack() && e.status().contains("ROLLBACK_IN_PROGRESS")) {
        rollingBack = true;
      } else if (rollingBack && !e.isStack()) {
        rolledBack.add(e.logicalId());
      }
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    if (stack.hasOutputs()) {
      stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
    }
    return new StackResult(
        stackId,
        status,
        stack.stackStatusReason(),
        SUCCESS.contains(status),
        failures,
        List.copyOf(rolledBack),
        outputs);
  }

  @Override
  public void close() {
    client.close();
    if (s3 != null) {
      s3.close();
    }
  }

  // ---- CreateChangeSet, reconciled

  private Optional<CreateChangeSetResponse> createChangeSet(
      String stackName,
      String changeSetName,
      StackTemplate template,
      String templateUrl,
      List<Parameter> parameters,
      List<String> capabilities,
      boolean create) {
    long start = System.nanoTime();
    Duration wait = retryPolicy.baseDelay();
    int attempt = 1;
    while (true) {
      try {
        return Optional.of(
            client.createChangeSet(
                r ->
                    r.stackName(stackName)
                        .changeSetName(changeSetName)
                        .clientToken(changeSetName)
                        .changeSetType(create ? ChangeSetType.CREATE : ChangeSetType.UPDATE)
                        .templateBody(templateUrl == null ? template.body() : null)
                        .templateURL(templateUrl)
                        .parameters(parameters)
                        .capabilitiesWithStrings(capabilities)
                        .description("pipelinekit deploy-stack " + template.file().getFileName())));
      } catch (SdkException e) {
        if (isNoChanges(e)) {
          return Optional.empty();
        }
        if (!Failures.isAmbiguous(e)) {
          throw rejected("CreateChangeSet", e, "no change set was made");
        }
        CallTracker.takeGaveUp();
        String reason = Failures.retryReason(e);
        listener.warning(
            "CreateChangeSet failed ("
                + reason
                + ") and may still have been carried out: looking for change set "
                + changeSetName
                + " before creating it again");
        long lookUntil = System.nanoTime() + (timedOut(e, reason) ? attemptTimeoutNanos() : 0);
        while (true) {
          Optional<DescribeChangeSetResponse> made = findChangeSet(changeSetName, stackName);
          if (made.isPresent()) {
            listener.warning(
                "change set "
                    + changeSetName
                    + " exists: the first CreateChangeSet made it; not creating another");
            return Optional.of(
                CreateChangeSetResponse.builder()
                    .id(made.get().changeSetId())
                    .stackId(made.get().stackId())
                    .build());
          }
          if (System.nanoTime() >= lookUntil || outOfTime(start, wait)) {
            break;
          }
          sleep(wait);
          wait = next(wait);
        }
        if (outOfTime(start, wait)) {
          throw new StackDeployException(
              "CreateChangeSet failed: "
                  + reason
                  + " — still failing after "
                  + attempt
                  + (attempt == 1 ? " attempt" : " attempts")
                  + " over "
                  + seconds(elapsed(start))
                  + ", and no change set "
                  + changeSetName
                  + " exists, so nothing was changed. Try again later, or allow more time with"
                  + " --max-retry-time.",
              e);
        }
        listener.retrying("CreateChangeSet", reason + "; no change set was made", wait, attempt);
        sleep(wait);
        wait = next(wait);
        attempt++;
      }
    }
  }

  /** The change set by name, or empty when CloudFormation has none of that name. */
  private Optional<DescribeChangeSetResponse> findChangeSet(String changeSetName, String stack) {
    try {
      return Optional.of(
          client.describeChangeSet(r -> r.changeSetName(changeSetName).stackName(stack)));
    } catch (AwsServiceException e) {
      String code = Failures.errorCode(e);
      if (code.equals("ChangeSetNotFound")
          || code.equals("ChangeSetNotFoundException")
          || code.equals("ValidationError")) {
        return Optional.empty();
      }
      throw rejected(
          "DescribeChangeSet", e, "whether change set " + changeSetName + " exists is unknown");
    } catch (SdkException e) {
      throw rejected(
          "DescribeChangeSet", e, "whether change set " + changeSetName + " exists is unknown");
    }
  }

  private DescribeChangeSetResponse awaitChangeSet(String changeSetId, String stackName) {
    long start = System.nanoTime();
    while (true) {
      DescribeChangeSetResponse d =
          call(
              "DescribeChangeSet",
              () ->
                  client.describeChangeSet(
                      r -> r.changeSetName(changeSetId).includePropertyValues(true)));
      String status = d.statusAsString();
      if ("CREATE_COMPLETE".equals(status) || "FAILED".equals(status)) {
        return d;
      }
      if (pastDeadline()) {
        throw new StackTimeoutException(
            "change set "
                + d.changeSetName()
                + " for stack '"
                + stackName
                + "' is still "
                + status
                + " after the --timeout of "
                + seconds(timeout)
                + ": deploy-stack stopped waiting and left it as it is (nothing was deleted);"
                + " look at it in the CloudFormation console or with 'aws cloudformation"
                + " describe-change-set --stack-name "
                + stackName
                + " --change-set-name "
                + d.changeSetName()
                + "', then execute or delete it");
      }
      if (elapsed(start).compareTo(changeSetWait) > 0) {
        throw new StackDeployException(
            "change set "
                + d.changeSetName()
                + " for stack '"
                + stackName
                + "' is still "
                + status
                + " after "
                + seconds(elapsed(start))
                + "; look at it in the CloudFormation console, then execute or delete it");
      }
      sleep(untilDeadline(pollInterval));
    }
  }

  private List<ChangeSetPlan.ResourceChange> changes(
      String changeSetId, String stackName, DescribeChangeSetResponse first) {
    List<ChangeSetPlan.ResourceChange> out = new ArrayList<>();
    DescribeChangeSetResponse page = first;
    while (true) {
      for (Change c : page.changes()) {
        ResourceChange rc = c.resourceChange();
        if (rc == null) {
          continue;
        }
        List<ChangeSetPlan.PropertyChange> properties = new ArrayList<>();
        for (ResourceChangeDetail d : rc.details()) {
          ResourceTargetDefinition t = d.target();
          if (t == null) {
            continue;
          }
          properties.add(
              new ChangeSetPlan.PropertyChange(
                  t.attributeAsString(),
                  t.name(),
                  t.requiresRecreationAsString(),
                  t.beforeValue(),
                  t.afterValue()));
        }
        out.add(
            new ChangeSetPlan.ResourceChange(
                ChangeSetPlan.Action.of(rc.actionAsString()),
                rc.logicalResourceId(),
                rc.physicalResourceId(),
                rc.resourceType(),
                rc.replacementAsString(),
                properties));
      }
      String token = page.nextToken();
      if (token == null || token.isEmpty()) {
        return out;
      }
      page =
          call(
              "DescribeChangeSet",
              () ->
                  client.describeChangeSet(
                      r ->
                          r.changeSetName(changeSetId)
                              .nextToken(token)
                              .includePropertyValues(true)));
    }
  }

  // ---- ExecuteChangeSet, reconciled

  private void executeChangeSet(
      ChangeSetPlan plan, String stackId, String changeSetId, String statusBefore) {
    String token = "pipelinekit-" + HexFormat.of().formatHex(bytes(8));
    long start = System.nanoTime();
    Duration wait = retryPolicy.baseDelay();
    int attempt = 1;
    while (true) {
      try {
        client.executeChangeSet(r -> r.changeSetName(changeSetId).clientRequestToken(token));
        return;
      } catch (SdkException e) {
        if (!Failures.isAmbiguous(e)) {
          throw rejected(
              "ExecuteChangeSet",
              e,
              "change set "
                  + plan.changeSetName()
                  + " is left on stack '"
                  + plan.stackName()
                  + "' (delete it, or deploy again)");
        }
        CallTracker.takeGaveUp();
        String reason = Failures.retryReason(e);
        listener.warning(
            "ExecuteChangeSet failed ("
                + reason
                + ") and may still have been carried out: checking change set "
                + plan.changeSetName()
                + " and the stack before executing it again");
        long lookUntil = System.nanoTime() + (timedOut(e, reason) ? attemptTimeoutNanos() : 0);
        while (true) {
          DescribeChangeSetResponse d =
              call(
                  "DescribeChangeSet",
                  () -> client.describeChangeSet(r -> r.changeSetName(changeSetId)));
          String execution = d.executionStatusAsString();
          String stackStatus = describeStack(stackId).map(Stack::stackStatusAsString).orElse(null);
          boolean executed =
              (execution != null && execution.startsWith("EXECUTE_"))
                  || !Objects.equals(stackStatus, statusBefore);
          if (executed) {
            listener.warning(
                "change set "
                    + plan.changeSetName()
                    + " is "
                    + execution
                    + " (stack "
                    + stackStatus
                    + "): the first ExecuteChangeSet was carried out; not executing it again");
            return;
          }
          if (!"AVAILABLE".equals(execution)) {
            throw new StackDeployException(
                "ExecuteChangeSet failed ("
                    + reason
                    + ") and change set "
                    + plan.changeSetName()
                    + " is now "
                    + execution
                    + " (stack "
                    + stackStatus
                    + "); something else changed the stack meanwhile: look at its events, then"
                    + " deploy again");
          }
          if (System.nanoTime() >= lookUntil || outOfTime(start, wait)) {
            break;
          }
          sleep(wait);
          wait = next(wait);
        }
        if (outOfTime(start, wait)) {
          throw new StackDeployException(
              "ExecuteChangeSet failed: "
                  + reason
                  + " — still failing after "
                  + attempt
                  + (attempt == 1 ? " attempt" : " attempts")
                  + " over "
                  + seconds(elapsed(start))
                  + "; change set "
                  + plan.changeSetName()
                  + " was not executed and is left on stack '"
                  + plan.stackName()
                  + "'. Try again later, or allow more time with --max-retry-time.",
              e);
        }
        listener.retrying(
            "ExecuteChangeSet", reason + "; the change set was not executed", wait, attempt);
        sleep(wait);
        wait = next(wait);
        attempt++;
      }
    }
  }

  // ---- the template in S3

  /**
   * Uploads the template's text to the template bucket under its SHA-256 ({@code PutObject}: the
   * same key and bytes again is the same object, so a retry changes nothing) and returns the URL
   * CloudFormation reads it from: the path-style URL of the bucket's regional endpoint, {@code
   * https://s3.REGION.amazonaws.com/BUCKET/KEY}, as {@code aws cloudformation deploy --s3-bucket}
   * passes it (and which works for bucket names with dots too, unlike a virtual-hosted name under
   * S3's wildcard certificate,
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html). CloudFormation
   * wants an {@code https://} URL of an S3 object, not {@code s3://}
   * (https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html,
   * TemplateURL).
   */
  private String upload(StackTemplate template) {
    byte[] bytes = template.body().getBytes(StandardCharsets.UTF_8);
    String key = templateBucket.key(HexFormat.of().formatHex(sha256(bytes)));
    String bucket = templateBucket.bucket();
    String where = "s3://" + bucket + "/" + key;
    try {
      s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    } catch (AwsServiceException e) {
      CallTracker.takeGaveUp();
      String code = Failures.errorCode(e);
      String hint =
          switch (code) {
            case "NoSuchBucket" ->
                "bucket '"
                    + bucket
                    + "' does not exist: create it in "
                    + s3Region.id()
                    + ", or name one that exists";
            case "AccessDenied" ->
                "these credentials may not write it: they need s3:PutObject on"
                    + " arn:aws:s3:::"
                    + bucket
                    + "/"
                    + key;
            case "PermanentRedirect",
                "AuthorizationHeaderMalformed",
                "IllegalLocationConstraintException" ->
                "the bucket is in another region: use a bucket in "
                    + s3Region.id()
                    + ", the stack's region";
            default -> "check the bucket and the credentials";
          };
      throw new StackDeployException(
          "S3 PutObject of "
              + template.file()
              + " to "
              + where
              + " failed: "
              + code
              + ": "
              + Failures.errorMessage(e)
              + "; "
              + hint
              + ". Nothing was deployed",
          e);
    } catch (SdkException e) {
      throw rejected(
          "S3 PutObject of " + template.file() + " to " + where, e, "nothing was deployed");
    }
    listener.uploaded(template.file(), where, bytes.length);
    return templateUrl(s3Region, bucket, key);
  }

  /** {@code https://s3.REGION.DNS-SUFFIX/BUCKET/KEY}, the key's segments percent-encoded. */
  static String templateUrl(Region region, String bucket, String key) {
    RegionMetadata metadata = region.metadata();
    String suffix = metadata == null ? "amazonaws.com" : metadata.partition().dnsSuffix();
    StringBuilder path = new StringBuilder();
    for (String segment : key.split("/", -1)) {
      path.append('/')
          .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return "https://s3." + region.id() + "." + suffix + "/" + bucket + path;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  // ---- the overall timeout

  private boolean pastDeadline() {
    return System.nanoTime() - deadline >= 0;
  }

  /** {@code wait}, or less when the deadline comes sooner (never below a millisecond). */
  private Duration untilDeadline(Duration wait) {
    if (timeout == null) {
      return wait;
    }
    Duration left = Duration.ofNanos(deadline - System.nanoTime());
    if (left.compareTo(wait) >= 0) {
      return wait;
    }
    return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
  }

  // ---- reads

  /** The stack by name or id; empty when CloudFormation has none (or it was deleted). */
  private Optional<Stack> describeStack(String nameOrId) {
    try {
      List<Stack> stacks = client.describeStacks(r -> r.stackName(nameOrId)).stacks();
      return stacks.stream()
          .filter(s -> !"DELETE_COMPLETE".equals(s.stackStatusAsString()))
          .findFirst();
    } catch (AwsServiceException e) {
      if ("ValidationError".equals(Failures.errorCode(e))
          && Failures.errorMessage(e).contains("does not exist")) {
        return Optional.empty();
      }
      throw rejected("DescribeStacks", e, "nothing was changed");
    } catch (SdkException e) {
      throw rejected("DescribeStacks", e, "nothing was changed");
    }
  }

  /** Events not in {@code seen} (which they are added to), oldest first. */
  private List<StackEvent> newEvents(String stackId, Set<String> seen) {
    List<StackEvent> fresh = new ArrayList<>();
    String token = null;
    boolean reachedSeen = false;
    do {
      String t = token;
      DescribeStackEventsResponse page =
          call(
              "DescribeStackEvents",
              () -> client.describeStackEvents(r -> r.stackName(stackId).nextToken(t)));
      for (software.amazon.awssdk.services.cloudformation.model.StackEvent e : page.stackEvents()) {
        if (!seen.add(e.eventId())) {
          reachedSeen = true;
          break;
        }
        fresh.add(
            new StackEvent(
                e.timestamp(),
                e.logicalResourceId() == null ? "" : e.logicalResourceId(),
                e.physicalResourceId(),
                e.resourceType(),
                e.resourceStatusAsString() == null ? "" : e.resourceStatusAsString(),
                e.resourceStatusReason()));
      }
      token = page.nextToken();
    } while (!reachedSeen && token != null && !token.isEmpty());
    java.util.Collections.reverse(fresh); // newest first on the wire
    return fresh;
  }

  private static List<Parameter> parameters(
      StackTemplate template, Map<String, String> given, Stack existing) {
    List<Parameter> sent = new ArrayList<>();
    Set<String> previous = new LinkedHashSet<>();
    if (existing != null && existing.hasParameters()) {
      existing.parameters().forEach(p -> previous.add(p.parameterKey()));
    }
    List<String> missing = new ArrayList<>();
    for (String name : template.parameterNames()) {
      if (given.containsKey(name)) {
        sent.add(Parameter.builder().parameterKey(name).parameterValue(given.get(name)).build());
      } else if (previous.contains(name)) {
        // As 'aws cloudformation deploy': a parameter not given keeps the stack's value.
        sent.add(Parameter.builder().parameterKey(name).usePreviousValue(true).build());
      } else if (!template.hasDefault(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new StackTemplateException(
          template.file()
              + ": "
              + (missing.size() == 1 ? "parameter " : "parameters ")
              + String.join(", ", missing)
              + (missing.size() == 1 ? " has" : " have")
              + " no Default and "
              + (existing == null ? "the stack is new" : "the stack has no value for it")
              + "; pass "
              + String.join(
                  " ", missing.stream().map(m -> "--parameter " + m + "=VALUE").toList()));
    }
    return sent;
  }

  private static void checkStackName(String stackName) {
    if (stackName == null || !STACK_NAME.matcher(stackName).matches()) {
      throw new StackTemplateException(
          "--stack-name '"
              + stackName
              + "' is not a CloudFormation stack name: a letter, then letters, digits and hyphens"
              + " (at most 128)");
    }
  }

  private static boolean isNoChanges(SdkException e) {
    return e instanceof AwsServiceException aws
        && aws.statusCode() < 500
        && NO_CHANGES.stream().anyMatch(Failures.errorMessage(aws)::contains);
  }

  private <T> T call(String name, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw rejected(name, e, null);
    }
  }

  private static StackDeployException rejected(String call, SdkException e, String state) {
    CallTracker.GaveUp gaveUp = CallTracker.takeGaveUp();
    String what;
    if (e instanceof AwsServiceException aws) {
      what = Failures.errorCode(aws) + ": " + Failures.errorMessage(aws);
    } else {
      String reason = Failures.retryReason(e);
      what = reason != null ? reason : String.valueOf(e.getMessage());
    }
    return new StackDeployException(
        "CloudFormation "
            + call
            + " failed: "
            + what
            + (gaveUp == null
                ? ""
                : " (after "
                    + gaveUp.attempts()
                    + " attempts over "
                    + seconds(gaveUp.elapsed())
                    + ")")
            + (state == null ? "" : "; " + state),
        e);
  }

  private boolean timedOut(SdkException e, String reason) {
    return e instanceof ApiCallAttemptTimeoutException || reason.startsWith("timed out");
  }

  private long attemptTimeoutNanos() {
    return retryPolicy.attemptTimeout().toNanos();
  }

  private boolean outOfTime(long start, Duration wait) {
    return elapsed(start).plus(wait).compareTo(retryPolicy.maxRetryTime()) > 0;
  }

  private Duration next(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(retryPolicy.maxBackoff()) > 0 ? retryPolicy.maxBackoff() : doubled;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackDeployException("interrupted while waiting for CloudFormation", e);
    }
  }

  /** Where the deployer sends its calls, how it retries, and how often it polls. */
  public static final class Builder {
    private CloudFormationClientBuilder clientBuilder;
    private S3ClientBuilder s3ClientBuilder;
    private Region s3Region;
    private TemplateBucket templateBucket;
    private Duration timeout;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private StackListener listener = StackListener.NONE;
    private Duration pollInterval = Duration.ofSeconds(3);
    private Duration changeSetWait = Duration.ofMinutes(10);

    private Builder() {}

    /** The CloudFormation client builder (region, credentials, endpoint already set). */
    public Builder clientBuilder(CloudFormationClientBuilder clientBuilder) {
      this.clientBuilder = clientBuilder;
      return this;
    }

    /**
     * The CloudFormation client and, for a {@link #templateBucket}, the S3 client of {@code
     * clients} (by path when an endpoint is given: one endpoint for every service, as moto's, has
     * no bucket host names) and its region.
     */
    public Builder clients(AwsClients clients) {
      Objects.requireNonNull(clients, "clients");
      this.clientBuilder = clients.cloudFormation();
      this.s3ClientBuilder =
          clients
              .configure(S3Client.builder())
              .forcePathStyle(clients.settings().endpoint().isPresent());
      this.s3Region = clients.region();
      return this;
    }

    /** The S3 client builder and region for a {@link #templateBucket} (else set by clients). */
    public Builder s3ClientBuilder(S3ClientBuilder s3ClientBuilder, Region region) {
      this.s3ClientBuilder = Objects.requireNonNull(s3ClientBuilder, "s3ClientBuilder");
      this.s3Region = Objects.requireNonNull(region, "region");
      return this;
    }

    /** Upload each template here and deploy it from there (TemplateURL); null: inline. */
    public Builder templateBucket(TemplateBucket templateBucket) {
      this.templateBucket = templateBucket;
      return this;
    }

    /**
     * How long, from when the deployer is built, it may wait for change sets and stacks before
     * giving up with {@link StackTimeoutException} (leaving them as they are); null: no limit
     * beyond {@link #changeSetWait}.
     */
    public Builder timeout(Duration timeout) {
      if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    public Builder listener(StackListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How long to wait between two looks at a change set or stack still in progress. */
    public Builder pollInterval(Duration pollInterval) {
      if (pollInterval.isNegative() || pollInterval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
      }
      this.pollInterval = pollInterval;
      return this;
    }

    /** How long a change set may take to be computed before giving up (default 10 minutes). */
    public Builder changeSetWait(Duration changeSetWait) {
      this.changeSetWait = Objects.requireNonNull(changeSetWait, "changeSetWait");
      return this;
    }

    public StackDeployer build() {
      return new StackDeployer(this);
    }
  }
}
