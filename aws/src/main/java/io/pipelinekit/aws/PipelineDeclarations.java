package io.pipelinekit.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.pipeline.EcsTarget;
import io.pipelinekit.pipeline.Synthesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code apply} makes true in AWS: the ECS services the pipeline deploys to (checked, not
 * changed), the CreatePipeline request and one CreateProject request per CodeBuild project, as the
 * JSON trees synthesis writes ({@code pipeline.json}, {@code codebuild-project.json}).
 */
public final class PipelineDeclarations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<EcsTarget> ecsTargets;
  private final Map<String, Object> createPipeline;
  private final List<Map<String, Object>> createProjects;

  private PipelineDeclarations(Builder b) {
    this.ecsTargets = List.copyOf(b.ecsTargets);
    this.createPipeline = Map.copyOf(Objects.requireNonNull(b.createPipeline, "createPipeline"));
    if (!(createPipeline.get("pipeline") instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("createPipeline must have a 'pipeline' object");
    }
    this.createProjects = List.copyOf(b.createProjects);
    for (Map<String, Object> p : createProjects) {
      if (!(p.get("name") instanceof String)) {
        throw new IllegalArgumentException("every CreateProject request needs a 'name'");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The declarations synthesis wrote for a pipeline. */
  public static PipelineDeclarations from(Synthesis synthesis) {
    Builder b =
        builder()
            .ecsTargets(synthesis.ecsTargets())
            .createPipeline(parse(synthesis.createPipelineJson(), "pipeline.json"));
    for (Map.Entry<String, String> project : synthesis.createProjectJson().entrySet()) {
      b.addCreateProject(parse(project.getValue(), "CreateProject of " + project.getKey()));
    }
    return b.build();
  }

  private static Map<String, Object> parse(String json, String what) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("synthesis wrote invalid JSON for " + what, e);
    }
  }

  public Builder toBuilder() {
    Builder b = new Builder().ecsTargets(ecsTargets).createPipeline(createPipeline);
    createProjects.forEach(b::addCreateProject);
    return b;
  }

  /** The ECS services to check before anything is written. */
  public List<EcsTarget> ecsTargets() {
    return ecsTargets;
  }

  /** {@code {"pipeline": {...}, "tags": [...]}}. */
  public Map<String, Object> createPipeline() {
    return createPipeline;
  }

  public List<Map<String, Object>> createProjects() {
    return createProjects;
  }

  public static final class Builder {
    private final List<EcsTarget> ecsTargets = new ArrayList<>();
    private Map<String, Object> createPipeline;
    private final List<Map<String, Object>> createProjects = new ArrayList<>();

    private Builder() {}

    public Builder ecsTargets(List<EcsTarget> ecsTargets) {
      this.ecsTargets.clear();
      this.ecsTargets.addAll(Objects.requireNonNull(ecsTargets, "ecsTargets"));
      return this;
    }

    public Builder createPipeline(Map<String, Object> createPipeline) {
      this.createPipeline = new LinkedHashMap<>(createPipeline);
      return this;
    }

    public Builder addCreateProject(Map<String, Object> createProject) {
      this.createProjects.add(new LinkedHashMap<>(createProject));
      return this;
    }

    public PipelineDeclarations build() {
      return new PipelineDeclarations(this);
    }
  }
}
