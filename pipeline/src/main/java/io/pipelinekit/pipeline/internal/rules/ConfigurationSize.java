package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.Stage;

/**
 * {@code pipeline-configuration-size}: Each action configuration value is at most 1000 characters.
 * Page: {@code docs/rules/pipeline-configuration-size.md}.
 */
final class ConfigurationSize extends PipelineRule {

  static final int MAX_CONFIG_VALUE = 1000;

  ConfigurationSize() {
    super(
        "pipeline-configuration-size",
        "Each action configuration value is at most 1000 characters.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        String where = Model.at(stage, action);
        action
            .configuration()
            .forEach(
                (key, value) -> {
                  if (value.length() > MAX_CONFIG_VALUE) {
                    report.problem(
                        where,
                        where
                            + ": configuration value "
                            + key
                            + " is "
                            + value.length()
                            + " characters, at most 1000 are allowed"
                            + (key.equals("EnvironmentVariables")
                                ? "; move variables to the CodeBuild project's environment or"
                                    + " into Parameter Store"
                                : "; shorten it"));
                  }
                });
      }
    }
  }
}
