package io.pipelinekit.pipeline.cli;

import io.pipelinekit.apispec.Finding;
import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.apispec.MergeResult;
import io.pipelinekit.apispec.OpenApiMerger;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pipeline merge FILE… -o OUT}: merges OpenAPI fragments into one document. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merges OpenAPI fragments into one document.",
      "Paths, operations, components, tags, security schemes and top-level"
          + " x-amazon-apigateway-* fields are combined; identical duplicates collapse. An operation"
          + " with only x-* fields and security (an overlay) adds them to the operation another"
          + " fragment defines. A conflicting duplicate or a reused operationId names both places"
          + " and nothing is written (exit 1)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:merged (warnings, if any, on standard error)",
      "1:the fragments conflict; nothing written",
      "2:usage error, or a fragment is unreadable or not OpenAPI"
    })
final class MergeCommand implements Callable<Integer> {
  enum Format {
    yaml,
    json
  }

  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "OpenAPI fragments (YAML or JSON), merged in this order.")
  List<Path> files;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "OUT",
      description = "Where to write the merged document (default: standard output).")
  Path output;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "yaml or json (default: from OUT's extension, else yaml).")
  Format format;

  @Option(
      names = "--allow-remote-refs",
      paramLabel = "HOST",
      split = ",",
      description = "Accept http(s) $refs to this host (repeatable). They are never fetched.")
  List<String> allowRemoteRefs = new ArrayList<>();

  @Option(
      names = "--max-bytes",
      paramLabel = "N",
      description = "Largest fragment accepted, in bytes. Default: ${DEFAULT-VALUE} (16 MiB).")
  long maxBytes = LoadOptions.DEFAULT_MAX_BYTES;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MergeResult result = OpenApiMerger.merge(files, loadOptions());
    for (Finding finding : result.findings()) {
      err.println(finding.format());
    }
    if (result.hasConflicts()) {
      int n = result.conflicts().size();
      err.println(
          "pipeline: "
              + n
              + (n == 1 ? " conflict" : " conflicts")
              + " between the fragments; "
              + (output == null ? "nothing" : output + " was not")
              + " written. Fix the places named above.");
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
    String text = effectiveFormat() == Format.json ? result.json() : result.yaml();
    if (output == null) {
      out.print(text);
      out.flush();
      return ExitCodes.OK;
    }
    OutputFiles.write(output, text.getBytes(StandardCharsets.UTF_8));
    out.println(
        "Merged "
            + files.size()
            + (files.size() == 1 ? " fragment: " : " fragments: ")
            + result.pathCount()
            + " paths, "
            + result.operationCount()
            + " operations -> "
            + output);
    return ExitCodes.OK;
  }

  private LoadOptions loadOptions() {
    try {
      LoadOptions.Builder options = LoadOptions.builder().maxBytes(maxBytes);
      allowRemoteRefs.forEach(options::allowRemoteRefHost);
      return options.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
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
