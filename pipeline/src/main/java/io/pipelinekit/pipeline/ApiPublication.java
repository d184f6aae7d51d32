package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import io.pipelinekit.pipeline.internal.ToString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The REST API a CodeBuild project publishes after a successful build: the API's id, the stage, and
 * the OpenAPI fragment files (relative to the source root) merged into the published document.
 */
public final class ApiPublication {
  private final String restApiId;
  private final String stage;
  private final List<String> fragments;
  private final String specFile;
  private final String mode;

  private ApiPublication(Builder b) {
    this.restApiId =
        Checks.requiredText(b.restApiId, "ApiPublication", "restApiId", "\"a1b2c3d4e5\"");
    String where = restApiId == null ? "ApiPublication" : "ApiPublication " + restApiId;
    this.stage = Checks.requiredText(b.stage, where, "stage", "\"dev\"");
    this.fragments = Checks.copy(b.fragments, where, "fragments");
    this.specFile = Checks.requiredText(b.specFile, where, "specFile", "\"openapi.yaml\"");
    this.mode = b.mode;
  }

  /** Publishes the fragments, merged, to the stage of the REST API. */
  public static ApiPublication of(String restApiId, String stage, String... fragments) {
    return builder().restApiId(restApiId).stage(stage).fragments(Arrays.asList(fragments)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .restApiId(restApiId)
        .stage(stage)
        .fragments(fragments)
        .specFile(specFile)
        .mode(mode);
  }

  public String restApiId() {
    return restApiId;
  }

  public String stage() {
    return stage;
  }

  /** The OpenAPI fragments, relative to the source root, merged in this order. */
  public List<String> fragments() {
    return fragments;
  }

  /** The merged document's file name (in the build and in {@code pipeline build}'s output). */
  public String specFile() {
    return specFile;
  }

  /** {@code overwrite} or {@code merge}; empty for {@code pipeline deploy-api}'s default. */
  public Optional<String> mode() {
    return Optional.ofNullable(mode);
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof ApiPublication o
        && restApiId.equals(o.restApiId)
        && stage.equals(o.stage)
        && fragments.equals(o.fragments)
        && specFile.equals(o.specFile)
        && Objects.equals(mode, o.mode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(restApiId, stage, fragments, specFile, mode);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return ToString.builder("ApiPublication")
        .add("restApiId", restApiId)
        .add("stage", stage)
        .add("fragments", fragments)
        .add("specFile", specFile)
        .add("mode", mode)
        .build();
  }

  /** Builds an {@link ApiPublication}. */
  public static final class Builder {
    private String restApiId;
    private String stage;
    private final List<String> fragments = new ArrayList<>();
    private String specFile = "openapi.yaml";
    private String mode;

    private Builder() {}

    public Builder restApiId(String restApiId) {
      this.restApiId = restApiId;
      return this;
    }

    public Builder stage(String stage) {
      this.stage = stage;
      return this;
    }

    /** Sets them, replacing any set before. */
    public Builder fragments(List<String> fragments) {
      Checks.replaceAll(this.fragments, fragments);
      return this;
    }

    public Builder specFile(String specFile) {
      this.specFile = specFile;
      return this;
    }

    public Builder mode(String mode) {
      this.mode = mode;
      return this;
    }

    public ApiPublication build() {
      return Checks.building(() -> new ApiPublication(this));
    }
  }
}
