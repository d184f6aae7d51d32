package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A source action, always in the pipeline's first stage: a Git repository through CodeConnections
 * (GitHub, GitHub Enterprise Server, Bitbucket, GitLab), a CodeCommit repository, an S3 object or
 * an ECR image. Each produces exactly one output artifact.
 *
 * <pre>{@code
 * Source.gitHub("arn:aws:codeconnections:eu-west-1:111122223333:connection/abc", "acme/service", "main")
 * }</pre>
 */
public final class Source extends ActionBase implements Action {
  /** The kind of source, which decides the provider and the configuration. */
  public enum Kind {
    CODE_CONNECTIONS("CodeStarSourceConnection"),
    CODECOMMIT("CodeCommit"),
    S3("S3"),
    ECR("ECR");

    private final String provider;

    Kind(String provider) {
      this.provider = provider;
    }

    public String provider() {
      return provider;
    }
  }

  private static final Set<String> CONNECTION_VARIABLES =
      Set.of(
          "AuthorDate",
          "BranchName",
          "CommitId",
          "CommitMessage",
          "ConnectionArn",
          "FullRepositoryName");
  private static final Set<String> CODECOMMIT_VARIABLES =
      Set.of(
          "AuthorDate",
          "BranchName",
          "CommitId",
          "CommitMessage",
          "CommitterDate",
          "RepositoryName");
  private static final Set<String> S3_VARIABLES = Set.of("ETag", "VersionId");
  private static final Set<String> ECR_VARIABLES =
      Set.of("ImageDigest", "ImageTag", "ImageURI", "RegistryId", "RepositoryName");

  private final Kind kind;
  private final RepositoryHost host;
  private final String output;
  private final String connectionArn;
  private final String repository;
  private final String branch;
  private final OutputArtifactFormat outputFormat;
  private final Boolean detectChanges;
  private final String bucket;
  private final String objectKey;
  private final String imageTag;
  private final Boolean pollForSourceChanges;

  private Source(Builder b) {
    super(withKind(b), "Source");
    this.kind = b.kind;
    String where = Checks.where("Source action", name());
    this.output = Checks.requiredText(b.output, where, "output", "\"Source\"");
    this.outputFormat = b.outputFormat;
    this.detectChanges = b.detectChanges;
    this.pollForSourceChanges = b.pollForSourceChanges;
    switch (kind) {
      case CODE_CONNECTIONS -> {
        this.host = b.host == null ? RepositoryHost.GITHUB : b.host;
        this.connectionArn =
            Checks.requiredText(
                b.connectionArn,
                where,
                "connectionArn",
                "\"arn:aws:codeconnections:REGION:ACCOUNT:connection/ID\"");
        this.repository =
            Checks.requiredText(b.repository, where, "repository", "\"owner/repository\"");
        this.branch = Checks.requiredText(b.branch, where, "branch", "\"main\"");
        this.bucket = null;
        this.objectKey = null;
        this.imageTag = null;
      }
      case CODECOMMIT -> {
        this.host = null;
        this.connectionArn = null;
        this.repository = Checks.requiredText(b.repository, where, "repository", "\"service\"");
        this.branch = Checks.requiredText(b.branch, where, "branch", "\"main\"");
        this.bucket = null;
        this.objectKey = null;
        this.imageTag = null;
      }
      case S3 -> {
        this.host = null;
        this.connectionArn = null;
        this.repository = null;
        this.branch = null;
        this.bucket = Checks.requiredText(b.bucket, where, "bucket", "\"source-bucket\"");
        this.objectKey = Checks.requiredText(b.objectKey, where, "objectKey", "\"source.zip\"");
        this.imageTag = null;
      }
      case ECR -> {
        this.host = null;
        this.connectionArn = null;
        this.repository = Checks.requiredText(b.repository, where, "repository", "\"base-image\"");
        this.branch = null;
        this.bucket = null;
        this.objectKey = null;
        this.imageTag = b.imageTag;
      }
      default -> throw new IllegalStateException(kind.name());
    }
  }

  /**
   * The builder, once its kind is known (checked before the name, as the kind decides the rest).
   */
  private static Builder withKind(Builder b) {
    Checks.required(b.kind, "Source", "kind", "Source.Kind.CODE_CONNECTIONS");
    return b;
  }

  /** A GitHub repository ({@code owner/name}) through a CodeConnections connection. */
  public static Source gitHub(String connectionArn, String repository, String branch) {
    return connection(RepositoryHost.GITHUB, connectionArn, repository, branch);
  }

  /** A GitHub Enterprise Server repository through a CodeConnections connection (with a host). */
  public static Source gitHubEnterpriseServer(
      String connectionArn, String repository, String branch) {
    return connection(RepositoryHost.GITHUB_ENTERPRISE_SERVER, connectionArn, repository, branch);
  }

  /** A Bitbucket Cloud repository ({@code workspace/name}) through a CodeConnections connection. */
  public static Source bitbucket(String connectionArn, String repository, String branch) {
    return connection(RepositoryHost.BITBUCKET, connectionArn, repository, branch);
  }

  /** A GitLab repository ({@code group/name}) through a CodeConnections connection. */
  public static Source gitLab(String connectionArn, String repository, String branch) {
    return connection(RepositoryHost.GITLAB, connectionArn, repository, branch);
  }

  private static Source connection(
      RepositoryHost host, String connectionArn, String repository, String branch) {
    return builder()
        .kind(Kind.CODE_CONNECTIONS)
        .host(host)
        .connectionArn(connectionArn)
        .repository(repository)
        .branch(branch)
        .build();
  }

  /** A CodeCommit repository's branch. */
  public static Source codeCommit(String repositoryName, String branch) {
    return builder().kind(Kind.CODECOMMIT).repository(repositoryName).branch(branch).build();
  }

  /** An object in a versioned S3 bucket. */
  public static Source s3(String bucket, String objectKey) {
    return builder().kind(Kind.S3).bucket(bucket).objectKey(objectKey).build();
  }

  /**
   * An image in an ECR repository (tag {@code latest} when none is given, as ECR's action does).
   */
  public static Source ecr(String repositoryName, String imageTag) {
    return builder().kind(Kind.ECR).repository(repositoryName).imageTag(imageTag).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = copyTo(new Builder());
    b.kind = kind;
    b.host = host;
    b.output = output;
    b.connectionArn = connectionArn;
    b.repository = repository;
    b.branch = branch;
    b.outputFormat = outputFormat;
    b.detectChanges = detectChanges;
    b.bucket = bucket;
    b.objectKey = objectKey;
    b.imageTag = imageTag;
    b.pollForSourceChanges = pollForSourceChanges;
    return b;
  }

  public Kind kind() {
    return kind;
  }

  /** For CodeConnections sources, the Git host. */
  public Optional<RepositoryHost> host() {
    return Optional.ofNullable(host);
  }

  @Override
  public ActionCategory category() {
    return ActionCategory.SOURCE;
  }

  @Override
  public String provider() {
    return kind.provider();
  }

  @Override
  public List<String> inputArtifacts() {
    return List.of();
  }

  @Override
  public List<String> outputArtifacts() {
    return List.of(output);
  }

  public String output() {
    return output;
  }

  public Optional<String> connectionArn() {
    return Optional.ofNullable(connectionArn);
  }

  /** The repository: {@code owner/name} for Git hosts, the name for CodeCommit and ECR. */
  public Optional<String> repository() {
    return Optional.ofNullable(repository);
  }

  public Optional<String> branch() {
    return Optional.ofNullable(branch);
  }

  public Optional<OutputArtifactFormat> outputFormat() {
    return Optional.ofNullable(outputFormat);
  }

  public Optional<Boolean> detectChanges() {
    return Optional.ofNullable(detectChanges);
  }

  public Optional<String> bucket() {
    return Optional.ofNullable(bucket);
  }

  public Optional<String> objectKey() {
    return Optional.ofNullable(objectKey);
  }

  public Optional<String> imageTag() {
    return Optional.ofNullable(imageTag);
  }

  /** For CodeCommit and S3: whether polling was asked for; empty when left to the default. */
  public Optional<Boolean> pollForSourceChanges() {
    return Optional.ofNullable(pollForSourceChanges);
  }

  @Override
  public Map<String, String> configuration() {
    Map<String, String> c = new LinkedHashMap<>();
    switch (kind) {
      case CODE_CONNECTIONS -> {
        c.put("ConnectionArn", connectionArn);
        c.put("FullRepositoryId", repository);
        c.put("BranchName", branch);
        if (outputFormat != null) {
          c.put("OutputArtifactFormat", outputFormat.name());
        }
        if (detectChanges != null) {
          c.put("DetectChanges", detectChanges.toString());
        }
      }
      case CODECOMMIT -> {
        c.put("RepositoryName", repository);
        c.put("BranchName", branch);
        c.put("PollForSourceChanges", String.valueOf(Boolean.TRUE.equals(pollForSourceChanges)));
        if (outputFormat != null) {
          c.put("OutputArtifactFormat", outputFormat.name());
        }
      }
      case S3 -> {
        c.put("S3Bucket", bucket);
        c.put("S3ObjectKey", objectKey);
        c.put("PollForSourceChanges", String.valueOf(Boolean.TRUE.equals(pollForSourceChanges)));
      }
      case ECR -> {
        c.put("RepositoryName", repository);
        if (imageTag != null) {
          c.put("ImageTag", imageTag);
        }
      }
      default -> throw new IllegalStateException(kind.name());
    }
    return java.util.Collections.unmodifiableMap(c);
  }

  @Override
  public Set<String> outputVariables() {
    return switch (kind) {
      case CODE_CONNECTIONS -> CONNECTION_VARIABLES;
      case CODECOMMIT -> CODECOMMIT_VARIABLES;
      case S3 -> S3_VARIABLES;
      case ECR -> ECR_VARIABLES;
    };
  }

  @Override
  public String describe() {
    return switch (kind) {
      case CODE_CONNECTIONS -> host.displayName() + " " + repository + "@" + branch;
      case CODECOMMIT -> "CodeCommit " + repository + "@" + branch;
      case S3 -> "S3 s3://" + bucket + "/" + objectKey;
      case ECR -> "ECR " + repository + (imageTag == null ? "" : ":" + imageTag);
    };
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof Source o
        && sameBase(o)
        && kind.equals(o.kind)
        && Objects.equals(host, o.host)
        && output.equals(o.output)
        && Objects.equals(connectionArn, o.connectionArn)
        && Objects.equals(repository, o.repository)
        && Objects.equals(branch, o.branch)
        && Objects.equals(outputFormat, o.outputFormat)
        && Objects.equals(detectChanges, o.detectChanges)
        && Objects.equals(bucket, o.bucket)
        && Objects.equals(objectKey, o.objectKey)
        && Objects.equals(imageTag, o.imageTag)
        && Objects.equals(pollForSourceChanges, o.pollForSourceChanges);
  }

  @Override
  public int hashCode() {
    return 31 * baseHash()
        + Objects.hash(
            kind,
            host,
            output,
            connectionArn,
            repository,
            branch,
            outputFormat,
            detectChanges,
            bucket,
            objectKey,
            imageTag,
            pollForSourceChanges);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return toStringStart("Source")
        .add("kind", kind)
        .add("host", host)
        .add("output", output)
        .add("connectionArn", connectionArn)
        .add("repository", repository)
        .add("branch", branch)
        .add("outputFormat", outputFormat)
        .add("detectChanges", detectChanges)
        .add("bucket", bucket)
        .add("objectKey", objectKey)
        .add("imageTag", imageTag)
        .add("pollForSourceChanges", pollForSourceChanges)
        .build();
  }

  /** Builds a {@link Source}; most definitions start from a factory such as {@link #gitHub}. */
  public static final class Builder extends ActionBase.Builder<Builder> {
    private Kind kind;
    private RepositoryHost host;
    private String output = "Source";
    private String connectionArn;
    private String repository;
    private String branch;
    private OutputArtifactFormat outputFormat;
    private Boolean detectChanges;
    private String bucket;
    private String objectKey;
    private String imageTag;
    private Boolean pollForSourceChanges;

    private Builder() {
      super("Source");
    }

    public Builder kind(Kind kind) {
      this.kind = kind;
      return this;
    }

    public Builder host(RepositoryHost host) {
      this.host = host;
      return this;
    }

    /** The output artifact's name (default {@code Source}). */
    public Builder output(String output) {
      this.output = output;
      return this;
    }

    public Builder connectionArn(String connectionArn) {
      this.connectionArn = connectionArn;
      return this;
    }

    public Builder repository(String repository) {
      this.repository = repository;
      return this;
    }

    public Builder branch(String branch) {
      this.branch = branch;
      return this;
    }

    public Builder outputFormat(OutputArtifactFormat outputFormat) {
      this.outputFormat = outputFormat;
      return this;
    }

    public Builder detectChanges(boolean detectChanges) {
      this.detectChanges = detectChanges;
      return this;
    }

    public Builder bucket(String bucket) {
      this.bucket = bucket;
      return this;
    }

    public Builder objectKey(String objectKey) {
      this.objectKey = objectKey;
      return this;
    }

    public Builder imageTag(String imageTag) {
      this.imageTag = imageTag;
      return this;
    }

    /** For CodeCommit and S3: poll instead of change events (default false: use events). */
    public Builder pollForSourceChanges(boolean poll) {
      this.pollForSourceChanges = poll;
      return this;
    }

    public Source build() {
      return Checks.building(() -> new Source(this));
    }
  }
}
