package io.pipelinekit.cli;

import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.aws.AwsParameterResolver;
import io.pipelinekit.aws.RetryPolicy;
import io.pipelinekit.buildspec.LocalBuild;
import io.pipelinekit.buildspec.LocalBuildListener;
import io.pipelinekit.buildspec.LocalBuildResult;
import io.pipelinekit.buildspec.ParameterResolver;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.internal.JsonText;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pipeline run-local}: runs a buildspec on this machine with CodeBuild's semantics (the
 * engine is {@link LocalBuild}; this command adds the AWS lookups, the exported-variables file and
 * the closing table).
 */
final class RunLocalCommand implements Callable<Integer> {
  CommandSpec spec;

  GlobalOptions global = new GlobalOptions();

  AwsOptions aws = new AwsOptions();

  Path buildSpec;

  Path sourceDir;

  Path artifactsDir;

  Map<String, String> env = new LinkedHashMap<>();

  Path exportedVariables;

  /** This command's model, declared in code (see {@link Specs}). */
  CommandSpec commandSpec() {
    Specs s = Specs.command(this, "run-local");
    s.description(
        "Runs a buildspec on this machine with CodeBuild's semantics: phases install, pre_build,"
            + " build, post_build in one shell session; CodeBuild's failure rules, on-failure and"
            + " finally; CODEBUILD_* variables; env.variables, --env overrides, parameter-store and"
            + " secrets-manager values (masked in the output); exported variables; artifacts laid"
            + " out as CodeBuild lays them out, even after a failed build; reports summarised."
            + " Commands run as written, with the tools on PATH (docker is whatever is on PATH)."
            + " The buildspec is linted first; errors stop it. See docs/run-local.md.");
    s.exitCodes(
        "0:the build SUCCEEDED",
        "1:the build FAILED (the phase and the command are named)",
        "2:usage error, unreadable or invalid buildspec (lint errors), an artifacts folder holding"
            + " files run-local did not write, no AWS region or credentials for a lookup");
    spec = s.spec();
    s.mixin(global.specs());
    s.mixin(aws.specs());
    s.option("buildSpec", "--buildspec")
        .paramLabel("FILE")
        .description(
            "The buildspec (default: buildspec.yml, else buildspec.yaml, in --source-dir).");
    s.option("sourceDir", "--source-dir")
        .paramLabel("DIR")
        .defaultValue(".")
        .description("The source folder: CODEBUILD_SRC_DIR, where commands start (default: .).");
    s.option("artifactsDir", "--artifacts-dir")
        .paramLabel("DIR")
        .defaultValue("build/run-local/artifacts")
        .description(
            "Where artifacts are laid out; replaced by each run (default: build/run-local/artifacts).");
    s.option("env", "--env")
        .paramLabel("NAME=VALUE")
        .description(
            "A variable that overrides the buildspec's, as a StartBuild override does (repeatable).");
    s.option("exportedVariables", "--exported-variables")
        .paramLabel("FILE")
        .description("Writes env.exported-variables, as the build left them, to FILE as JSON.");
    return s.build();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    OutputFiles.requireNotEmpty(spec, "--exported-variables", exportedVariables);
    Path file = buildSpec != null ? buildSpec : defaultBuildSpec(sourceDir);
    try (LazyAwsResolver resolver = new LazyAwsResolver(aws, err)) {
      LocalBuild build =
          CommandSupport.fromOptions(
              spec,
              () ->
                  LocalBuild.builder()
                      .buildSpec(file)
                      .sourceDir(sourceDir)
                      .artifactsDir(artifactsDir)
                      .overrides(env)
                      .region(aws.region().orElse(null))
                      .parameterResolver(resolver)
                      .listener(
                          new LocalBuildListener() {
                            @Override
                            public void log(String line) {
                              out.println(line);
                              out.flush();
                            }

                            @Override
                            public void finding(Finding finding) {
                              err.println(finding.format());
                              err.flush();
                            }
                          })
                      .build());
      LocalBuildResult result = build.run();
      printTable(out, result);
      if (exportedVariables != null) {
        OutputFiles.write(exportedVariables, json(result.exportedVariables()));
        out.println("exported variables: " + exportedVariables);
      }
      out.flush();
      if (result.status() == LocalBuildResult.Status.SUCCEEDED) {
        return ExitCodes.OK;
      }
      LocalBuildResult.Phase failed = result.failedPhase().orElseThrow();
      err.println(
          "pipeline: the build FAILED in phase "
              + failed.name()
              + failed
                  .failedCommand()
                  .map(
                      c ->
                          failed.exitStatus() != 0
                              ? ": command '"
                                  + firstLine(c)
                                  + "' exited with status "
                                  + failed.exitStatus()
                              : ": " + c)
                  .orElse(""));
      err.flush();
      return ExitCodes.CHECK_FAILED;
    }
  }

  /**
   * {@code buildspec.yml}, else {@code buildspec.yaml}, in the source folder (CodeBuild's name).
   */
  private static Path defaultBuildSpec(Path sourceDir) {
    for (String name : new String[] {"buildspec.yml", "buildspec.yaml"}) {
      Path candidate = sourceDir.resolve(name);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw CliException.invalidInput(
        sourceDir.resolve("buildspec.yml")
            + ": no such file (nor buildspec.yaml); name the buildspec with --buildspec FILE");
  }

  private static void printTable(PrintWriter out, LocalBuildResult result) {
    out.println();
    out.println(String.format(Locale.ROOT, "%-18s %-10s %9s", "PHASE", "STATUS", "DURATION"));
    for (LocalBuildResult.Phase p : result.phases()) {
      out.println(
          String.format(
              Locale.ROOT,
              "%-18s %-10s %9s",
              p.name(),
              p.status() == LocalBuildResult.Status.NOT_RUN ? "NOT RUN" : p.status().name(),
              p.status() == LocalBuildResult.Status.NOT_RUN
                  ? "-"
                  : String.format(Locale.ROOT, "%.2fs", p.duration().toMillis() / 1000.0)));
    }
    out.println("build " + result.buildId() + ": " + result.status());
  }

  private static byte[] json(Map<String, String> variables) {
    StringBuilder json = new StringBuilder("{");
    String sep = "\n";
    for (Map.Entry<String, String> e : variables.entrySet()) {
      json.append(sep).append("  ").append(JsonText.string(e.getKey())).append(": ");
      json.append(JsonText.string(e.getValue()));
      sep = ",\n";
    }
    json.append(variables.isEmpty() ? "}\n" : "\n}\n");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }

  /**
   * The SDK lookups, made on first use: a buildspec without parameter-store or secrets-manager
   * entries resolves no region or credentials and makes no client.
   */
  private static final class LazyAwsResolver implements ParameterResolver, AutoCloseable {
    private final AwsOptions aws;
    private final PrintWriter err;
    private AwsParameterResolver delegate;

    LazyAwsResolver(AwsOptions aws, PrintWriter err) {
      this.aws = aws;
      this.err = err;
    }

    private AwsParameterResolver delegate() {
      if (delegate == null) {
        delegate =
            AwsParameterResolver.create(
                AwsClients.resolve(DeployApiCommand.settings(aws)),
                RetryPolicy.defaults(),
                DeployApiCommand.printing(err));
      }
      return delegate;
    }

    @Override
    public String parameter(String name) {
      return delegate().parameter(name);
    }

    @Override
    public String secret(String secretId, String versionStage, String versionId) {
      return delegate().secret(secretId, versionStage, versionId);
    }

    @Override
    public void close() {
      if (delegate != null) {
        delegate.close();
      }
    }
  }
}
