package io.pipelinekit.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsTarget;
import io.pipelinekit.pipeline.Synthesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code apply} makes true in AWS: the ECS services and ECR repositories the pipeline uses
 * (checked, not changed), the CreatePipeline request and one CreateProject request per CodeBuild
 * project, as the JSON trees synthesis writes ({@code pipeline.json}, {@code
 * codebuild-project.json}).
 */
public final class PipelineDeclarations {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An ECR repository the pipeline's builds push to: its name, and the registry's account and
   * region when they are not the pipeline's.
   */
  public record EcrRepository(String name, Optional<String> account, Optional<String> region) {
    public EcrRepository {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(region, "region");
    }
  }

  private final List<EcsTarget> ecsTargets;
  private final List<EcrRepository> ecrRepositories;
  private final Map<String, Object> createPipeline;
  private final List<Map<String, Object>> createProjects;

  private PipelineDeclarations(Builder b) {
    this.ecsTargets = List.copyOf(b.ecsTargets);
    this.ecrRepositories = List.copyOf(b.ecrRepositories);
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
    List<EcrRepository> repositories = new ArrayList<>();
    for (CodeBuildProject project : synthesis.pipeline().codeBuildProjects()) {
      for (ContainerImage image : project.images()) {
        EcrRepository repository =
            new EcrRepository(image.repository(), image.registryAccount(), image.registryRegion());
        if (!repositories.contains(repository)) {
          repositories.add(repository);
        }
      }
    }
    b.ecrRepositories(repositories);
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
    Builder b =
        new Builder()
            .ecsTargets(ecsTargets)
            .ecrRepositories(ecrRepositories)
            .createPipeline(createPipeline);
    createProjects.forEach(b::addCreateProject);
    return b;
  }

  /** The ECS services to check before anything is written. */
  public List<EcsTarget> ecsTargets() {
    return ecsTargets;
  }

  /** The ECR repositories to check before anything is written. */
  public List<EcrRepository> ecrRepositories() {
    return ecrRepositories;
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
    private final List<EcrRepository> ecrRepositories = new ArrayList<>();
    private Map<String, Object> createPipeline;
    private final List<Map<String, Object>> createProjects = new ArrayList<>();

    private Builder() {}

    public Builder ecsTargets(List<EcsTarget> ecsTargets) {
      this.ecsTargets.clear();
      this.ecsTargets.addAll(Objects.requireNonNull(ecsTargets, "ecsTargets"));
      return this;
    }

    public Builder ecrRepositories(List<EcrRepository> ecrRepositories) {
      this.ecrRepositories.clear();
      this.ecrRepositories.addAll(Objects.requireNonNull(ecrRepositories, "ecrRepositories"));
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
