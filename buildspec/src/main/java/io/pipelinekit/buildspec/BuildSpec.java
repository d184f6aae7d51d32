package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A CodeBuild buildspec, version 0.2: the commands a build runs, its environment, reports,
 * artifacts and cache. Write it with {@link BuildSpecWriter#write(BuildSpec)}.
 *
 * <p>Validated when built: at least one phase; {@code runtime-versions} only in {@code install};
 * report group names 2–128 characters or a report-group ARN. Nested parts validate themselves when
 * they are built (see {@link BuildEnv}, {@link Phase}, {@link Artifacts}).
 */
public final class BuildSpec {
  /** The only buildspec version this model writes. */
  public static final String VERSION = "0.2";

  private static final Pattern REPORT_GROUP_ARN =
      Pattern.compile("arn:aws[a-z-]*:codebuild:[a-z0-9-]+:\\d{12}:report-group/.+");

  private final String runAs;
  private final BuildEnv env;
  private final Phase install;
  private final Phase preBuild;
  private final Phase build;
  private final Phase postBuild;
  private final Map<String, ReportGroup> reports;
  private final Artifacts artifacts;
  private final Cache cache;

  private BuildSpec(Builder b) {
    this.runAs = b.runAs == null ? null : Checks.nonBlank(b.runAs, "$.run-as");
    this.env = b.env == null || b.env.isEmpty() ? null : b.env;
    this.install = b.install;
    this.preBuild = b.preBuild;
    this.build = b.build;
    this.postBuild = b.postBuild;
    if (install == null && preBuild == null && build == null && postBuild == null) {
      throw new BuildSpecException(
          "$.phases: a buildspec needs at least one phase (install, pre_build, build or"
              + " post_build) with commands");
    }
    rejectRuntimeVersions(preBuild, "pre_build");
    rejectRuntimeVersions(build, "build");
    rejectRuntimeVersions(postBuild, "post_build");
    this.reports = Checks.valueMap(b.reports, "$.reports");
    for (String name : reports.keySet()) {
      boolean arn = name.startsWith("arn:");
      if (arn && !REPORT_GROUP_ARN.matcher(name).matches()) {
        throw new BuildSpecException(
            "$.reports."
                + name
                + ": not a report group ARN; use"
                + " arn:aws:codebuild:<region>:<account>:report-group/<name> or a plain name");
      }
      if (!arn && (name.length() < 2 || name.length() > 128)) {
        throw new BuildSpecException(
            "$.reports."
                + name
                + ": a report group name must be 2 to 128 characters long (it is "
                + name.length()
                + "); shorten or lengthen it, or use the report group's ARN");
      }
    }
    this.artifacts = b.artifacts;
    this.cache = b.cache;
  }

  private static void rejectRuntimeVersions(Phase phase, String name) {
    if (phase != null && !phase.runtimeVersions().isEmpty()) {
      throw new BuildSpecException(
          "$.phases."
              + name
              + ".runtime-versions: runtime-versions are only allowed in the install phase; move"
              + " them to $.phases.install.runtime-versions");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Always {@value #VERSION}. */
  public String version() {
    return VERSION;
  }

  /** {@code run-as}: the Linux user that runs all commands, if set. */
  public Optional<String> runAs() {
    return Optional.ofNullable(runAs);
  }

  /** The {@code env} section, if it has any content. */
  public Optional<BuildEnv> env() {
    return Optional.ofNullable(env);
  }

  /** {@code phases.install}, if set. */
  public Optional<Phase> install() {
    return Optional.ofNullable(install);
  }

  /** {@code phases.pre_build}, if set. */
  public Optional<Phase> preBuild() {
    return Optional.ofNullable(preBuild);
  }

  /** {@code phases.build}, if set. */
  public Optional<Phase> build() {
    return Optional.ofNullable(build);
  }

  /** {@code phases.post_build}, if set. */
  public Optional<Phase> postBuild() {
    return Optional.ofNullable(postBuild);
  }

  /** {@code reports}: report group name (or ARN) to its files, in insertion order. */
  public Map<String, ReportGroup> reports() {
    return reports;
  }

  /** {@code artifacts}, if set. */
  public Optional<Artifacts> artifacts() {
    return Optional.ofNullable(artifacts);
  }

  /** {@code cache}, if set. */
  public Optional<Cache> cache() {
    return Optional.ofNullable(cache);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof BuildSpec)) {
      return false;
    }
    BuildSpec s = (BuildSpec) o;
    return Objects.equals(runAs, s.runAs)
        && Objects.equals(env, s.env)
        && Objects.equals(install, s.install)
        && Objects.equals(preBuild, s.preBuild)
        && Objects.equals(build, s.build)
        && Objects.equals(postBuild, s.postBuild)
        && reports.equals(s.reports)
        && Objects.equals(artifacts, s.artifacts)
        && Objects.equals(cache, s.cache);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runAs, env, install, preBuild, build, postBuild, reports, artifacts, cache);
  }

  @Override
  public String toString() {
    return "BuildSpec{version=0.2, runAs="
        + runAs
        + ", env="
        + env
        + ", install="
        + install
        + ", preBuild="
        + preBuild
        + ", build="
        + build
        + ", postBuild="
        + postBuild
        + ", reports="
        + reports
        + ", artifacts="
        + artifacts
        + ", cache="
        + cache
        + "}";
  }

  /** Builds a {@link BuildSpec}. */
  public static final class Builder {
    private String runAs;
    private BuildEnv env;
    private Phase install;
    private Phase preBuild;
    private Phase build;
    private Phase postBuild;
    private Map<String, ReportGroup> reports = new LinkedHashMap<>();
    private Artifacts artifacts;
    private Cache cache;

    private Builder() {}

    private Builder(BuildSpec s) {
      this.runAs = s.runAs;
      this.env = s.env;
      this.install = s.install;
      this.preBuild = s.preBuild;
      this.build = s.build;
      this.postBuild = s.postBuild;
      this.reports = new LinkedHashMap<>(s.reports);
      this.artifacts = s.artifacts;
      this.cache = s.cache;
    }

    private static <T> T at(String path, Supplier<T> build) {
      try {
        return build.get();
      } catch (BuildSpecException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("$.")) {
          throw e;
        }
        throw new BuildSpecException(path + "." + e.getMessage(), e);
      }
    }

    public Builder runAs(String runAs) {
      this.runAs = runAs;
      return this;
    }

    public Builder env(BuildEnv env) {
      this.env = env;
      return this;
    }

    public Builder env(Consumer<BuildEnv.Builder> env) {
      BuildEnv.Builder b = this.env == null ? BuildEnv.builder() : this.env.toBuilder();
      env.accept(b);
      return env(b.build());
    }

    public Builder install(Phase install) {
      this.install = install;
      return this;
    }

    public Builder install(Consumer<Phase.Builder> install) {
      return install(at("$.phases.install", () -> phase(install)));
    }

    public Builder preBuild(Phase preBuild) {
      this.preBuild = preBuild;
      return this;
    }

    public Builder preBuild(Consumer<Phase.Builder> preBuild) {
      return preBuild(at("$.phases.pre_build", () -> phase(preBuild)));
    }

    public Builder build(Phase build) {
      this.build = build;
      return this;
    }

    public Builder build(Consumer<Phase.Builder> build) {
      return build(at("$.phases.build", () -> phase(build)));
    }

    public Builder postBuild(Phase postBuild) {
      this.postBuild = postBuild;
      return this;
    }

    public Builder postBuild(Consumer<Phase.Builder> postBuild) {
      return postBuild(at("$.phases.post_build", () -> phase(postBuild)));
    }

    private static Phase phase(Consumer<Phase.Builder> c) {
      Phase.Builder b = Phase.builder();
      c.accept(b);
      return b.build();
    }

    public Builder reports(Map<String, ReportGroup> reports) {
      this.reports = new LinkedHashMap<>(Objects.requireNonNull(reports, "reports"));
      return this;
    }

    public Builder putReport(String reportGroup, ReportGroup report) {
      this.reports.put(reportGroup, report);
      return this;
    }

    public Builder putReport(String reportGroup, Consumer<ReportGroup.Builder> report) {
      ReportGroup.Builder b = ReportGroup.builder();
      report.accept(b);
      return putReport(reportGroup, at("$.reports." + reportGroup, b::build));
    }

    public Builder artifacts(Artifacts artifacts) {
      this.artifacts = artifacts;
      return this;
    }

    public Builder artifacts(Consumer<Artifacts.Builder> artifacts) {
      Artifacts.Builder b = Artifacts.builder();
      artifacts.accept(b);
      return artifacts(at("$.artifacts", b::build));
    }

    public Builder cache(Cache cache) {
      this.cache = cache;
      return this;
    }

    public Builder cache(Consumer<Cache.Builder> cache) {
      Cache.Builder b = Cache.builder();
      cache.accept(b);
      return cache(b.build());
    }

    public BuildSpec build() {
      return new BuildSpec(this);
    }
  }
}
