package io.pipelinekit.pipeline;

/** CodePipeline's action categories (the {@code actionTypeId.category} values). */
public enum ActionCategory {
  SOURCE("Source"),
  BUILD("Build"),
  TEST("Test"),
  DEPLOY("Deploy"),
  APPROVAL("Approval");

  private final String value;

  ActionCategory(String value) {
    this.value = value;
  }

  /** The value CodePipeline takes, e.g. {@code Source}. */
  public String value() {
    return value;
  }
}
