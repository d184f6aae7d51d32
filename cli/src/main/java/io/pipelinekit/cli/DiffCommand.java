package io.pipelinekit.cli;

import io.pipelinekit.apispec.ApiChange;
import io.pipelinekit.apispec.DiffResult;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.OpenApiDiff;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline diff OLD NEW}: breaking and non-breaking changes between two API versions. */
final class DiffCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  Path oldFile;

  Path newFile;

  Format format;

  boolean failOnBreaking;

  CommandSupport.RemoteRefs remoteRefs = new CommandSupport.RemoteRefs();

  long maxBytes = LoadOptions.DEFAULT_MAX_BYTES;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "diff");
    s.description(
        "Lists the changes between two versions of an OpenAPI document, each marked breaking or"
            + " non-breaking.",
        "Breaking: removed path, operation, response code or media type; parameter or request body"
            + " added as required or made required; property made required in a request or removed"
            + " from a response; type changed; enum value removed; security added.");
    s.exitCodes(
        "0:compared (also with breaking changes, unless --fail-on-breaking)",
        "1:breaking changes found and --fail-on-breaking given",
        "2:usage error, or a document is unreadable");
    spec = s.spec();
    s.mixin(global.specs());
    s.parameter("oldFile")
        .index("0")
        .paramLabel("OLD")
        .description(
            "The earlier OpenAPI document (- for standard input, or a pipe such as"
                + " <(git show main:openapi.yaml)).");
    s.parameter("newFile")
        .index("1")
        .paramLabel("NEW")
        .description("The later OpenAPI document (- or a pipe, as OLD).");
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .defaultValue("text")
        .description("text (file:line:col breaking|non-breaking kind message) or json.");
    s.option("failOnBreaking", "--fail-on-breaking")
        .description("Exit 1 when a change is breaking.");
    s.mixin(remoteRefs.specs());
    s.option("maxBytes", "--max-bytes")
        .paramLabel("N")
        .description("Largest document accepted, in bytes. Default: ${DEFAULT-VALUE} (16 MiB).");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    loadOptions(null); // an invalid limit is a usage error before any input is read
    Inputs inputs = new Inputs(spec, maxBytes);
    Path before = inputs.resolve(oldFile);
    Path after = inputs.resolve(newFile);
    DiffResult result = OpenApiDiff.compare(before, after, loadOptions(inputs));
    boolean refused = failOnBreaking && result.hasBreakingChanges();
    if (format == Format.json) {
      // docs/commands.md's convention: "ok" (the exit code is 0) first, then the library's fields.
      String json = result.toJson();
      out.print("{\n  \"ok\": " + !refused + ",\n" + json.substring("{\n".length()));
    } else {
      for (ApiChange change : result.changes()) {
        out.println(change.format());
      }
      out.println(result.summary());
    }
    out.flush();
    if (refused) {
      int n = result.breakingChanges().size();
      err.println(
          "pipeline: "
              + CommandSupport.counted(n, "breaking change")
              + " from "
              + before
              + " to "
              + after
              + "; keep the old behaviour or publish a new API version.");
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
    return ExitCodes.OK;
  }

  private LoadOptions loadOptions(Inputs inputs) {
    return CommandSupport.fromOptions(
        spec,
        () -> {
          LoadOptions.Builder load = LoadOptions.builder().maxBytes(maxBytes);
          if (inputs != null) {
            inputs.applyTo(load);
          }
          return remoteRefs.applyTo(load).build();
        });
  }
}
