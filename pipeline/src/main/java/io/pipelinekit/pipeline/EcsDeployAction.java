package io.pipelinekit.pipeline;

import io.pipelinekit.pipeline.internal.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A standard (rolling) ECS deploy: reads {@code imagedefinitions.json} from its one input artifact,
 * registers a new task definition revision with those images and updates the service.
 */
public final class EcsDeployAction extends ActionBase implements Action {
  /** CodePipeline's default for FileName. */
  public static final String DEFAULT_FILE_NAME = "imagedefinitions.json";

  private final String input;
  private final String clusterName;
  private final String serviceName;
  private final String fileName;
  private final Integer deploymentTimeoutMinutes;
  private final TaskDefinition taskDefinition;
  private final List<String> passRoleArns;

  private EcsDeployAction(Builder b) {
    super(b, "EcsDeployAction");
    String where = Checks.where("ECS deploy action", name());
    this.input = Checks.requiredText(b.input, where, "input", "\"BuildOutput\"");
    this.clusterName = Checks.requiredText(b.clusterName, where, "clusterName", "\"service\"");
    this.serviceName = Checks.requiredText(b.serviceName, where, "serviceName", "\"service\"");
    this.fileName = Checks.requiredText(b.fileName, where, "fileName", "\"imagedefinitions.json\"");
    this.deploymentTimeoutMinutes = b.deploymentTimeoutMinutes;
    this.taskDefinition = b.taskDefinition;
    this.passRoleArns = Checks.copy(b.passRoleArns, where, "passRoleArns");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = copyTo(new Builder());
    b.input = input;
    b.clusterName = clusterName;
    b.serviceName = serviceName;
    b.fileName = fileName;
    b.deploymentTimeoutMinutes = deploymentTimeoutMinutes;
    b.taskDefinition = taskDefinition;
    b.passRoleArns.addAll(passRoleArns);
    return b;
  }

  @Override
  public ActionCategory category() {
    return ActionCategory.DEPLOY;
  }

  @Override
  public String provider() {
    return "ECS";
  }

  @Override
  public List<String> inputArtifacts() {
    return List.of(input);
  }

  @Override
  public List<String> outputArtifacts() {
    return List.of();
  }

  public String input() {
    return input;
  }

  public String clusterName() {
    return clusterName;
  }

  public String serviceName() {
    return serviceName;
  }

  /** The image definitions file in the input artifact (default {@value #DEFAULT_FILE_NAME}). */
  public String fileName() {
    return fileName;
  }

  public Optional<Integer> deploymentTimeoutMinutes() {
    return Optional.ofNullable(deploymentTimeoutMinutes);
  }

  /** The service's task definition as far as the pipeline models it. */
  public Optional<TaskDefinition> taskDefinition() {
    return Optional.ofNullable(taskDefinition);
  }

  /**
   * The roles the deploy may pass to ECS ({@code iam:PassRole}): the task definition's task and
   * execution roles, plus any set here.
   */
  public List<String> passRoleArns() {
    List<String> all = new ArrayList<>();
    if (taskDefinition != null) {
      all.addAll(taskDefinition.roleArns());
    }
    for (String arn : passRoleArns) {
      if (!all.contains(arn)) {
        all.add(arn);
      }
    }
    return List.copyOf(all);
  }

  @Override
  public Map<String, String> configuration() {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("ClusterName", clusterName);
    c.put("ServiceName", serviceName);
    c.put("FileName", fileName);
    if (deploymentTimeoutMinutes != null) {
      c.put("DeploymentTimeout", deploymentTimeoutMinutes.toString());
    }
    return Collections.unmodifiableMap(c);
  }

  @Override
  public String describe() {
    return "ECS " + clusterName + "/" + serviceName;
  }

  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other instanceof EcsDeployAction o
        && sameBase(o)
        && input.equals(o.input)
        && clusterName.equals(o.clusterName)
        && serviceName.equals(o.serviceName)
        && fileName.equals(o.fileName)
        && Objects.equals(deploymentTimeoutMinutes, o.deploymentTimeoutMinutes)
        && Objects.equals(taskDefinition, o.taskDefinition)
        && passRoleArns.equals(o.passRoleArns);
  }

  @Override
  public int hashCode() {
    return 31 * baseHash()
        + Objects.hash(
            input,
            clusterName,
            serviceName,
            fileName,
            deploymentTimeoutMinutes,
            taskDefinition,
            passRoleArns);
  }

  /** The settings, SDK v2 style; secret-prone values are redacted. */
  @Override
  public String toString() {
    return toStringStart("EcsDeployAction")
        .add("input", input)
        .add("clusterName", clusterName)
        .add("serviceName", serviceName)
        .add("fileName", fileName)
        .add("deploymentTimeoutMinutes", deploymentTimeoutMinutes)
        .add("taskDefinition", taskDefinition)
        .add("passRoleArns", passRoleArns)
        .build();
  }

  /** Builds an {@link EcsDeployAction}. */
  public static final class Builder extends ActionBase.Builder<Builder> {
    private String input;
    private String clusterName;
    private String serviceName;
    private String fileName = DEFAULT_FILE_NAME;
    private Integer deploymentTimeoutMinutes;
    private TaskDefinition taskDefinition;
    private final List<String> passRoleArns = new ArrayList<>();

    private Builder() {
      super("Deploy");
    }

    public Builder input(String artifact) {
      this.input = artifact;
      return this;
    }

    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    public Builder fileName(String fileName) {
      this.fileName = fileName;
      return this;
    }

    /** Minutes to wait for the deployment, 1–60. */
    public Builder deploymentTimeoutMinutes(int minutes) {
      this.deploymentTimeoutMinutes = minutes;
      return this;
    }

    public Builder taskDefinition(TaskDefinition taskDefinition) {
      this.taskDefinition = taskDefinition;
      return this;
    }

    /**
     * Further roles the deploy may pass, when no task definition is modelled (replacing any set
     * before).
     */
    public Builder passRoleArns(String... arns) {
      Checks.replaceAll(passRoleArns, List.of(arns));
      return this;
    }

    public EcsDeployAction build() {
      return Checks.building(() -> new EcsDeployAction(this));
    }
  }
}
