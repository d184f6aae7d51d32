package io.pipelinekit.cli;

import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.LintResult;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.aws.AwsSettings;
import io.pipelinekit.aws.PublishListener;
import io.pipelinekit.aws.PublishOptions;
import io.pipelinekit.aws.PublishResult;
import io.pipelinekit.aws.RestApiPublisher;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline deploy-api}: publishes an OpenAPI document to an API Gateway REST API ({@code
 * PutRestApi}) and deploys it to a stage ({@code CreateDeployment}).
 */
final class DeployApiCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  AwsOptions aws = new AwsOptions();

  RetryOptions retry = new RetryOptions();

  String restApiId;

  String stage;

  Path specFile;

  PublishOptions.Mode mode;

  boolean failOnWarnings;

  Map<String, String> parameters = new LinkedHashMap<>();

  Map<String, String> variables = new LinkedHashMap<>();

  String stageDescription;

  String commit;

  boolean force;

  boolean noLint;

  boolean allowBreaking;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "deploy-api");
    s.description(
        "Publishes an OpenAPI document to an API Gateway REST API and deploys it to a stage.",
        "Runs PutRestApi (overwrite by default) then CreateDeployment, with a description holding the"
            + " commit (CODEBUILD_RESOLVED_SOURCE_VERSION or --commit) and a hash of what is"
            + " published. When the stage already serves the same hash nothing is written"
            + " (\"unchanged\"; --force publishes anyway). The document is sent as the JSON it was"
            + " loaded and linted as. Throttling, 5xx, connection resets, timed-out attempts and"
            + " ConflictException are retried with backoff for up to --max-retry-time; each retry is"
            + " one line on standard error. CreateDeployment is never repeated blindly: after a lost"
            + " answer the deployment it may have made is looked up first. If another publish"
            + " changes the API meanwhile, nothing is deployed under this document's hash (exit 1).",
        "Before publishing to a stage that exists, what it serves (GetExport of the stage) is"
            + " compared with the document as 'pipeline diff' does; every change is listed, and"
            + " breaking ones stop the publish (exit 1, nothing written) unless --allow-breaking.");
    s.exitCodes(
        "0:published, or unchanged",
        "1:breaking changes against what the stage serves (without --allow-breaking), AWS rejected a call or it kept failing, or another publish changed the API meanwhile (the message says what state is left)",
        "2:usage error, unreadable or invalid document, lint errors, no region or credentials");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(aws.specs());
    s.mixin(retry.specs());
    s.option("restApiId", "--rest-api-id")
        .paramLabel("ID")
        .required(true)
        .description("The REST API.");
    s.option("stage", "--stage")
        .paramLabel("STAGE")
        .required(true)
        .description("The stage to deploy to (created when missing).");
    s.option("specFile", "--spec")
        .paramLabel("FILE")
        .required(true)
        .description("The OpenAPI document (YAML or JSON, at most 6 MB).");
    s.option("mode", "--mode")
        .paramLabel("MODE")
        .defaultValue("overwrite")
        .description(
            "overwrite (default: the API becomes exactly the document) or merge (AWS's default: keeps what the document omits).");
    s.option("failOnWarnings", "--fail-on-warnings")
        .negatable(true)
        .fallbackValue("true")
        .defaultValue("true")
        .description(
            "Fail the import when API Gateway has warnings (default); --no-fail-on-warnings accepts them.");
    s.option("parameters", "--parameter")
        .paramLabel("KEY=VALUE")
        .description(
            "PutRestApi import parameter, e.g. basepath=prepend, endpointConfigurationTypes=REGIONAL, ignore=documentation.");
    s.option("variables", "--variable")
        .paramLabel("NAME=VALUE")
        .description("Stage variable set by the deployment.");
    s.option("stageDescription", "--stage-description")
        .paramLabel("TEXT")
        .description("Description of the stage.");
    s.option("commit", "--commit")
        .paramLabel("ID")
        .description(
            "Commit recorded in the deployment description (default: $CODEBUILD_RESOLVED_SOURCE_VERSION).");
    s.option("force", "--force")
        .description("Publish and deploy even when the stage already serves this document.");
    s.option("noLint", "--no-lint").description("Publish even when the linter finds errors.");
    s.option("allowBreaking", "--allow-breaking")
        .description(
            "Publish even when the document breaks what the stage serves (the changes are still"
                + " listed).");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PublishOptions options =
        CommandSupport.fromOptions(
            spec,
            () ->
                PublishOptions.builder()
                    .restApiId(restApiId)
                    .stageName(stage)
                    .spec(specFile)
                    .mode(mode)
                    .failOnWarnings(failOnWarnings)
                    .parameters(parameters)
                    .variables(variables)
                    .stageDescription(stageDescription)
                    .commitId(
                        commit != null
                            ? commit
                            : System.getenv("CODEBUILD_RESOLVED_SOURCE_VERSION"))
                    .force(force)
                    .allowBreaking(allowBreaking)
                    .build());
    lint(specFile, noLint, err);
    try (RestApiPublisher publisher =
        CommandSupport.publisher(aws, retry, comparing(printing(err), out))) {
      PublishResult result = publisher.publish(options);
      if (result.changed()) {
        out.println(
            "deployed "
                + specFile
                + " to stage '"
                + stage
                + "' of REST API "
                + restApiId
                + ": deployment "
                + result.deploymentId()
                + result
                    .previousDeploymentId()
                    .map(p -> " (was " + p + ")")
                    .orElse(" (new stage)"));
      } else {
        out.println(
            "unchanged: stage '"
                + stage
                + "' already serves this document (deployment "
                + result.deploymentId()
                + ", spec-sha256="
                + result.documentHash()
                + "); use --force to deploy anyway");
      }
      CommandSupport.printDeployment(out, result.deploymentId(), result.invokeUrl());
    }
    return ExitCodes.OK;
  }

  /**
   * The lint gate: every finding on standard error; errors stop publishing (exit 2) unless {@code
   * --no-lint}, which still shows them.
   */
  private static void lint(Path file, boolean noLint, PrintWriter err) {
    // API Gateway's import limit first: the linter's own limit is larger.
    RestApiPublisher.checkDocumentFile(file);
    LintResult result = OpenApiLinter.lint(file);
    for (Finding finding : result.findings()) {
      err.println(finding.format());
    }
    long errors = result.count(Severity.ERROR);
    if (errors > 0 && !noLint) {
      throw CliException.invalidInput(
          CommandSupport.counted(errors, "lint error")
              + " in "
              + file
              + ": nothing was published; fix them, or pass --no-lint to publish anyway");
    }
    err.flush();
  }

  static AwsSettings settings(AwsOptions aws) {
    return AwsSettings.builder()
        .region(aws.region().orElse(null))
        .profile(aws.profile().orElse(null))
        .endpoint(aws.endpointUrl().orElse(null))
        .build();
  }

  /**
   * {@code listener}, plus the changes from what the stage serves, on standard output: a heading,
   * then one line per change as {@code pipeline diff} prints it.
   */
  static PublishListener comparing(PublishListener listener, PrintWriter out) {
    return new PublishListener() {
      @Override
      public void retrying(String call, String reason, Duration wait, int attempt) {
        listener.retrying(call, reason, wait, attempt);
      }

      @Override
      public void warning(String message) {
        listener.warning(message);
      }

      @Override
      public void apiChanges(String stageName, String deploymentId, List<ApiChange> changes) {
        long breaking = changes.stream().filter(ApiChange::breaking).count();
        out.println(
            "compared with stage '"
                + stageName
                + "' (deployment "
                + deploymentId
                + "): "
                + (changes.isEmpty()
                    ? "no API changes"
                    : CommandSupport.counted(changes.size(), "change")
                        + ", "
                        + breaking
                        + " breaking"));
        for (ApiChange change : changes) {
          out.println(change.format());
        }
        out.flush();
      }
    };
  }

  /** Retries and warnings, one line each, on standard error. */
  static PublishListener printing(PrintWriter err) {
    return new PublishListener() {
      @Override
      public void retrying(String call, String reason, Duration wait, int attempt) {
        err.println(
            "retry: "
                + call
                + " failed ("
                + reason
                + "); attempt "
                + (attempt + 1)
                + " in "
                + String.format(Locale.ROOT, "%.1fs", wait.toMillis() / 1000.0));
        err.flush();
      }

      @Override
      public void warning(String message) {
        err.println("warning: " + message);
        err.flush();
      }
    };
  }
}
