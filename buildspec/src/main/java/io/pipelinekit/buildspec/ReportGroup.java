package io.pipelinekit.buildspec;

import io.pipelinekit.buildspec.internal.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the buildspec's {@code reports} section: test or coverage report files for a report
 * group. Validated when built: {@code files} is required and non-empty.
 */
public final class ReportGroup {
  /** {@code file-format} values CodeBuild accepts. */
  public enum FileFormat {
    JUNITXML,
    CUCUMBERJSON,
    TESTNGXML,
    VISUALSTUDIOTRX,
    NUNITXML,
    NUNIT3XML,
    CLOVERXML,
    COBERTURAXML,
    JACOCOXML,
    SIMPLECOV
  }

  private final List<String> files;
  private final String baseDirectory;
  private final Boolean discardPaths;
  private final FileFormat fileFormat;

  private ReportGroup(Builder b) {
    this.files = Checks.nonBlankList(b.files, "files");
    if (files.isEmpty()) {
      throw new BuildSpecException(
          "files is required: list the report files (e.g. '**/*.xml') relative to"
              + " base-directory");
    }
    this.baseDirectory =
        b.baseDirectory == null ? null : Checks.nonBlank(b.baseDirectory, "base-directory");
    this.discardPaths = b.discardPaths;
    this.fileFormat = b.fileFormat;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** {@code files}, in order. */
  public List<String> files() {
    return files;
  }

  /** {@code base-directory}, if set. */
  public Optional<String> baseDirectory() {
    return Optional.ofNullable(baseDirectory);
  }

  /** {@code discard-paths}, if set. */
  public Optional<Boolean> discardPaths() {
    return Optional.ofNullable(discardPaths);
  }

  /** {@code file-format}, if set (CodeBuild's default is JUNITXML). */
  public Optional<FileFormat> fileFormat() {
    return Optional.ofNullable(fileFormat);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ReportGroup)) {
      return false;
    }
    ReportGroup r = (ReportGroup) o;
    return files.equals(r.files)
        && Objects.equals(baseDirectory, r.baseDirectory)
        && Objects.equals(discardPaths, r.discardPaths)
        && fileFormat == r.fileFormat;
  }

  @Override
  public int hashCode() {
    return Objects.hash(files, baseDirectory, discardPaths, fileFormat);
  }

  @Override
  public String toString() {
    return "ReportGroup{files="
        + files
        + ", baseDirectory="
        + baseDirectory
        + ", discardPaths="
        + discardPaths
        + ", fileFormat="
        + fileFormat
        + "}";
  }

  /** Builds a {@link ReportGroup}. */
  public static final class Builder {
    private List<String> files = new ArrayList<>();
    private String baseDirectory;
    private Boolean discardPaths;
    private FileFormat fileFormat;

    private Builder() {}

    private Builder(ReportGroup r) {
      this.files = new ArrayList<>(r.files);
      this.baseDirectory = r.baseDirectory;
      this.discardPaths = r.discardPaths;
      this.fileFormat = r.fileFormat;
    }

    public Builder files(List<String> files) {
      this.files = new ArrayList<>(Objects.requireNonNull(files, "files"));
      return this;
    }

    public Builder files(String... files) {
      return files(Arrays.asList(Objects.requireNonNull(files, "files")));
    }

    public Builder baseDirectory(String baseDirectory) {
      this.baseDirectory = baseDirectory;
      return this;
    }

    public Builder discardPaths(Boolean discardPaths) {
      this.discardPaths = discardPaths;
      return this;
    }

    public Builder fileFormat(FileFormat fileFormat) {
      this.fileFormat = fileFormat;
      return this;
    }

    public ReportGroup build() {
      return new ReportGroup(this);
    }
  }
}
