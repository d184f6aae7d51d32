package io.pipelinekit.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiDiff;
import io.pipelinekit.apispec.OpenApiDocument;
import io.pipelinekit.apispec.OpenApiLoader;
import io.pipelinekit.aws.internal.CallTracker;
import io.pipelinekit.aws.internal.Failures;
import io.pipelinekit.aws.internal.PublishedDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.ApiGatewayClientBuilder;
import software.amazon.awssdk.services.apigateway.model.CreateDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.Deployment;
import software.amazon.awssdk.services.apigateway.model.EndpointType;
import software.amazon.awssdk.services.apigateway.model.GetDeploymentResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PutMode;
import software.amazon.awssdk.services.apigateway.model.PutRestApiResponse;

/**
 * Publishes an OpenAPI document to an API Gateway REST API and moves a stage to it: {@code
 * PutRestApi} then {@code CreateDeployment} — the only two write calls — and points a stage back at
 * an earlier deployment. Reads before writing: {@code GetRestApi} (what an overwrite would drop),
 * {@code GetStage} + {@code GetDeployment} (whether the stage already serves this document), then
 * {@code GetExport} of the stage, diffed with the document: breaking changes refuse the publish
 * ({@link BreakingChangesException}) unless {@link PublishOptions#allowBreaking()}.
 *
 * <p>The body sent is the document as loaded, as canonical JSON ({@link PublishedDocument}).
 * Between the writes, {@code GetResources?embed=methods} checks that the API's working definition
 * is still this document (another publish may have put its own), and again after {@code
 * CreateDeployment} (it must not have changed while the deployment was taken); {@code GetStage}
 * then gives the deployment the stage really serves. {@code CreateDeployment} is not idempotent
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_CreateDeployment.html): after an ambiguous
 * failure its effect is looked up with {@code GetDeployments} by this run's description
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_GetDeployments.html) before it is tried
 * again.
 *
 * <p>Retries follow {@link RetryPolicy}; each retry, import warning and drop warning goes to the
 * {@link PublishListener}. Failures are {@link PublishException}s naming the call, the AWS error
 * code, the state left behind and what to do; bad input is an {@link
 * io.pipelinekit.apispec.ApiSpecException}.
 *
 * <pre>{@code
 * try (RestApiPublisher publisher = RestApiPublisher.builder()
 *     .clientBuilder(ApiGatewayClient.builder().region(Region.EU_WEST_1))
 *     .listener(myListener)
 *     .build()) {
 *   PublishResult r = publisher.publish(PublishOptions.builder()
 *       .restApiId("a1b2c3").stageName("prod").spec(Path.of("openapi.yaml")).build());
 * }
 * }</pre>
 */
public final class RestApiPublisher implements AutoCloseable {
  /**
   * API Gateway's limit on an imported OpenAPI document, in bytes ("The maximum size of the API
   * definition file is 6MB":
   * https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/apigateway/aws.sdk.kotlin.services.apigateway.model/-import-rest-api-request).
   */
  public static final long MAX_DOCUMENT_BYTES = PublishedDocument.MAX_BYTES;

  /**
   * Checks that {@code spec} is a regular file within API Gateway's import limit ({@link
   * #MAX_DOCUMENT_BYTES}), on its size, before anything reads it — the same check {@code publish}
   * makes first.
   *
   * @throws io.pipelinekit.apispec.ApiSpecException naming the file and what is wrong
   */
  public static void checkDocumentFile(Path spec) {
    PublishedDocument.checkFile(spec);
  }

  /** Marks the deployment description; followed by the first 32 hex digits of the hash. */
  static final String HASH_TAG = "pipelinekit spec-sha256=";

  /**
   * Follows the hash in the description: this run's random id, which tells its deployment apart.
   */
  static final String RUN_TAG = "; run=";

  private static final String AFTER_INTERVENTION =
      "Re-run deploy-api once the other publish has finished; two publishes of one API must not"
          + " run at once (a pipeline that publishes should queue its executions).";

  private static final SecureRandom RANDOM = new SecureRandom();

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ApiGatewayClient client;
  private final PublishListener listener;
  private final RetryPolicy retryPolicy;

  private RestApiPublisher(Builder b) {
    Objects.requireNonNull(b.clientBuilder, "clientBuilder");
    this.listener = b.listener;
    this.retryPolicy = b.retryPolicy;
    ClientOverrideConfiguration.Builder config = ClientOverrideConfiguration.builder();
    retryPolicy.applyTo(config, listener);
    this.client = b.clientBuilder.overrideConfiguration(config.build()).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Publishes {@code options.spec()} and deploys it to the stage, unless the stage's current
   * deployment already carries the same document hash (then nothing is written, {@link
   * PublishResult#changed()} is false) and {@code force} is off.
   */
  public PublishResult publish(PublishOptions options) {
    Objects.requireNonNull(options, "options");
    PublishedDocument doc = PublishedDocument.read(options.spec());
    String hash =
        doc.sha256(
            "mode=" + options.mode().wireName(),
            "parameters=" + canonical(options.parameters()),
            "variables=" + canonical(options.variables()),
            "stageDescription=" + options.stageDescription().orElse(""));
    String shortHash = hash.substring(0, 32);
    String apiId = options.restApiId();
    String stageName = options.stageName();

    GetRestApiResponse api =
        call(
            "GetRestApi",
            () -> client.getRestApi(r -> r.restApiId(apiId)),
            "Nothing was changed.",
            restApiNotFound(apiId));
    Optional<GetStageResponse> stage = findStage(apiId, stageName);
    String previous = stage.map(GetStageResponse::deploymentId).orElse(null);

    if (previous != null && !options.force()) {
      GetDeploymentResponse current =
          call(
              "GetDeployment",
              () -> client.getDeployment(r -> r.restApiId(apiId).deploymentId(previous)),
              "Nothing was changed.",
              null);
      if (current.description() != null && current.description().contains(HASH_TAG + shortHash)) {
        return PublishResult.builder()
            .changed(false)
            .deploymentId(previous)
            .previousDeploymentId(previous)
            .invokeUrl(invokeUrl(apiId, stageName))
            .documentHash(shortHash)
            .build();
      }
    }

    if (previous != null) {
      protectConsumers(doc, options, previous);
    }

    if (options.mode() == PublishOptions.Mode.OVERWRITE) {
      for (String drop : overwriteDrops(api, doc, options)) {
        listener.warning(drop);
      }
    }

    String stageState =
        previous == null
            ? "No deployment was created; stage '" + stageName + "' does not exist yet."
            : "No deployment was created; stage '"
                + stageName
                + "' still serves deployment "
                + previous
                + " (unchanged).";
    PutRestApiResponse put =
        call(
            "PutRestApi",
            () ->
                client.putRestApi(
                    r ->
                        r.restApiId(apiId)
                            .mode(PutMode.fromValue(options.mode().wireName()))
                            .failOnWarnings(options.failOnWarnings())
                            .parameters(
                                options.parameters().isEmpty() ? null : options.parameters())
                            .body(SdkBytes.fromByteArray(doc.bytes()))),
            stageState,
            null);
    List<String> warnings = put.hasWarnings() ? List.copyOf(put.warnings()) : List.of();
    for (String w : warnings) {
      listener.warning("API Gateway import warning: " + w);
    }

    // Another publish may have put its own document since this run's PutRestApi (two pipeline
    // executions on one stage): check that the working definition is still this document before
    // CreateDeployment snapshots it.
    WorkingDefinition before = workingDefinition(apiId, stageState);
    Optional<String> mismatch =
        before.mismatch(
            doc.json(), options.mode() == PublishOptions.Mode.OVERWRITE, options.parameters());
    if (mismatch.isPresent()) {
      throw new PublishException(
          "another publish changed REST API "
              + apiId
              + " after this run's PutRestApi of "
              + options.spec()
              + ": "
              + mismatch.get()
              + ". No deployment was created; stage '"
              + stageName
              + "' serves "
              + servedNow(apiId, stageName)
              + ". "
              + AFTER_INTERVENTION,
          "GetResources",
          null,
          null);
    }

    String runId = runId();
    String description =
        options.commitId().map(c -> "commit " + c + "; ").orElse("")
            + HASH_TAG
            + shortHash
            + RUN_TAG
            + runId;
    String created =
        createDeployment(
            apiId, stageName, description, options, afterChangeState(apiId, stageName, previous));

    // The snapshot was taken at some moment during CreateDeployment; if the working definition
    // changed around it, the deployment may hold the other document.
    WorkingDefinition after =
        workingDefinition(apiId, "Deployment " + created + " was created (not verified).");
    if (!after.equals(before)) {
      throw new PublishException(
          "another publish changed REST API "
              + apiId
              + " while this run deployed "
              + options.spec()
              + ": deployment "
              + created
              + " may hold the other document; "
              + unlabel(apiId, created, options, runId, shortHash)
              + " Stage '"
              + stageName
              + "' serves "
              + servedNow(apiId, stageName)
              + ". "
              + AFTER_INTERVENTION,
          "GetResources",
          null,
          null);
    }
    String served = findStage(apiId, stageName).map(GetStageResponse::deploymentId).orElse(null);
    String deploymentId = created;
    if (!created.equals(served)) {
      String servedDescription = served == null ? "" : describeDeployment(apiId, served);
      if (!servedDescription.contains(HASH_TAG + shortHash)) {
        throw new PublishException(
            "another publish moved stage '"
                + stageName
                + "' of REST API "
                + apiId
                + " after this run's CreateDeployment: it serves "
                + (served == null
                    ? "nothing"
                    : "deployment " + served + " (" + servedDescription + ")")
                + ", not this run's deployment "
                + created
                + " of "
                + options.spec()
                + ". "
                + AFTER_INTERVENTION,
            "GetStage",
            null,
            null);
      }
      listener.warning(
          "stage '"
              + stageName
              + "' serves deployment "
              + served
              + ", made by another publish of the same document; this run's deployment "
              + created
              + " is not served");
      deploymentId = served;
    }
    return PublishResult.builder()
        .changed(true)
        .deploymentId(deploymentId)
        .previousDeploymentId(previous)
        .invokeUrl(invokeUrl(apiId, stageName))
        .documentHash(shortHash)
        .warnings(warnings)
        .build();
  }

  /**
   * Compares what the stage serves with the document, before anything is written: {@code GetExport}
   * of the stage — "exports a deployed version of a RestApi"
   * (https://docs.aws.amazon.com/apigateway/latest/api/API_GetExport.html), as {@code oas30} or
   * {@code swagger} to match the document, with {@code extensions=apigateway} (the
   * x-amazon-apigateway-integration extensions and the request validators:
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html) —
   * read by the safe loader (untrusted input: the same limits as any document), then {@link
   * OpenApiDiff}. GetExport is a read: the retry policy repeats it like every read. In merge mode
   * the API keeps what the document omits ("items from the existing API that aren't specifically
   * defined in the imported definition are left alone":
   * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api-update.html),
   * so removed paths and operations are not changes there.
   *
   * @throws BreakingChangesException when a change is breaking and {@code allowBreaking} is off
   */
  private void protectConsumers(PublishedDocument doc, PublishOptions options, String previous) {
    String apiId = options.restApiId();
    String stageName = options.stageName();
    String exportType = doc.version().startsWith("2") ? "swagger" : "oas30";
    String unchecked =
        " Nothing was changed; stage '"
            + stageName
            + "' still serves deployment "
            + previous
            + ". deploy-api compares the stage's export with the document before publishing;"
            + " pass --allow-breaking to publish without that check.";
    byte[] served;
    try {
      served =
          call(
                  "GetExport",
                  () ->
                      client.getExport(
                          r ->
                              r.restApiId(apiId)
                                  .stageName(stageName)
                                  .exportType(exportType)
                                  .parameters(Map.of("extensions", "apigateway"))
                                  .accepts("application/json")),
                  "",
                  null)
              .body()
              .asByteArray();
    } catch (PublishException e) {
      if (e.getCause() instanceof NotFoundException) {
        return; // the stage went away meanwhile: nothing serves anything to compare with
      }
      uncomparable(e.getMessage().trim(), unchecked, options, e);
      return;
    }
    Path name = Path.of("<export of stage " + stageName + ">");
    List<ApiChange> changes;
    try {
      byte[] export = lowerCaseMethods(name, served);
      changes =
          OpenApiDiff.compare(
                  name, options.spec(), LoadOptions.builder().streamedInput(name, export).build())
              .changes();
    } catch (ApiSpecException e) {
      uncomparable(
          "the export of stage '" + stageName + "' cannot be compared: " + e.getMessage() + ".",
          unchecked,
          options,
          e);
      return;
    }
    if (options.mode() == PublishOptions.Mode.MERGE) {
      changes =
          changes.stream()
              .filter(
                  c ->
                      c.kind() != ApiChange.Kind.PATH_REMOVED
                          && c.kind() != ApiChange.Kind.OPERATION_REMOVED)
              .toList();
    }
    listener.apiChanges(stageName, previous, changes);
    List<ApiChange> breaking = changes.stream().filter(ApiChange::breaking).toList();
    if (!breaking.isEmpty() && !options.allowBreaking()) {
      throw new BreakingChangesException(
          breaking.size()
              + (breaking.size() == 1 ? " breaking change" : " breaking changes")
              + " from what stage '"
              + stageName
              + "' of REST API "
              + apiId
              + " serves (deployment "
              + previous
              + ") to "
              + options.spec()
              + ": nothing was published. Keep the old behaviour, publish a new API version, or"
              + " pass --allow-breaking to publish anyway.",
          breaking);
    }
  }

  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /**
   * The export with its operations' keys in lower case, as OpenAPI spells them. API Gateway's own
   * export writes them so, and then the bytes are returned as they are; moto's writes the names of
   * API Gateway's Method resources ({@code GET}), which would otherwise read as no operations at
   * all. Read with the safe loader's limits first (the export is untrusted input).
   */
  private static byte[] lowerCaseMethods(Path name, byte[] export) {
    OpenApiDocument parsed =
        OpenApiLoader.parse(name, LoadOptions.builder().streamedInput(name, export).build());
    JsonNode root;
    try {
      root = JSON.readTree(parsed.canonicalJson());
    } catch (JsonProcessingException e) {
      throw new ApiSpecException(name + ": " + e.getOriginalMessage(), e);
    }
    boolean changed = false;
    for (JsonNode item : root.path("paths")) {
      if (!(item instanceof ObjectNode object)) {
        continue;
      }
      for (String key : List.copyOf(iterable(object.fieldNames()))) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (!key.equals(lower) && METHODS.contains(lower) && !object.has(lower)) {
          object.set(lower, object.remove(key));
          changed = true;
        }
      }
    }
    return changed ? root.toString().getBytes(StandardCharsets.UTF_8) : export;
  }

  private static List<String> iterable(java.util.Iterator<String> names) {
    List<String> list = new ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }

  /** The stage's export could not be read or compared: refused, or a warning with allowBreaking. */
  private void uncomparable(
      String why, String unchecked, PublishOptions options, RuntimeException cause) {
    if (options.allowBreaking()) {
      listener.warning(why + " Publishing without comparing (--allow-breaking).");
      return;
    }
    throw new PublishException(why + unchecked, "GetExport", null, cause);
  }

  /**
   * CreateDeployment, which is not idempotent: the retry strategy repeats it only after a definite
   * rejection (throttled, conflict). After an ambiguous failure (connection reset, timeout, 5xx:
   * the deployment may exist and only the answer be lost) this looks for a deployment carrying this
   * run's description (GetDeployments; for a timeout, for up to twice the attempt timeout, since
   * the request may still be in flight or being processed: a request that took as long as the
   * attempt the client gave up on reaches the service an attempt timeout after it was abandoned)
   * and creates again only when there is none.
   */
  private String createDeployment(
      String apiId,
      String stageName,
      String description,
      PublishOptions options,
      String afterChange) {
    long start = System.nanoTime();
    Duration wait = retryPolicy.baseDelay();
    int attempt = 1;
    boolean ambiguous = false;
    while (true) {
      try {
        CreateDeploymentResponse response =
            client.createDeployment(
                r ->
                    r.restApiId(apiId)
                        .stageName(stageName)
                        .description(description)
                        .stageDescription(options.stageDescription().orElse(null))
                        .variables(options.variables().isEmpty() ? null : options.variables()));
        if (ambiguous) {
          warnDuplicates(apiId, description, response.id(), afterChange);
        }
        return response.id();
      } catch (SdkException e) {
        if (!Failures.isAmbiguous(e)) {
          throw failure("CreateDeployment", e, afterChange, null);
        }
        CallTracker.takeGaveUp();
        ambiguous = true;
        String reason = Failures.retryReason(e);
        listener.warning(
            "CreateDeployment failed ("
                + reason
                + ") and may still have been carried out: looking for a deployment described '"
                + description
                + "' before creating one");
        boolean timedOut =
            e instanceof ApiCallAttemptTimeoutException || reason.startsWith("timed out");
        long lookUntil =
            System.nanoTime() + (timedOut ? 2 * retryPolicy.attemptTimeout().toNanos() : 0);
        while (true) {
          Optional<Deployment> made = ours(apiId, description, afterChange).stream().findFirst();
          if (made.isPresent()) {
            listener.warning(
                "deployment "
                    + made.get().id()
                    + " is the one that CreateDeployment made; not creating another");
            return made.get().id();
          }
          if (System.nanoTime() >= lookUntil
              || elapsed(start).plus(wait).compareTo(retryPolicy.maxRetryTime()) > 0) {
            break;
          }
          sleep(wait);
          wait = next(wait);
        }
        if (elapsed(start).plus(wait).compareTo(retryPolicy.maxRetryTime()) > 0) {
          throw new PublishException(
              "CreateDeployment failed: "
                  + reason
                  + " — still failing after "
                  + attempt
                  + (attempt == 1 ? " attempt" : " attempts")
                  + " over "
                  + seconds(elapsed(start))
                  + " (retry time limit "
                  + seconds(retryPolicy.maxRetryTime())
                  + "), and no deployment described '"
                  + description
                  + "' exists. "
                  + afterChange
                  + " Try again later, or allow more time with --max-retry-time.",
              "CreateDeployment",
              null,
              e);
        }
        listener.retrying("CreateDeployment", reason + "; no deployment was made", wait, attempt);
        sleep(wait);
        wait = next(wait);
        attempt++;
      }
    }
  }

  /** This run's deployments: those whose description is exactly {@code description}. */
  private List<Deployment> ours(String apiId, String description, String state) {
    return call(
        "GetDeployments",
        () ->
            client
                .getDeploymentsPaginator(r -> r.restApiId(apiId).limit(WorkingDefinition.PAGE))
                .items()
                .stream()
                .filter(d -> description.equals(d.description()))
                .sorted(
                    Comparator.comparing(
                        (Deployment d) ->
                            d.createdDate() == null ? Instant.EPOCH : d.createdDate()))
                .collect(Collectors.toList()),
        state,
        null);
  }

  /** After an ambiguous first attempt: says so when it made a deployment too. */
  private void warnDuplicates(String apiId, String description, String created, String state) {
    List<String> others =
        ours(apiId, description, state).stream()
            .map(Deployment::id)
            .filter(id -> !id.equals(created))
            .toList();
    if (!others.isEmpty()) {
      listener.warning(
          "an earlier CreateDeployment attempt also went through: deployment"
              + (others.size() == 1 ? " " : "s ")
              + String.join(", ", others)
              + " hold the same document as "
              + created);
    }
  }

  private WorkingDefinition workingDefinition(String apiId, String state) {
    return WorkingDefinition.of(
        call(
            "GetResources",
            () ->
                client
                    .getResourcesPaginator(
                        r -> r.restApiId(apiId).embed("methods").limit(WorkingDefinition.PAGE))
                    .items()
                    .stream()
                    .collect(Collectors.toList()),
            state,
            null));
  }

  /**
   * Takes this run's hash off a deployment that may hold another document (UpdateDeployment,
   * https://docs.aws.amazon.com/apigateway/latest/api/API_UpdateDeployment.html), and says what
   * happened.
   */
  private String unlabel(
      String apiId, String deploymentId, PublishOptions options, String runId, String shortHash) {
    String label =
        "pipelinekit unverified: another publish changed the API while this deployment was made;"
            + options.commitId().map(c -> " commit " + c + ";").orElse("")
            + RUN_TAG.stripTrailing()
            + runId;
    try {
      client.updateDeployment(
          r ->
              r.restApiId(apiId)
                  .deploymentId(deploymentId)
                  .patchOperations(p -> p.op(Op.REPLACE).path("/description").value(label)));
      return "its description no longer claims this document's hash (now '" + label + "').";
    } catch (SdkException e) {
      CallTracker.takeGaveUp();
      return "relabelling it failed ("
          + (e instanceof AwsServiceException aws ? Failures.errorCode(aws) : e.getMessage())
          + "), so its description still says "
          + HASH_TAG
          + shortHash
          + ": do not roll back to it.";
    }
  }

  /** What the stage serves, for messages: never fails. */
  private String servedNow(String apiId, String stageName) {
    try {
      Optional<GetStageResponse> stage = findStage(apiId, stageName);
      if (stage.isEmpty() || stage.get().deploymentId() == null) {
        return "nothing (the stage does not exist)";
      }
      String id = stage.get().deploymentId();
      return "deployment " + id + " (" + describeDeployment(apiId, id) + ")";
    } catch (PublishException e) {
      return "an unknown deployment (" + e.getMessage() + ")";
    }
  }

  private String describeDeployment(String apiId, String deploymentId) {
    String d =
        call(
                "GetDeployment",
                () -> client.getDeployment(r -> r.restApiId(apiId).deploymentId(deploymentId)),
                "",
                null)
            .description();
    return d == null || d.isBlank() ? "no description" : d;
  }

  private static String runId() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private Duration next(Duration wait) {
    Duration doubled = wait.multipliedBy(2);
    return doubled.compareTo(retryPolicy.maxBackoff()) > 0 ? retryPolicy.maxBackoff() : doubled;
  }

  private static Duration elapsed(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PublishException("interrupted while publishing", null, null, e);
    }
  }

  /**
   * Points the stage at {@code toDeploymentId}, or, when empty, at the deployment created just
   * before the one it serves (by creation date). Refuses when the stage does not exist or there is
   * no earlier deployment. Writes one call ({@code UpdateStage}), none when the stage already
   * serves the target.
   */
  public RollbackResult rollback(
      String restApiId, String stageName, Optional<String> toDeploymentId) {
    Objects.requireNonNull(restApiId, "restApiId");
    Objects.requireNonNull(stageName, "stageName");
    Objects.requireNonNull(toDeploymentId, "toDeploymentId");
    call(
        "GetRestApi",
        () -> client.getRestApi(r -> r.restApiId(restApiId)),
        "Nothing was changed.",
        restApiNotFound(restApiId));
    GetStageResponse stage =
        findStage(restApiId, stageName)
            .orElseThrow(
                () ->
                    new PublishException(
                        "stage '"
                            + stageName
                            + "' does not exist on REST API "
                            + restApiId
                            + ": nothing to roll back. Deploy first with 'pipeline deploy-api'.",
                        "GetStage",
                        "NotFoundException",
                        null));
    String current = stage.deploymentId();
    List<Deployment> deployments =
        call(
            "GetDeployments",
            () ->
                new ArrayList<>(
                    client.getDeploymentsPaginator(r -> r.restApiId(restApiId)).items().stream()
                        .collect(Collectors.toList())),
            "Nothing was changed.",
            null);
    Deployment target;
    if (toDeploymentId.isPresent()) {
      String wanted = toDeploymentId.get();
      target =
          deployments.stream()
              .filter(d -> d.id().equals(wanted))
              .findFirst()
              .orElseThrow(
                  () ->
                      new PublishException(
                          "deployment "
                              + wanted
                              + " does not exist on REST API "
                              + restApiId
                              + "; its deployments: "
                              + describe(deployments)
                              + ". Nothing was changed.",
                          "GetDeployments",
                          null,
                          null));
    } else {
      target = previousOf(deployments, current, restApiId, stageName);
    }
    if (target.id().equals(current)) {
      return RollbackResult.builder()
          .stageName(stageName)
          .fromDeploymentId(current)
          .toDeploymentId(current)
          .toDescription(target.description())
          .changed(false)
          .invokeUrl(invokeUrl(restApiId, stageName))
          .build();
    }
    call(
        "UpdateStage",
        () ->
            client.updateStage(
                r ->
                    r.restApiId(restApiId)
                        .stageName(stageName)
                        .patchOperations(
                            p -> p.op(Op.REPLACE).path("/deploymentId").value(target.id()))),
        "Stage '" + stageName + "' still serves deployment " + current + " (unchanged).",
        null);
    return RollbackResult.builder()
        .stageName(stageName)
        .fromDeploymentId(current)
        .toDeploymentId(target.id())
        .toDescription(target.description())
        .changed(true)
        .invokeUrl(invokeUrl(restApiId, stageName))
        .build();
  }

  @Override
  public void close() {
    client.close();
  }

  /** The retry policy in use. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  private static Deployment previousOf(
      List<Deployment> deployments, String current, String restApiId, String stageName) {
    // Stable sort: deployments created in the same second keep the order AWS listed them in.
    List<Deployment> byDate = new ArrayList<>(deployments);
    byDate.sort(
        Comparator.comparing(d -> d.createdDate() == null ? Instant.EPOCH : d.createdDate()));
    int index = -1;
    for (int i = 0; i < byDate.size(); i++) {
      if (byDate.get(i).id().equals(current)) {
        index = i;
      }
    }
    if (index <= 0) {
      throw new PublishException(
          "stage '"
              + stageName
              + "' serves deployment "
              + current
              + ", and REST API "
              + restApiId
              + " has no deployment created before it: nothing to roll back to. Nothing was"
              + " changed.",
          "GetDeployments",
          null,
          null);
    }
    return byDate.get(index - 1);
  }

  private static String describe(List<Deployment> deployments) {
    if (deployments.isEmpty()) {
      return "none";
    }
    return deployments.stream()
        .map(d -> d.id() + (d.createdDate() == null ? "" : " (" + d.createdDate() + ")"))
        .collect(Collectors.joining(", "));
  }

  private Optional<GetStageResponse> findStage(String apiId, String stageName) {
    try {
      return Optional.of(
          call(
              "GetStage",
              () -> client.getStage(r -> r.restApiId(apiId).stageName(stageName)),
              "Nothing was changed.",
              null));
    } catch (PublishException e) {
      if (e.getCause() instanceof NotFoundException) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** What overwrite would drop: settings the current API has that the document does not carry. */
  private static List<String> overwriteDrops(
      GetRestApiResponse api, PublishedDocument doc, PublishOptions options) {
    List<String> drops = new ArrayList<>();
    String prefix = "overwrite: REST API " + api.id() + " has ";
    if (api.hasBinaryMediaTypes()
        && !api.binaryMediaTypes().isEmpty()
        && !doc.hasTopLevel("x-amazon-apigateway-binary-media-types")) {
      drops.add(
          prefix
              + "binary media types "
              + api.binaryMediaTypes()
              + " that the document does not list; they will be dropped (add"
              + " x-amazon-apigateway-binary-media-types, or use --mode merge)");
    }
    if (api.policy() != null
        && !api.policy().isBlank()
        && !doc.hasTopLevel("x-amazon-apigateway-policy")) {
      drops.add(
          prefix
              + "a resource policy that the document does not carry; it will be dropped (add"
              + " x-amazon-apigateway-policy, or use --mode merge)");
    }
    if (api.endpointConfiguration() != null
        && api.endpointConfiguration().hasTypes()
        && !api.endpointConfiguration().types().equals(List.of(EndpointType.EDGE))
        && !doc.hasTopLevel("x-amazon-apigateway-endpoint-configuration")
        && !options.parameters().containsKey("endpointConfigurationTypes")) {
      drops.add(
          prefix
              + "endpoint configuration "
              + api.endpointConfiguration().typesAsStrings()
              + " that the document does not set; overwrite may reset it (add"
              + " x-amazon-apigateway-endpoint-configuration, or --parameter"
              + " endpointConfigurationTypes="
              + String.join(",", api.endpointConfiguration().typesAsStrings())
              + ")");
    }
    return drops;
  }

  /** What to say when CreateDeployment fails after PutRestApi changed the API. */
  private String afterChangeState(String apiId, String stageName, String previous) {
    String region = region();
    if (previous == null) {
      return "PutRestApi already changed REST API "
          + apiId
          + "'s definition, but no deployment was created and stage '"
          + stageName
          + "' does not exist yet, so nothing serves the new definition. Re-run the same"
          + " deploy-api command to finish, or re-publish the previous document to restore"
          + " the definition.";
    }
    String file = "/tmp/" + apiId + "-" + stageName + "-" + previous + ".json";
    return "PutRestApi already changed REST API "
        + apiId
        + "'s definition, but stage '"
        + stageName
        + "' still serves deployment "
        + previous
        + " (unchanged). Re-run the same deploy-api command to finish, or restore the definition"
        + " the stage serves with: aws apigateway get-export --region "
        + region
        + " --rest-api-id "
        + apiId
        + " --stage-name "
        + stageName
        + " --export-type oas30 --parameters extensions=apigateway --accepts application/json "
        + file
        + " && aws apigateway put-rest-api --region "
        + region
        + " --rest-api-id "
        + apiId
        + " --mode overwrite --body fileb://"
        + file;
  }

  private static String restApiNotFound(String apiId) {
    return "REST API "
        + apiId
        + " not found: check --rest-api-id and --region (REST API ids are per region).";
  }

  private String invokeUrl(String apiId, String stageName) {
    return "https://" + apiId + ".execute-api." + region() + ".amazonaws.com/" + stageName;
  }

  private String region() {
    return client.serviceClientConfiguration().region().id();
  }

  private static String canonical(Map<String, String> map) {
    return new TreeMap<>(map).toString();
  }

  /**
   * Runs one AWS call; a failure becomes a {@link PublishException} naming the call and AWS error
   * code, then {@code state} (what was and was not changed), then what to do.
   */
  private <T> T call(String name, Supplier<T> call, String state, String notFoundRemedy) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw failure(name, e, state, notFoundRemedy);
    }
  }

  /** The {@link PublishException} for a failed call: see {@link #call}. */
  private PublishException failure(
      String name, SdkException e, String state, String notFoundRemedy) {
    {
      CallTracker.GaveUp gaveUp = CallTracker.takeGaveUp();
      StringBuilder m = new StringBuilder(name).append(" failed: ");
      String code = null;
      if (e instanceof AwsServiceException aws) {
        code = Failures.errorCode(aws);
        m.append(code).append(" (HTTP ").append(aws.statusCode()).append("): ");
        m.append(Failures.errorMessage(aws));
      } else {
        m.append(e.getMessage());
      }
      if (gaveUp != null) {
        m.append(" — still failing after ")
            .append(gaveUp.attempts())
            .append(gaveUp.attempts() == 1 ? " attempt" : " attempts")
            .append(" over ")
            .append(seconds(gaveUp.elapsed()))
            .append(" (retry time limit ")
            .append(seconds(retryPolicy.maxRetryTime()))
            .append(")");
      }
      m.append(". ").append(state);
      String remedy = remedy(name, e, code, notFoundRemedy, gaveUp != null);
      if (!remedy.isEmpty()) {
        m.append(' ').append(remedy);
      }
      return new PublishException(m.toString(), name, code, e);
    }
  }

  private static String remedy(
      String name, SdkException e, String code, String notFoundRemedy, boolean gaveUp) {
    if (gaveUp) {
      return "Try again later, or allow more time with --max-retry-time.";
    }
    if (code == null) {
      String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (msg.contains("credentials")) {
        return "No usable AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass"
            + " --profile, or run where a role is attached (CodeBuild provides one).";
      }
      return "Check --endpoint-url, --region and the network.";
    }
    switch (code) {
      case "NotFoundException":
        return notFoundRemedy != null
            ? notFoundRemedy
            : "Check --rest-api-id, --stage and --region.";
      case "BadRequestException":
        if (name.equals("GetExport")) {
          // "You cannot export an API if its payloads are not of the application/json type":
          // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-export-api.html
          return "API Gateway could not export the stage (it exports only APIs whose models are"
              + " application/json).";
        }
        return name.equals("PutRestApi")
            ? "API Gateway rejected the document: run 'pipeline lint' on it and fix the findings;"
                + " import warnings fail the import unless --no-fail-on-warnings."
            : "Check the arguments (stage name, variables).";
      case "UnauthorizedException":
      case "AccessDeniedException":
      case "UnrecognizedClientException":
      case "InvalidSignatureException":
      case "SignatureDoesNotMatch":
      case "ExpiredTokenException":
      case "InvalidClientTokenId":
        return "Check the credentials (--profile, AWS_* variables) and that they may call "
            + name
            + " on this API.";
      case "LimitExceededException":
        return "An API Gateway quota was reached (e.g. resources per API): raise it or trim the API.";
      default:
        return "";
    }
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }

  public static final class Builder {
    private ApiGatewayClientBuilder clientBuilder;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private PublishListener listener = PublishListener.NONE;

    private Builder() {}

    /**
     * The client builder with region, credentials and endpoint already set; the publisher adds its
     * retry strategy and timeouts (replacing any override configuration) and owns the client.
     */
    public Builder clientBuilder(ApiGatewayClientBuilder clientBuilder) {
      this.clientBuilder = clientBuilder;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    public Builder listener(PublishListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public RestApiPublisher build() {
      return new RestApiPublisher(this);
    }
  }
}
