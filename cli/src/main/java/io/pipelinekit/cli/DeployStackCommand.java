package io.pipelinekit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.aws.ChangeSetPlan;
import io.pipelinekit.aws.StackDeployer;
import io.pipelinekit.aws.StackEvent;
import io.pipelinekit.aws.StackListener;
import io.pipelinekit.aws.StackResult;
import io.pipelinekit.aws.StackTemplate;
import io.pipelinekit.aws.TemplateBucket;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline deploy-stack}: deploys a CloudFormation template through a change set; the change
 * set is the plan.
 */
final class DeployStackCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  AwsOptions aws = new AwsOptions();

  RetryOptions retry = new RetryOptions();

  String stackName;

  Path templateFile;

  String s3Bucket;

  String s3Prefix;

  Duration timeout;

  List<String> parameters = new ArrayList<>();

  boolean dryRun;

  boolean detailedExitCode;

  /** Output formats. */
  enum Format {
    text,
    json
  }

  Format format = Format.text;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "deploy-stack");
    s.description(
        "Deploys a CloudFormation template through a change set; the change set is the plan.",
        "Creates a change set (CREATE for a new stack, or one left in REVIEW_IN_PROGRESS; UPDATE"
            + " otherwise), waits for CloudFormation to compute it and prints it: each resource"
            + " added, modified or removed, whether it is replaced, the properties that change."
            + " No changes: the change set is deleted and nothing else happens. --dry-run deletes"
            + " the change set (and the empty stack made for it) and stops. Otherwise the change"
            + " set is executed and the stack's events are shown until it is done; on failure, the"
            + " events of the resources that failed. Templates with IAM resources are deployed"
            + " with CAPABILITY_NAMED_IAM, with a Transform with CAPABILITY_AUTO_EXPAND."
            + " CreateChangeSet and ExecuteChangeSet are never repeated blindly: after a lost"
            + " answer, the change set (by name) and its execution status are looked at first.",
        "A template is sent with the request (at most 51,200 bytes), or with --s3-bucket uploaded"
            + " to S3 first (s3://BUCKET/PREFIX/SHA256.template, at most 1 MB) and deployed from"
            + " there. --timeout bounds the whole wait; when it runs out, deploy-stack stops"
            + " waiting (exit 1) and leaves the change set or the deploy running in CloudFormation,"
            + " never cancelling or deleting anything.");
    s.exitCodes(
        "0:deployed, no changes, or (with --dry-run) planned",
        "1:CloudFormation rejected the change set, the deploy failed or was rolled back, the"
            + " upload to S3 failed, or --timeout ran out",
        "2:usage error, unreadable or invalid template or parameters, no region or credentials",
        "3:with --detailed-exitcode and --dry-run: there are changes (0: none)");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(aws.specs());
    s.mixin(retry.specs());
    s.option("stackName", "--stack-name")
        .paramLabel("NAME")
        .required(true)
        .description("The stack to create or update.");
    s.option("templateFile", "--template")
        .paramLabel("FILE")
        .required(true)
        .description(
            "The CloudFormation template, JSON or YAML: at most 51,200 bytes, or 1 MB with"
                + " --s3-bucket.");
    s.option("s3Bucket", "--s3-bucket")
        .paramLabel("BUCKET")
        .description(
            "Upload the template to this bucket (an existing one, in the stack's region) and deploy"
                + " it from there (TemplateURL): needed for templates over 51,200 bytes. The object"
                + " is kept, named by the template's SHA-256.");
    s.option("s3Prefix", "--s3-prefix")
        .paramLabel("PREFIX")
        .description("With --s3-bucket: the key prefix (folder) of the uploaded template.");
    s.option("timeout", "--timeout")
        .paramLabel("DURATION")
        .converters(new RetryOptions.DurationConverter())
        .description(
            "Stop waiting after this long overall (e.g. 30m, 1h): exit 1, and the change set or the"
                + " deploy is left running in CloudFormation, not cancelled. Default: no limit (a"
                + " change set still being computed after 10m is given up).");
    s.option("parameters", "--parameter")
        .paramLabel("KEY=VALUE")
        .description(
            "A template parameter (repeatable). Not given: a new stack uses the Default, an"
                + " existing one keeps its value.");
    s.option("dryRun", "--dry-run")
        .description("Print the plan, then delete the change set: nothing is changed.");
    s.option("detailedExitCode", "--detailed-exitcode")
        .description(
            "With --dry-run: exit 3 when there are changes, 0 when there are none (for CI gates).");
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("text")
        .description(
            "text or json: the plan and result as one JSON document on stdout (stack events then"
                + " go to stderr). Default: ${DEFAULT-VALUE}.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> given = parseParameters(parameters);
    if (s3Prefix != null && s3Bucket == null) {
      throw CliException.invalidInput(
          "--s3-prefix needs --s3-bucket: name the bucket to upload the template to");
    }
    TemplateBucket bucket = s3Bucket == null ? null : TemplateBucket.of(s3Bucket, s3Prefix);
    StackTemplate template =
        bucket == null
            ? StackTemplate.read(templateFile)
            : StackTemplate.readForUpload(templateFile);
    template.checkParameters(given);
    AwsClients clients = AwsClients.resolve(DeployApiCommand.settings(aws));
    PrintWriter progress = format == Format.json ? err : out;
    try (StackDeployer deployer =
        StackDeployer.builder()
            .clients(clients)
            .retryPolicy(retry.policy())
            .listener(listener(err, progress))
            .templateBucket(bucket)
            .timeout(timeout)
            .build()) {
      ChangeSetPlan plan = deployer.plan(stackName, template, given);
      if (!plan.hasChanges()) {
        if (format == Format.json) {
          writeJson(out, plan, null);
        } else {
          out.print(plan.render());
          out.println("no changes: stack '" + stackName + "' already matches " + templateFile);
        }
        return ExitCodes.OK;
      }
      if (dryRun) {
        deployer.discard(plan);
        if (format == Format.json) {
          writeJson(out, plan, null);
        } else {
          out.print(plan.render());
          out.println(
              "dry run: change set "
                  + plan.changeSetName()
                  + " deleted"
                  + (plan.newStack() ? " (with the empty stack made for it)" : "")
                  + "; nothing was changed. Run without --dry-run to deploy");
        }
        return detailedExitCode ? ExitCodes.CHANGES_PENDING : ExitCodes.OK;
      }
      if (format == Format.text) {
        out.print(plan.render());
        out.println("executing change set " + plan.changeSetName() + "…");
        out.flush();
      }
      StackResult result = deployer.execute(plan);
      if (format == Format.json) {
        writeJson(out, plan, result);
      } else {
        report(out, result);
      }
      if (!result.succeeded()) {
        if (format == Format.json) {
          err.println(
              "pipeline: stack '"
                  + stackName
                  + "' ended "
                  + result.status()
                  + "; see \"failures\"");
        }
        return ExitCodes.CHECK_FAILED;
      }
      // Deployed: nothing is pending any more, so 0 even with --detailed-exitcode.
      return ExitCodes.OK;
    }
  }

  private void report(PrintWriter out, StackResult result) {
    if (result.succeeded()) {
      out.println("deployed stack '" + stackName + "': " + result.status());
      result.outputs().forEach((k, v) -> out.println("  output " + k + " = " + v));
      return;
    }
    out.println(
        "stack '"
            + stackName
            + "' ended "
            + result.status()
            + (result.statusReason() == null ? "" : " (" + result.statusReason() + ")"));
    if (result.failures().isEmpty()) {
      out.println("  no resource reported a failure; see the stack's events in CloudFormation");
    } else {
      out.println("failed:");
      for (StackEvent e : result.failures()) {
        out.println("  " + e.line());
      }
    }
    if (!result.rolledBack().isEmpty()) {
      out.println("rolled back: " + String.join(", ", result.rolledBack()));
    }
  }

  /** {@code K=V} each; a name given twice or a value without {@code =} is a usage error. */
  static Map<String, String> parseParameters(List<String> values) {
    Map<String, String> given = new LinkedHashMap<>();
    for (String v : values) {
      int eq = v.indexOf('=');
      if (eq <= 0) {
        throw CliException.invalidInput(
            "--parameter '"
                + v
                + "' is not KEY=VALUE; write e.g. --parameter Environment=prod"
                + " (the key is the template's parameter name)");
      }
      String key = v.substring(0, eq);
      if (given.containsKey(key)) {
        throw CliException.invalidInput(
            "--parameter " + key + " is given twice; give each parameter once");
      }
      given.put(key, v.substring(eq + 1));
    }
    return given;
  }

  private static StackListener listener(PrintWriter err, PrintWriter progress) {
    var printing = DeployApiCommand.printing(err);
    return new StackListener() {
      @Override
      public void retrying(String call, String reason, Duration wait, int attempt) {
        printing.retrying(call, reason, wait, attempt);
      }

      @Override
      public void warning(String message) {
        printing.warning(message);
      }

      @Override
      public void event(StackEvent event) {
        progress.println("  " + event.timestamp() + "  " + event.line());
        progress.flush();
      }

      @Override
      public void uploaded(Path file, String location, long bytes) {
        progress.println("uploaded " + file + " (" + bytes + " bytes) to " + location);
        progress.flush();
      }
    };
  }

  /**
   * {@code {"ok", "stack", "newStack", "changeSet", "capabilities", "dryRun", "hasChanges",
   * "changes": [{"action", "logicalId", "type", "physicalId", "replacement", "properties":
   * [{"attribute", "name", "requiresRecreation", "before", "after"}]}], "summary": {"add",
   * "modify", "remove"}, "result": {"status", "reason", "succeeded", "failures": [...],
   * "rolledBack": [...], "outputs": {...}}}}; {@code result} only when executed.
   */
  private void writeJson(PrintWriter out, ChangeSetPlan plan, StackResult result) {
    try (JsonGenerator g = LintReport.generator(out)) {
      g.writeStartObject();
      g.writeBooleanField("ok", result == null || result.succeeded());
      g.writeStringField("stack", plan.stackName());
      g.writeBooleanField("newStack", plan.newStack());
      g.writeStringField("changeSet", plan.hasChanges() ? plan.changeSetName() : null);
      g.writeArrayFieldStart("capabilities");
      for (String c : plan.capabilities()) {
        g.writeString(c);
      }
      g.writeEndArray();
      g.writeBooleanField("dryRun", dryRun);
      g.writeBooleanField("hasChanges", plan.hasChanges());
      g.writeArrayFieldStart("changes");
      for (ChangeSetPlan.ResourceChange c : plan.changes()) {
        g.writeStartObject();
        g.writeStringField("action", c.action().word());
        g.writeStringField("logicalId", c.logicalId());
        g.writeStringField("type", c.resourceType());
        g.writeStringField("physicalId", c.physicalId());
        g.writeStringField("replacement", c.replacement());
        g.writeArrayFieldStart("properties");
        for (ChangeSetPlan.PropertyChange p : c.properties()) {
          g.writeStartObject();
          g.writeStringField("attribute", p.attribute());
          g.writeStringField("name", p.name());
          g.writeStringField("requiresRecreation", p.requiresRecreation());
          g.writeStringField("before", p.before());
          g.writeStringField("after", p.after());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      g.writeNumberField("add", plan.count(ChangeSetPlan.Action.ADD));
      g.writeNumberField("modify", plan.count(ChangeSetPlan.Action.MODIFY));
      g.writeNumberField("remove", plan.count(ChangeSetPlan.Action.REMOVE));
      g.writeEndObject();
      if (result != null) {
        g.writeObjectFieldStart("result");
        g.writeStringField("status", result.status());
        g.writeStringField("reason", result.statusReason());
        g.writeBooleanField("succeeded", result.succeeded());
        g.writeArrayFieldStart("failures");
        for (StackEvent e : result.failures()) {
          g.writeStartObject();
          g.writeStringField("logicalId", e.logicalId());
          g.writeStringField("type", e.resourceType());
          g.writeStringField("status", e.status());
          g.writeStringField("reason", e.reason());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("rolledBack");
        for (String r : result.rolledBack()) {
          g.writeString(r);
        }
        g.writeEndArray();
        g.writeObjectFieldStart("outputs");
        for (Map.Entry<String, String> o : result.outputs().entrySet()) {
          g.writeStringField(o.getKey(), o.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println();
    out.flush();
  }
}
