package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.core.internal.DidYouMean;
import io.pipelinekit.core.internal.JsonText;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.internal.Declarations;
import io.pipelinekit.pipeline.internal.rules.AwsModelTable.Constraint;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pipeline-aws-model}: the net under the explicit rules. It builds the CreatePipeline and
 * CreateProject inputs exactly as {@code pipeline build} writes them and walks every value against
 * {@link AwsModelTable} (botocore's model): length, pattern, enum, count, range. A facet an
 * explicit rule already checks with its own message is in {@link #EXPLICIT} and skipped here, so a
 * problem is reported once. Page: {@code docs/rules/pipeline-aws-model.md}.
 */
final class AwsModel extends PipelineRule {

  /**
   * {@code "OPERATION path facet"} that an explicit rule checks (facet: min, max, pattern, enum);
   * the rule named in the comment reports them, with a message of its own.
   */
  static final Set<String> EXPLICIT =
      Set.of(
          // pipeline-name-pattern
          "CreatePipeline pipeline.name min",
          "CreatePipeline pipeline.name max",
          "CreatePipeline pipeline.name pattern",
          "CreatePipeline pipeline.stages[].name min",
          "CreatePipeline pipeline.stages[].name max",
          "CreatePipeline pipeline.stages[].name pattern",
          "CreatePipeline pipeline.stages[].actions[].name min",
          "CreatePipeline pipeline.stages[].actions[].name max",
          "CreatePipeline pipeline.stages[].actions[].name pattern",
          // pipeline-role-arn
          "CreatePipeline pipeline.roleArn max",
          "CreatePipeline pipeline.roleArn pattern",
          "CreateProject serviceRole min",
          // pipeline-artifact-bucket-name
          "CreatePipeline pipeline.artifactStore.location min",
          "CreatePipeline pipeline.artifactStore.location max",
          "CreatePipeline pipeline.artifactStore.location pattern",
          // pipeline-run-order
          "CreatePipeline pipeline.stages[].actions[].runOrder min",
          "CreatePipeline pipeline.stages[].actions[].runOrder max",
          // pipeline-configuration-size
          "CreatePipeline pipeline.stages[].actions[].configuration{value} max",
          // pipeline-artifact-name-pattern
          "CreatePipeline pipeline.stages[].actions[].outputArtifacts[].name min",
          "CreatePipeline pipeline.stages[].actions[].outputArtifacts[].name max",
          "CreatePipeline pipeline.stages[].actions[].outputArtifacts[].name pattern",
          "CreatePipeline pipeline.stages[].actions[].inputArtifacts[].name min",
          "CreatePipeline pipeline.stages[].actions[].inputArtifacts[].name max",
          "CreatePipeline pipeline.stages[].actions[].inputArtifacts[].name pattern",
          // pipeline-namespace-pattern
          "CreatePipeline pipeline.stages[].actions[].namespace min",
          "CreatePipeline pipeline.stages[].actions[].namespace max",
          "CreatePipeline pipeline.stages[].actions[].namespace pattern",
          // pipeline-variable-name-pattern
          "CreatePipeline pipeline.variables[].name min",
          "CreatePipeline pipeline.variables[].name max",
          "CreatePipeline pipeline.variables[].name pattern",
          // pipeline-variable-limits
          "CreatePipeline pipeline.variables max",
          "CreatePipeline pipeline.variables[].defaultValue min",
          "CreatePipeline pipeline.variables[].defaultValue max",
          "CreatePipeline pipeline.variables[].defaultValue pattern",
          "CreatePipeline pipeline.variables[].description max",
          "CreatePipeline pipeline.variables[].description pattern",
          // pipeline-trigger-limits
          "CreatePipeline pipeline.triggers[].gitConfiguration.push max",
          "CreatePipeline pipeline.triggers[].gitConfiguration.pullRequest max",
          // pipeline-tag-limits
          "CreatePipeline tags[].key min",
          "CreatePipeline tags[].key max",
          "CreatePipeline tags[].value max",
          "CreateProject tags max",
          "CreateProject tags[].key min",
          "CreateProject tags[].key max",
          "CreateProject tags[].key pattern",
          "CreateProject tags[].value max",
          "CreateProject tags[].value pattern",
          // pipeline-project-name-pattern
          "CreateProject name min",
          "CreateProject name max",
          "CreateProject name pattern",
          // pipeline-project-description
          "CreateProject description max",
          // pipeline-project-environment
          "CreateProject environment.type enum",
          "CreateProject environment.computeType enum",
          // pipeline-env-name
          "CreateProject environment.environmentVariables[].name min",
          // pipeline-project-timeout
          "CreateProject timeoutInMinutes min",
          "CreateProject timeoutInMinutes max",
          "CreateProject queuedTimeoutInMinutes min",
          "CreateProject queuedTimeoutInMinutes max");

  /** The trigger rule checks every include/exclude list and pattern length of every filter. */
  private static final String TRIGGER_PATTERNS =
      "CreatePipeline pipeline.triggers[].gitConfiguration.";

  private static final int SHOWN = 60;

  AwsModel() {
    super(
        "pipeline-aws-model",
        "Every value of the generated CreatePipeline and CreateProject inputs is within AWS's API"
            + " model: lengths, patterns, enums, counts and ranges.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    walk(
        AwsModelTable.CREATE_PIPELINE,
        Model.pipeline(pipeline) + " CreatePipeline (pipeline.json) $",
        "",
        Declarations.createPipeline(pipeline),
        report);
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      // the buildspec is inline in source.buildspec, a member without constraints
      walk(
          AwsModelTable.CREATE_PROJECT,
          Model.project(project) + " CreateProject $",
          "",
          Declarations.createProject(pipeline, project, ""),
          report);
    }
  }

  private static void walk(
      String operation, String where, String path, Object value, Report report) {
    Constraint c = path.isEmpty() ? null : AwsModelTable.find(operation, path);
    if (value instanceof Map<?, ?> map) {
      if (c != null) {
        count(operation, c, where, map.size(), "entries", report);
      }
      boolean isMap = AwsModelTable.isMap(operation, path);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String name = String.valueOf(e.getKey());
        if (isMap) {
          Constraint key = AwsModelTable.find(operation, path + "{key}");
          if (key != null) {
            string(operation, key, where + "." + name + " (the key)", name, report);
          }
          walk(operation, where + "." + name, path + "{value}", e.getValue(), report);
        } else {
          walk(
              operation,
              where + "." + name,
              path.isEmpty() ? name : path + "." + name,
              e.getValue(),
              report);
        }
      }
    } else if (value instanceof List<?> list) {
      if (c != null) {
        count(operation, c, where, list.size(), "items", report);
      }
      for (int i = 0; i < list.size(); i++) {
        walk(operation, where + "[" + i + "]", path + "[]", list.get(i), report);
      }
    } else if (c != null && value instanceof String s) {
      string(operation, c, where, s, report);
    } else if (c != null && value instanceof Integer n) {
      range(operation, c, where, n, report);
    }
  }

  private static boolean explicit(String operation, Constraint c, String facet) {
    String key = operation + " " + c.path() + " " + facet;
    if (EXPLICIT.contains(key)) {
      return true;
    }
    // pipeline-trigger-limits: every include/exclude list (count) and glob (length)
    return key.startsWith(TRIGGER_PATTERNS)
        && (key.contains(".includes") || key.contains(".excludes"))
        && (facet.equals("max") || facet.equals("min"));
  }

  private static void count(
      String operation, Constraint c, String where, int size, String what, Report report) {
    if (c.min() != null && size < c.min() && !explicit(operation, c, "min")) {
      report.problem(
          where,
          where
              + ": has "
              + size
              + " "
              + what
              + ", AWS requires at least "
              + c.min()
              + " ("
              + c.source()
              + "); add one or leave the setting out");
    }
    if (c.max() != null && size > c.max() && !explicit(operation, c, "max")) {
      report.problem(
          where,
          where
              + ": has "
              + size
              + " "
              + what
              + ", AWS allows at most "
              + c.max()
              + " ("
              + c.source()
              + "); remove some");
    }
  }

  private static void range(String operation, Constraint c, String where, int n, Report report) {
    boolean low = c.min() != null && n < c.min() && !explicit(operation, c, "min");
    boolean high = c.max() != null && n > c.max() && !explicit(operation, c, "max");
    if (low || high) {
      report.problem(
          where,
          where
              + ": "
              + n
              + " is out of range, AWS allows "
              + (c.min() == null
                  ? "up to " + c.max()
                  : c.min() + (c.max() == null ? " or more" : "–" + c.max()))
              + " ("
              + c.source()
              + "); use a value in that range");
    }
  }

  private static void string(
      String operation, Constraint c, String where, String s, Report report) {
    int length = s.length();
    if (c.min() != null && length < c.min() && !explicit(operation, c, "min")) {
      report.problem(
          where,
          where
              + ": "
              + (length == 0 ? "is empty" : shown(s) + " is " + length + " characters")
              + ", AWS requires at least "
              + c.min()
              + " ("
              + c.source()
              + "); set a longer value or leave the setting out");
    }
    if (c.max() != null && length > c.max() && !explicit(operation, c, "max")) {
      report.problem(
          where,
          where
              + ": "
              + shown(s)
              + " is "
              + length
              + " characters, AWS allows at most "
              + c.max()
              + " ("
              + c.source()
              + "); shorten it");
    }
    if (c.pattern() != null
        && !c.pattern().matcher(s).matches()
        && !explicit(operation, c, "pattern")) {
      report.problem(
          where,
          where
              + ": "
              + shown(s)
              + " does not match AWS's pattern "
              + c.pattern().pattern()
              + " ("
              + c.source()
              + "); use only what the pattern allows");
    }
    if (!c.values().isEmpty() && !c.values().contains(s) && !explicit(operation, c, "enum")) {
      report.problem(
          where,
          where
              + ": "
              + shown(s)
              + " is not one of AWS's values "
              + String.join(", ", c.values())
              + " ("
              + c.source()
              + ")"
              + DidYouMean.suggest(s, c.values())
                  .map(v -> "; did you mean " + v + "?")
                  .orElse("; use one of them"));
    }
  }

  /** The value as a JSON string, cut after {@value #SHOWN} characters. */
  static String shown(String s) {
    return s.length() <= SHOWN ? JsonText.string(s) : JsonText.string(s.substring(0, SHOWN)) + "…";
  }
}
