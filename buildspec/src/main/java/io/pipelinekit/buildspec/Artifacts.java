package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The buildspec's {@code artifacts} section (or one entry of its {@code secondary-artifacts}): the
 * files CodeBuild uploads as build output.
 *
 * <p>Validated when built: {@code files} is required and non-empty; secondary artifact identifiers
 * match {@code [A-Za-z0-9_]+} (CodePipeline output artifact names used with CodeBuild must be valid
 * identifiers); secondary artifacts do not nest.
 */
public final class Artifacts {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_]+");

  private final List<String> files;
  private final String name;
  private final Boolean discardPaths;
  private final String baseDirectory;
  private final List<String> excludePaths;
  private final Boolean enableSymlinks;
  private final String s3Prefix;
  private final Map<String, Artifacts> secondaryArtifacts;

  private Artifacts(Builder b) {
    this.files = Checks.nonBlankList(b.files, "files");
    if (files.isEmpty()) {
      throw new BuildSpecException(
          "files is required: list at least one path or glob (e.g. '**/*') of the"
              + " files to upload");
    }
    this.name = b.name == null ? null : Checks.nonBlank(b.name, "name");
    this.discardPaths = b.discardPaths;
    this.baseDirectory =
        b.baseDirectory == null ? null : Checks.nonBlank(b.baseDirectory, "base-directory");
    this.excludePaths = Checks.nonBlankList(b.excludePaths, "exclude-paths");
    this.enableSymlinks = b.enableSymlinks;
    this.s3Prefix = b.s3Prefix == null ? null : Checks.nonBlank(b.s3Prefix, "s3-prefix");
    this.secondaryArtifacts =
        Checks.valueMap(b.secondaryArtifacts, "$.artifacts.secondary-artifacts");
    for (Map.Entry<String, Artifacts> e : secondaryArtifacts.entrySet()) {
      String path = "$.artifacts.secondary-artifacts." + e.getKey();
      if (!IDENTIFIER.matcher(e.getKey()).matches()) {
        throw new BuildSpecException(
            path
                + ": artifact identifier '"
                + e.getKey()
                + "' must match [A-Za-z0-9_]+ (letters, digits, underscore); rename it, and the"
                + " CodePipeline output artifact with it");
      }
      if (!e.getValue().secondaryArtifacts.isEmpty()) {
        throw new BuildSpecException(
            path
                + ".secondary-artifacts: secondary artifacts cannot have secondary artifacts of"
                + " their own; list them all directly under $.artifacts.secondary-artifacts");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Artifacts made of the given file paths or globs. */
  public static Artifacts ofFiles(String... files) {
    return builder().files(files).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code files}: paths or globs relative to the base directory, in order. */
  public List<String> files() {
    return files;
  }

  /** {@code name}, if set. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** {@code discard-paths}, if set. */
  public Optional<Boolean> discardPaths() {
    return Optional.ofNullable(discardPaths);
  }

  /** {@code base-directory}, if set. */
  public Optional<String> baseDirectory() {
    return Optional.ofNullable(baseDirectory);
  }

  /** {@code exclude-paths}, in order. */
  public List<String> excludePaths() {
    return excludePaths;
  }

  /** {@code enable-symlinks}, if set. */
  public Optional<Boolean> enableSymlinks() {
    return Optional.ofNullable(enableSymlinks);
  }

  /** {@code s3-prefix}, if set. */
  public Optional<String> s3Prefix() {
    return Optional.ofNullable(s3Prefix);
  }

  /** {@code secondary-artifacts} by identifier, in insertion order. */
  public Map<String, Artifacts> secondaryArtifacts() {
    return secondaryArtifacts;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Artifacts)) {
      return false;
    }
    Artifacts a = (Artifacts) o;
    return files.equals(a.files)
        && Objects.equals(name, a.name)
        && Objects.equals(discardPaths, a.discardPaths)
        && Objects.equals(baseDirectory, a.baseDirectory)
        && excludePaths.equals(a.excludePaths)
        && Objects.equals(enableSymlinks, a.enableSymlinks)
        && Objects.equals(s3Prefix, a.s3Prefix)
        && secondaryArtifacts.equals(a.secondaryArtifacts);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        files,
        name,
        discardPaths,
        baseDirectory,
        excludePaths,
        enableSymlinks,
        s3Prefix,
        secondaryArtifacts);
  }

  @Override
  public String toString() {
    return "Artifacts{files="
        + files
        + ", name="
        + name
        + ", baseDirectory="
        + baseDirectory
        + ", secondaryArtifacts="
        + secondaryArtifacts.keySet()
        + "}";
  }

  /** Builds {@link Artifacts}. */
  public static final class Builder {
    private List<String> files = new ArrayList<>();
    private String name;
    private Boolean discardPaths;
    private String baseDirectory;
    private List<String> excludePaths = new ArrayList<>();
    private Boolean enableSymlinks;
    private String s3Prefix;
    private Map<String, Artifacts> secondaryArtifacts = new LinkedHashMap<>();

    private Builder() {}

    private Builder(Artifacts a) {
      this.files = new ArrayList<>(a.files);
      this.name = a.name;
      this.discardPaths = a.discardPaths;
      this.baseDirectory = a.baseDirectory;
      this.excludePaths = new ArrayList<>(a.excludePaths);
      this.enableSymlinks = a.enableSymlinks;
      this.s3Prefix = a.s3Prefix;
      this.secondaryArtifacts = new LinkedHashMap<>(a.secondaryArtifacts);
    }

    public Builder files(List<String> files) {
      this.files = new ArrayList<>(Objects.requireNonNull(files, "files"));
      return this;
    }

    public Builder files(String... files) {
      return files(Arrays.asList(Objects.requireNonNull(files, "files")));
    }

    public Builder addFile(String file) {
      this.files.add(file);
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder discardPaths(Boolean discardPaths) {
      this.discardPaths = discardPaths;
      return this;
    }

    public Builder baseDirectory(String baseDirectory) {
      this.baseDirectory = baseDirectory;
      return this;
    }

    public Builder excludePaths(List<String> excludePaths) {
      this.excludePaths = new ArrayList<>(Objects.requireNonNull(excludePaths, "excludePaths"));
      return this;
    }

    public Builder excludePaths(String... excludePaths) {
      return excludePaths(Arrays.asList(Objects.requireNonNull(excludePaths, "excludePaths")));
    }

    public Builder enableSymlinks(Boolean enableSymlinks) {
      this.enableSymlinks = enableSymlinks;
      return this;
    }

    public Builder s3Prefix(String s3Prefix) {
      this.s3Prefix = s3Prefix;
      return this;
    }

    public Builder secondaryArtifacts(Map<String, Artifacts> secondaryArtifacts) {
      this.secondaryArtifacts =
          new LinkedHashMap<>(Objects.requireNonNull(secondaryArtifacts, "secondaryArtifacts"));
      return this;
    }

    public Builder putSecondaryArtifact(String identifier, Artifacts artifacts) {
      this.secondaryArtifacts.put(identifier, artifacts);
      return this;
    }

    /** Adds a secondary artifact built in place; errors name its path. */
    public Builder putSecondaryArtifact(String identifier, Consumer<Builder> artifacts) {
      Builder b = new Builder();
      artifacts.accept(b);
      try {
        return putSecondaryArtifact(identifier, b.build());
      } catch (BuildSpecException e) {
        throw new BuildSpecException(
            e.getMessage().startsWith("$.")
                ? e.getMessage()
                : "$.artifacts.secondary-artifacts." + identifier + "." + e.getMessage(),
            e);
      }
    }

    public Artifacts build() {
      return new Artifacts(this);
    }
  }
}
