package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One build phase ({@code install}, {@code pre_build}, {@code build} or {@code post_build}): the
 * commands CodeBuild runs, the commands it runs {@code finally}, and how it reacts to failure.
 *
 * <p>Validated when built: a phase needs commands (or, for {@code install}, runtime versions);
 * {@code finally} needs commands; {@code runtime-versions: docker} is rejected because current
 * CodeBuild images fail with "Unknown runtime version named ... of docker".
 */
public final class Phase {
  /** What CodeBuild does when a command of the phase fails. */
  public enum OnFailure {
    /** Stop the build (the default). */
    ABORT,
    /** Go on with the next phase. */
    CONTINUE
  }

  private final String runAs;
  private final OnFailure onFailure;
  private final Map<String, String> runtimeVersions;
  private final List<String> commands;
  private final List<String> finallyCommands;

  private Phase(Builder b) {
    this.runAs = b.runAs == null ? null : Checks.nonBlank(b.runAs, "run-as");
    this.onFailure = b.onFailure;
    this.runtimeVersions = Checks.textMap(b.runtimeVersions, "runtime-versions");
    for (Map.Entry<String, String> e : runtimeVersions.entrySet()) {
      if (e.getKey().trim().toLowerCase(Locale.ROOT).equals("docker")) {
        throw new BuildSpecException(
            "runtime-versions.docker: current CodeBuild images reject a docker runtime"
                + " (\"Unknown runtime version named ... of docker\"); remove it: Docker is"
                + " preinstalled, enable privileged mode on the project instead");
      }
      Checks.nonBlank(e.getValue(), "runtime-versions." + e.getKey());
    }
    this.commands = Checks.textList(b.commands, "commands");
    this.finallyCommands = Checks.textList(b.finallyCommands, "finally");
    if (!finallyCommands.isEmpty() && commands.isEmpty()) {
      throw new BuildSpecException(
          "finally: a finally block needs commands in the same phase; add commands or move"
              + " the finally commands into commands");
    }
    if (commands.isEmpty() && runtimeVersions.isEmpty()) {
      throw new BuildSpecException(
          "commands: a phase needs at least one command (or runtime-versions in install);"
              + " add commands or leave the phase out");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A phase that runs the given commands, in order. */
  public static Phase ofCommands(String... commands) {
    return builder().commands(commands).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The Linux user that runs this phase's commands, if set ({@code run-as}). */
  public Optional<String> runAs() {
    return Optional.ofNullable(runAs);
  }

  /** The {@code on-failure} behaviour, if set (CodeBuild's default is ABORT). */
  public Optional<OnFailure> onFailure() {
    return Optional.ofNullable(onFailure);
  }

  /** {@code runtime-versions}, in insertion order; only allowed in the install phase. */
  public Map<String, String> runtimeVersions() {
    return runtimeVersions;
  }

  /** The phase's {@code commands}, in order. */
  public List<String> commands() {
    return commands;
  }

  /** The {@code finally} commands, run even when a command in {@link #commands()} fails. */
  public List<String> finallyCommands() {
    return finallyCommands;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Phase)) {
      return false;
    }
    Phase p = (Phase) o;
    return Objects.equals(runAs, p.runAs)
        && onFailure == p.onFailure
        && runtimeVersions.equals(p.runtimeVersions)
        && commands.equals(p.commands)
        && finallyCommands.equals(p.finallyCommands);
  }

  @Override
  public int hashCode() {
    return Objects.hash(runAs, onFailure, runtimeVersions, commands, finallyCommands);
  }

  @Override
  public String toString() {
    return "Phase{runAs="
        + runAs
        + ", onFailure="
        + onFailure
        + ", runtimeVersions="
        + runtimeVersions
        + ", commands="
        + commands
        + ", finally="
        + finallyCommands
        + "}";
  }

  /** Builds a {@link Phase}. */
  public static final class Builder {
    private String runAs;
    private OnFailure onFailure;
    private Map<String, String> runtimeVersions = new LinkedHashMap<>();
    private List<String> commands = new ArrayList<>();
    private List<String> finallyCommands = new ArrayList<>();

    private Builder() {}

    private Builder(Phase p) {
      this.runAs = p.runAs;
      this.onFailure = p.onFailure;
      this.runtimeVersions = new LinkedHashMap<>(p.runtimeVersions);
      this.commands = new ArrayList<>(p.commands);
      this.finallyCommands = new ArrayList<>(p.finallyCommands);
    }

    public Builder runAs(String runAs) {
      this.runAs = runAs;
      return this;
    }

    public Builder onFailure(OnFailure onFailure) {
      this.onFailure = onFailure;
      return this;
    }

    /** Replaces the runtime versions (insertion order is kept). */
    public Builder runtimeVersions(Map<String, String> runtimeVersions) {
      this.runtimeVersions =
          new LinkedHashMap<>(Objects.requireNonNull(runtimeVersions, "runtimeVersions"));
      return this;
    }

    /** Adds one runtime version, e.g. {@code ("java", "corretto21")}. */
    public Builder putRuntimeVersion(String runtime, String version) {
      this.runtimeVersions.put(runtime, version);
      return this;
    }

    public Builder commands(List<String> commands) {
      this.commands = new ArrayList<>(Objects.requireNonNull(commands, "commands"));
      return this;
    }

    public Builder commands(String... commands) {
      return commands(Arrays.asList(Objects.requireNonNull(commands, "commands")));
    }

    public Builder addCommand(String command) {
      this.commands.add(command);
      return this;
    }

    public Builder finallyCommands(List<String> finallyCommands) {
      this.finallyCommands =
          new ArrayList<>(Objects.requireNonNull(finallyCommands, "finallyCommands"));
      return this;
    }

    public Builder finallyCommands(String... finallyCommands) {
      return finallyCommands(
          Arrays.asList(Objects.requireNonNull(finallyCommands, "finallyCommands")));
    }

    public Phase build() {
      return new Phase(this);
    }
  }
}
