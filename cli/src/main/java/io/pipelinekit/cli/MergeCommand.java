package io.pipelinekit.cli;

import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiMerger;
import io.pipelinekit.core.Finding;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pipeline merge FILE… -o OUT}: merges OpenAPI fragments into one document. */
final class MergeCommand implements Callable<Integer> {
  enum Format {
    yaml,
    json
  }

  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  List<Path> files;

  Path output;

  Format format;

  CommandSupport.RemoteRefs remoteRefs = new CommandSupport.RemoteRefs();

  long maxBytes = LoadOptions.DEFAULT_MAX_BYTES;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "merge");
    s.description(
        "Merges OpenAPI fragments into one document.",
        "Paths, operations, components, tags, security schemes and top-level"
            + " x-amazon-apigateway-* fields are combined; identical duplicates collapse. An operation"
            + " with only x-* fields and security (an overlay) adds them to the operation another"
            + " fragment defines. A conflicting duplicate or a reused operationId names both places"
            + " and nothing is written (exit 1).");
    s.exitCodes(
        "0:merged (warnings, if any, on standard error)",
        "1:the fragments conflict; nothing written",
        "2:usage error, or a fragment is unreadable or not OpenAPI");
    spec = s.spec();
    s.mixin(global.specs());
    s.parameter("files")
        .arity("1..*")
        .paramLabel("FILE")
        .description(
            "OpenAPI fragments (YAML or JSON), merged in this order; - for standard input, and"
                + " pipes are read too.");
    s.option("output", "-o", "--output")
        .paramLabel("OUT")
        .description(
            "Where to write the merged document: a new or regular file (a link, FIFO or device is"
                + " refused), or - for standard output (the default).");
    s.option("format", "--format")
        .paramLabel("FORMAT")
        .description("yaml or json (default: from OUT's extension, else yaml).");
    s.mixin(remoteRefs.specs());
    s.option("maxBytes", "--max-bytes")
        .paramLabel("N")
        .description("Largest fragment accepted, in bytes. Default: ${DEFAULT-VALUE} (16 MiB).");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OutputFiles.requireNotEmpty(spec, "-o", output);
    boolean toStandardOutput = output == null || OutputFiles.isStandardOutput(output);
    loadOptions(null); // an invalid limit is a usage error before any input is read
    Inputs inputs = new Inputs(spec, maxBytes);
    List<Path> fragments = new java.util.ArrayList<>();
    for (Path file : files) {
      fragments.add(inputs.resolve(file));
    }
    MergeResult result = OpenApiMerger.merge(fragments, loadOptions(inputs));
    for (Finding finding : result.findings()) {
      err.println(finding.format());
    }
    if (result.hasConflicts()) {
      int n = result.conflicts().size();
      err.println(
          "pipeline: "
              + CommandSupport.counted(n, "conflict")
              + " between the fragments; "
              + (toStandardOutput ? "nothing" : output + " was not")
              + " written. Fix the places named above.");
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
    String text = effectiveFormat() == Format.json ? result.json() : result.yaml();
    if (toStandardOutput) {
      out.print(text);
      out.flush();
      return ExitCodes.OK;
    }
    OutputFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
    out.println(
        "Merged "
            + CommandSupport.counted(files.size(), "fragment")
            + ": "
            + result.pathCount()
            + " paths, "
            + result.operationCount()
            + " operations -> "
            + output);
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

  private Format effectiveFormat() {
    if (format != null) {
      return format;
    }
    if (output != null
        && output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
      return Format.json;
    }
    return Format.yaml;
  }
}
