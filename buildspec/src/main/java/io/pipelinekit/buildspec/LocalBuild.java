package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.run.ArtifactsFolder;
import io.pipelinekit.buildspec.internal.run.BuildRunner;
import io.pipelinekit.buildspec.internal.run.RunSpec;
import io.pipelinekit.core.FileProblems;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a buildspec on this machine with CodeBuild's semantics — phases and their failure rules, one
 * shell session, CodeBuild's variables, parameter-store and secrets-manager values (masked),
 * exported variables, artifacts laid out as CodeBuild lays them out, reports summarised — and no
 * Docker engine or build image: commands run as written, with the tools on {@code PATH}. What
 * cannot apply here ({@code run-as}, {@code proxy}, {@code cache}, {@code batch}) is reported,
 * never silently ignored. {@code docs/run-local.md} lists each rule with the AWS page it follows.
 *
 * <pre>{@code
 * LocalBuildResult result =
 *     LocalBuild.builder()
 *         .buildSpec(Path.of("buildspec.yml"))
 *         .sourceDir(Path.of("."))
 *         .artifactsDir(Path.of("build/run-local/artifacts"))
 *         .listener(lines::add)
 *         .build()
 *         .run();
 * }</pre>
 */
public final class LocalBuild {
  private final Path buildSpec;
  private final Path sourceDir;
  private final Path artifactsDir;
  private final Map<String, String> environment;
  private final Map<String, String> overrides;
  private final ParameterResolver resolver;
  private final LocalBuildListener listener;
  private final String region;
  private final int buildNumber;

  private LocalBuild(Builder b) {
    this.buildSpec = Objects.requireNonNull(b.buildSpec, "buildSpec");
    this.sourceDir = Objects.requireNonNull(b.sourceDir, "sourceDir");
    this.artifactsDir = Objects.requireNonNull(b.artifactsDir, "artifactsDir");
    this.environment = Map.copyOf(b.environment);
    this.overrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.overrides));
    for (String name : overrides.keySet()) {
      if (name.startsWith("CODEBUILD_")) {
        throw new IllegalArgumentException(
            "--env "
                + name
                + ": names starting CODEBUILD_ are reserved for CodeBuild's own"
                + " variables; rename the variable");
      }
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "--env "
                + name
                + ": not a variable name (letters, digits and _, not starting with a"
                + " digit)");
      }
    }
    this.resolver = Objects.requireNonNull(b.resolver, "parameterResolver");
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.region = b.region;
    if (b.buildNumber < 1) {
      throw new IllegalArgumentException("buildNumber must be at least 1, was " + b.buildNumber);
    }
    this.buildNumber = b.buildNumber;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Lints the buildspec (findings go to the listener; an error stops here), checks the artifacts
   * folder is this tool's to replace, then runs the build.
   *
   * @throws BuildSpecException when the buildspec is unreadable or has lint errors, the source
   *     folder is missing, or the artifacts folder holds files run-local did not write; nothing has
   *     run then
   */
  public LocalBuildResult run() {
    List<Finding> findings = BuildSpecLinter.lint(buildSpec);
    long errors = 0;
    for (Finding f : findings) {
      listener.finding(f);
      if (f.severity() == Severity.ERROR) {
        errors++;
      }
    }
    if (errors > 0) {
      throw new BuildSpecException(
          buildSpec
              + ": "
              + errors
              + " lint error"
              + (errors == 1 ? "" : "s")
              + "; nothing was run: fix "
              + (errors == 1 ? "it" : "them")
              + " (each is listed above; 'pipeline lint "
              + buildSpec
              + "' shows them again)");
    }
    Path source;
    try {
      source = sourceDir.toRealPath();
    } catch (IOException e) {
      throw new BuildSpecException(
          sourceDir + ": the source folder cannot be read: " + FileProblems.describe(e), e);
    }
    if (!Files.isDirectory(source)) {
      throw new BuildSpecException(sourceDir + ": the source folder is not a folder");
    }
    RunSpec spec = RunSpec.read(read(buildSpec), BuildSpecLinter.DEFAULT_MAX_BYTES);
    ArtifactsFolder artifacts = ArtifactsFolder.check(artifactsDir);
    return new BuildRunner(
            new BuildRunner.Inputs(
                spec,
                source,
                artifacts,
                environment,
                overrides,
                resolver,
                region,
                buildNumber,
                listener::log))
        .run();
  }

  private static String read(Path buildSpec) {
    try {
      String text = Files.readString(buildSpec, StandardCharsets.UTF_8);
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (IOException e) {
      throw new BuildSpecException(buildSpec + ": cannot read: " + FileProblems.describe(e), e);
    }
  }

  public static final class Builder {
    private Path buildSpec;
    private Path sourceDir = Path.of(".");
    private Path artifactsDir = Path.of("build", "run-local", "artifacts");
    private Map<String, String> environment = System.getenv();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private ParameterResolver resolver = ParameterResolver.NONE;
    private LocalBuildListener listener = LocalBuildListener.NONE;
    private String region;
    private int buildNumber = 1;

    private Builder() {}

    /** The buildspec file (required). */
    public Builder buildSpec(Path buildSpec) {
      this.buildSpec = buildSpec;
      return this;
    }

    /** The source folder: {@code CODEBUILD_SRC_DIR}, where commands start (default {@code .}). */
    public Builder sourceDir(Path sourceDir) {
      this.sourceDir = sourceDir;
      return this;
    }

    /** Where artifacts are laid out (default {@code build/run-local/artifacts}). */
    public Builder artifactsDir(Path artifactsDir) {
      this.artifactsDir = artifactsDir;
      return this;
    }

    /**
     * The environment the shell starts with, before CodeBuild's and the buildspec's variables
     * (default: this process's). {@code PATH} decides which {@code docker}, {@code aws}, … run.
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /** Variables that override the buildspec's, as a StartBuild override does ({@code --env}). */
    public Builder overrides(Map<String, String> overrides) {
      this.overrides.clear();
      this.overrides.putAll(overrides);
      return this;
    }

    public Builder putOverride(String name, String value) {
      this.overrides.put(name, value);
      return this;
    }

    /** Looks up parameter-store and secrets-manager values (default: none configured). */
    public Builder parameterResolver(ParameterResolver resolver) {
      this.resolver = resolver;
      return this;
    }

    public Builder listener(LocalBuildListener listener) {
      this.listener = listener;
      return this;
    }

    /** Sets {@code AWS_REGION} and {@code AWS_DEFAULT_REGION} as CodeBuild does (default unset). */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /** {@code CODEBUILD_BUILD_NUMBER} (default 1). */
    public Builder buildNumber(int buildNumber) {
      this.buildNumber = buildNumber;
      return this;
    }

    public LocalBuild build() {
      return new LocalBuild(this);
    }
  }
}
