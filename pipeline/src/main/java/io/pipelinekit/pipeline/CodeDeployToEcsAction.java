package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ECS blue/green deploy through CodeDeploy ({@code CodeDeployToECS}): a task definition template
 * and an AppSpec template from input artifacts, and 1–4 images, each an artifact holding {@code
 * imageDetail.json} and the placeholder container name it fills in.
 */
public final class CodeDeployToEcsAction extends ActionBase implements Action {
  /** One image slot: the artifact with imageDetail.json, and the task definition placeholder. */
  public record Image(String artifact, String containerName) {
    public Image {
      Checks.requiredText(artifact, "CodeDeployToEcsAction.Image", "artifact", "\"BuildOutput\"");
      Checks.requiredText(
          containerName, "CodeDeployToEcsAction.Image", "containerName", "\"IMAGE1_NAME\"");
    }
  }

  private final String applicationName;
  private final String deploymentGroupName;
  private final String taskDefinitionTemplateArtifact;
  private final String taskDefinitionTemplatePath;
  private final String appSpecTemplateArtifact;
  private final String appSpecTemplatePath;
  private final List<Image> images;
  private final TaskDefinition taskDefinition;

  private CodeDeployToEcsAction(Builder b) {
    super(b, "CodeDeployToEcsAction");
    String where = Checks.where("CodeDeployToECS action", name());
    this.applicationName =
        Checks.requiredText(b.applicationName, where, "applicationName", "\"service\"");
    this.deploymentGroupName =
        Checks.requiredText(b.deploymentGroupName, where, "deploymentGroupName", "\"service-dg\"");
    this.taskDefinitionTemplateArtifact =
        Checks.requiredText(
            b.taskDefinitionTemplateArtifact,
            where,
            "taskDefinitionTemplateArtifact",
            "\"Source\"");
    this.taskDefinitionTemplatePath = b.taskDefinitionTemplatePath;
    this.appSpecTemplateArtifact =
        Checks.requiredText(
            b.appSpecTemplateArtifact, where, "appSpecTemplateArtifact", "\"Source\"");
    this.appSpecTemplatePath = b.appSpecTemplatePath;
    this.images = Checks.copy(b.images, where, "images");
    this.taskDefinition = b.taskDefinition;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = copyTo(new Builder());
    b.applicationName = applicationName;
    b.deploymentGroupName = deploymentGroupName;
    b.taskDefinitionTemplateArtifact = taskDefinitionTemplateArtifact;
    b.taskDefinitionTemplatePath = taskDefinitionTemplatePath;
    b.appSpecTemplateArtifact = appSpecTemplateArtifact;
    b.appSpecTemplatePath = appSpecTemplatePath;
    b.images.addAll(images);
    b.taskDefinition = taskDefinition;
    return b;
  }

  @Override
  public ActionCategory category() {
    return ActionCategory.DEPLOY;
  }

  @Override
  public String provider() {
    return "CodeDeployToECS";
  }

  /** The distinct artifacts the templates and images come from, in order. */
  @Override
  public List<String> inputArtifacts() {
    Set<String> inputs = new LinkedHashSet<>();
    inputs.add(taskDefinitionTemplateArtifact);
    inputs.add(appSpecTemplateArtifact);
    for (Image image : images) {
      inputs.add(image.artifact());
    }
    return List.copyOf(inputs);
  }

  @Override
  public List<String> outputArtifacts() {
    return List.of();
  }

  public String applicationName() {
    return applicationName;
  }

  public String deploymentGroupName() {
    return deploymentGroupName;
  }

  public List<Image> images() {
    return images;
  }

  public Optional<TaskDefinition> taskDefinition() {
    return Optional.ofNullable(taskDefinition);
  }

  @Override
  public Map<String, String> configuration() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("ApplicationName", applicationName);
    c.put("DeploymentGroupName", deploymentGroupName);
    c.put("TaskDefinitionTemplateArtifact", taskDefinitionTemplateArtifact);
    c.put("TaskDefinitionTemplatePath", taskDefinitionTemplatePath);
    c.put("AppSpecTemplateArtifact", appSpecTemplateArtifact);
    c.put("AppSpecTemplatePath", appSpecTemplatePath);
    for (int i = 0; i < images.size(); i++) {
      c.put("Image" + (i + 1) + "ArtifactName", images.get(i).artifact());
      c.put("Image" + (i + 1) + "ContainerName", images.get(i).containerName());
    }
    return Collections.unmodifiableMap(c);
  }

  @Override
  public String describe() {
    return "CodeDeploy " + applicationName + "/" + deploymentGroupName;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof CodeDeployToEcsAction o
        && sameBase(o)
        && applicationName.equals(o.applicationName)
        && deploymentGroupName.equals(o.deploymentGroupName)
        && taskDefinitionTemplateArtifact.equals(o.taskDefinitionTemplateArtifact)
        && Objects.equals(taskDefinitionTemplatePath, o.taskDefinitionTemplatePath)
        && appSpecTemplateArtifact.equals(o.appSpecTemplateArtifact)
        && Objects.equals(appSpecTemplatePath, o.appSpecTemplatePath)
        && images.equals(o.images)
        && Objects.equals(taskDefinition, o.taskDefinition);
  }

  @Override
  public int hashCode() {
    return 31 * baseHash()
        + Objects.hash(
            applicationName,
            deploymentGroupName,
            taskDefinitionTemplateArtifact,
            taskDefinitionTemplatePath,
            appSpecTemplateArtifact,
            appSpecTemplatePath,
            images,
            taskDefinition);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return toStringStart("CodeDeployToEcsAction")
        .add("applicationName", applicationName)
        .add("deploymentGroupName", deploymentGroupName)
        .add("taskDefinitionTemplateArtifact", taskDefinitionTemplateArtifact)
        .add("taskDefinitionTemplatePath", taskDefinitionTemplatePath)
        .add("appSpecTemplateArtifact", appSpecTemplateArtifact)
        .add("appSpecTemplatePath", appSpecTemplatePath)
        .add("images", images)
        .add("taskDefinition", taskDefinition)
        .build();
  }

  /** Builds a {@link CodeDeployToEcsAction}. */
  public static final class Builder extends ActionBase.Builder<Builder> {
    private String applicationName;
    private String deploymentGroupName;
    private String taskDefinitionTemplateArtifact;
    private String taskDefinitionTemplatePath = "taskdef.json";
    private String appSpecTemplateArtifact;
    private String appSpecTemplatePath = "appspec.yaml";
    private final List<Image> images = new ArrayList<>();
    private TaskDefinition taskDefinition;

    private Builder() {
      super("Deploy");
    }

    public Builder applicationName(String applicationName) {
      this.applicationName = applicationName;
      return this;
    }

    public Builder deploymentGroupName(String deploymentGroupName) {
      this.deploymentGroupName = deploymentGroupName;
      return this;
    }

    public Builder taskDefinitionTemplate(String artifact, String path) {
      this.taskDefinitionTemplateArtifact = artifact;
      this.taskDefinitionTemplatePath = path;
      return this;
    }

    public Builder appSpecTemplate(String artifact, String path) {
      this.appSpecTemplateArtifact = artifact;
      this.appSpecTemplatePath = path;
      return this;
    }

    /** Adds an image slot (at most four). */
    public Builder image(String artifact, String containerName) {
      images.add(new Image(artifact, containerName));
      return this;
    }

    public Builder taskDefinition(TaskDefinition taskDefinition) {
      this.taskDefinition = taskDefinition;
      return this;
    }

    public CodeDeployToEcsAction build() {
      return Checks.building(() -> new CodeDeployToEcsAction(this));
    }
  }
}
