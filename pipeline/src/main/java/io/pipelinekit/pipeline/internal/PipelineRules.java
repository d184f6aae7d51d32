package io.pipelinekit.pipeline.internal;

import io.pipelinekit.core.internal.Secrets;
import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.ActionCategory;
import io.pipelinekit.pipeline.ApiPublication;
import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.CodeDeployToEcsAction;
import io.pipelinekit.pipeline.ContainerImage;
import io.pipelinekit.pipeline.EcsDeployAction;
import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.EnvironmentVariableType;
import io.pipelinekit.pipeline.ExecutionMode;
import io.pipelinekit.pipeline.ManualApprovalAction;
import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineType;
import io.pipelinekit.pipeline.PipelineVariable;
import io.pipelinekit.pipeline.PullRequestFilter;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Source;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.TaskDefinition;
import io.pipelinekit.pipeline.Trigger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CodePipeline's and CodeBuild's structure rules, and the cross-file consistency checks, over a
 * whole pipeline. Every problem is collected (none stops the others) so the user fixes all in one
 * round. Each message says where (stage/action or project), what, and how to fix it.
 */
public final class PipelineRules {
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9.@_-]{1,100}");

  /** What {@link #NAME} allows, as the messages say it. */
  private static final String NAME_ALLOWS = "use 1–100 characters from A-Z a-z 0-9 . @ _ -";

  static final Pattern ARTIFACT = Pattern.compile("[A-Za-z0-9_-]{1,100}");
  static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9@_-]{1,100}");
  static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{1,254}");
  static final Pattern VARIABLE = Pattern.compile("[A-Za-z0-9@_-]{1,128}");
  static final Pattern CONTAINER = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  static final Pattern IMAGE_TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  static final Pattern ECR_REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  static final Pattern REST_API_ID = Pattern.compile("[a-z0-9]{10}");
  static final Pattern API_STAGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  static final Pattern REFERENCE = Pattern.compile("#\\{([^.}\\s]+)\\.([^}\\s]+)}");
  static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  static final Pattern CONNECTION_ARN =
      Pattern.compile(
          "arn:aws[a-z-]*:(codestar-connections|codeconnections):[a-z0-9-]+:\\d{12}:connection/[\\w-]+");

  static final int MAX_CONFIG_VALUE = 1000;

  private final Pipeline pipeline;
  private final List<String> problems = new ArrayList<>();

  private PipelineRules(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Every problem of the pipeline; empty when it is fine. */
  public static List<String> check(Pipeline pipeline) {
    PipelineRules rules = new PipelineRules(pipeline);
    rules.names();
    rules.environment();
    rules.stageCount();
    rules.sourcePlacement();
    rules.uniqueNames();
    rules.actionCounts();
    rules.runOrders();
    rules.artifacts();
    rules.artifactCounts();
    rules.primarySource();
    rules.v2Features();
    rules.triggers();
    rules.configurationSizes();
    rules.environmentVariables();
    rules.ecsActions();
    rules.projects();
    rules.imageDefinitions();
    rules.artifactFiles();
    rules.secondaryArtifacts();
    rules.imageDetails();
    rules.variableReferences();
    return List.copyOf(rules.problems);
  }

  private void problem(String message) {
    problems.add(message);
  }

  private static String at(Stage stage, Action action) {
    return "stage '" + stage.name() + "' action '" + action.name() + "'";
  }

  // --- names -------------------------------------------------------------------------------

  private void names() {
    if (!NAME.matcher(pipeline.name()).matches()) {
      problem("pipeline name '" + pipeline.name() + "' is not allowed: " + NAME_ALLOWS);
    }
    for (Stage stage : pipeline.stages()) {
      if (!NAME.matcher(stage.name()).matches()) {
        problem("stage '" + stage.name() + "': the name is not allowed: " + NAME_ALLOWS);
      }
      for (Action action : stage.actions()) {
        if (!NAME.matcher(action.name()).matches()) {
          problem(at(stage, action) + ": the name is not allowed: " + NAME_ALLOWS);
        }
        for (String artifact : concat(action.inputArtifacts(), action.outputArtifacts())) {
          if (!ARTIFACT.matcher(artifact).matches()) {
            problem(
                at(stage, action)
                    + ": artifact name '"
                    + artifact
                    + "' is not allowed: use 1–100 characters from A-Z a-z 0-9 _ - (no dots or"
                    + " spaces)");
          }
        }
        action
            .namespace()
            .filter(ns -> !NAMESPACE.matcher(ns).matches())
            .ifPresent(
                ns ->
                    problem(
                        at(stage, action)
                            + ": namespace '"
                            + ns
                            + "' is not allowed: use 1–100 characters from A-Z a-z 0-9 @ _ -"));
      }
    }
    for (PipelineVariable variable : pipeline.variables()) {
      if (!VARIABLE.matcher(variable.name()).matches()) {
        problem(
            "pipeline variable '"
                + variable.name()
                + "': the name is not allowed: use 1–128 characters from A-Z a-z 0-9 @ _ -");
      }
    }
  }

  /** Account, region, bucket and ARNs have the shapes AWS takes. */
  private void environment() {
    String where = "pipeline '" + pipeline.name() + "'";
    if (!ACCOUNT.matcher(pipeline.account()).matches()) {
      problem(where + ": account '" + pipeline.account() + "' is not a 12-digit AWS account id");
    }
    if (!REGION.matcher(pipeline.region()).matches()) {
      problem(
          where + ": region '" + pipeline.region() + "' is not an AWS region such as eu-west-1");
    }
    if (!BUCKET.matcher(pipeline.artifactBucket()).matches()
        || pipeline.artifactBucket().contains("..")) {
      problem(
          where
              + ": artifact bucket '"
              + pipeline.artifactBucket()
              + "' is not a valid S3 bucket name (3–63 lowercase letters, digits, . and -)");
    }
    if (!ROLE_ARN.matcher(pipeline.roleArn()).matches()) {
      problem(
          where
              + ": roleArn '"
              + pipeline.roleArn()
              + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    }
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      if (!ROLE_ARN.matcher(project.serviceRoleArn()).matches()) {
        problem(
            "CodeBuild project '"
                + project.name()
                + "': serviceRoleArn '"
                + project.serviceRoleArn()
                + "' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
      }
    }
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof Source source
            && source.kind() == Source.Kind.CODE_CONNECTIONS
            && !CONNECTION_ARN.matcher(source.connectionArn().orElse("")).matches()) {
          problem(
              at(stage, action)
                  + ": '"
                  + source.connectionArn().orElse("")
                  + "' is not a CodeConnections connection ARN"
                  + " (arn:aws:codeconnections:REGION:ACCOUNT:connection/ID)");
        }
      }
    }
  }

  // --- stages and actions ------------------------------------------------------------------

  private void stageCount() {
    int n = pipeline.stages().size();
    if (n < 2 || n > 50) {
      problem(
          "pipeline '"
              + pipeline.name()
              + "' has "
              + n
              + " stage"
              + (n == 1 ? "" : "s")
              + ": CodePipeline needs 2–50 (a source stage, then at least one stage that builds,"
              + " tests, approves or deploys)");
    }
  }

  private void sourcePlacement() {
    List<Stage> stages = pipeline.stages();
    if (stages.isEmpty()) {
      return;
    }
    Stage first = stages.get(0);
    if (first.actions().isEmpty()) {
      problem("stage '" + first.name() + "' (the first stage) has no actions: add a source action");
    }
    for (Action action : first.actions()) {
      if (action.category() != ActionCategory.SOURCE) {
        problem(
            at(first, action)
                + ": the first stage may hold only source actions; move this "
                + action.category().value()
                + " action to a later stage");
      }
    }
    boolean anyOther = false;
    for (int i = 1; i < stages.size(); i++) {
      for (Action action : stages.get(i).actions()) {
        if (action.category() == ActionCategory.SOURCE) {
          problem(
              at(stages.get(i), action)
                  + ": source actions may appear only in the first stage; move it to stage '"
                  + first.name()
                  + "'");
        } else {
          anyOther = true;
        }
      }
      if (stages.get(i).actions().isEmpty()) {
        problem("stage '" + stages.get(i).name() + "' has no actions: add one or remove the stage");
      }
    }
    if (!anyOther && stages.size() > 1) {
      problem(
          "pipeline '"
              + pipeline.name()
              + "' has no action besides sources: add a build, test, approval or deploy action");
    }
  }

  private void uniqueNames() {
    Set<String> stageNames = new HashSet<>();
    Map<String, String> namespaces = new HashMap<>();
    for (Stage stage : pipeline.stages()) {
      if (!stageNames.add(stage.name())) {
        problem(
            "stage '" + stage.name() + "' appears twice: stage names must be unique; rename one");
      }
      Set<String> actionNames = new HashSet<>();
      for (Action action : stage.actions()) {
        if (!actionNames.add(action.name())) {
          problem(
              at(stage, action)
                  + ": another action in this stage has the same name; action names must be"
                  + " unique within a stage, rename one");
        }
        action
            .namespace()
            .ifPresent(
                ns -> {
                  String previous = namespaces.putIfAbsent(ns, at(stage, action));
                  if (previous != null) {
                    problem(
                        at(stage, action)
                            + ": namespace '"
                            + ns
                            + "' is already used by "
                            + previous
                            + "; namespaces must be unique in the pipeline");
                  }
                });
      }
    }
  }

  private void actionCounts() {
    int total = 0;
    for (Stage stage : pipeline.stages()) {
      int n = stage.actions().size();
      total += n;
      if (n > 50) {
        problem(
            "stage '"
                + stage.name()
                + "' has "
                + n
                + " actions: at most 50 per stage; split it into more stages");
      }
    }
    if (total > 500) {
      problem(
          "pipeline '"
              + pipeline.name()
              + "' has "
              + total
              + " actions: at most 500 per pipeline; split it into more pipelines");
    }
  }

  private void runOrders() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action.runOrder() < 1 || action.runOrder() > 999) {
          problem(
              at(stage, action)
                  + ": runOrder "
                  + action.runOrder()
                  + " is out of range: use 1–999 (equal values run in parallel)");
        }
      }
    }
  }

  /** Every input is an output of exactly one earlier action; outputs are unique. */
  private void artifacts() {
    Map<String, List<Position>> producers = new LinkedHashMap<>();
    List<Stage> stages = pipeline.stages();
    for (int s = 0; s < stages.size(); s++) {
      for (Action action : stages.get(s).actions()) {
        for (String output : action.outputArtifacts()) {
          producers
              .computeIfAbsent(output, k -> new ArrayList<>())
              .add(new Position(s, stages.get(s), action));
        }
      }
    }
    producers.forEach(
        (artifact, list) -> {
          if (list.size() > 1) {
            List<String> where = new ArrayList<>();
            list.forEach(p -> where.add(at(p.stage(), p.action())));
            problem(
                "output artifact '"
                    + artifact
                    + "' is produced by "
                    + String.join(" and ", where)
                    + ": output artifact names must be unique in the pipeline; rename all but one");
          }
        });
    for (int s = 0; s < stages.size(); s++) {
      Stage stage = stages.get(s);
      for (Action action : stage.actions()) {
        for (String input : action.inputArtifacts()) {
          List<Position> list = producers.get(input);
          if (list == null) {
            problem(
                at(stage, action)
                    + ": input artifact '"
                    + input
                    + "' is not produced by any action; use an output of an earlier action"
                    + (producers.isEmpty()
                        ? ""
                        : " (outputs: " + String.join(", ", producers.keySet()) + ")"));
            continue;
          }
          Position p = list.get(0);
          boolean earlier =
              p.stageIndex() < s
                  || (p.stageIndex() == s && p.action().runOrder() < action.runOrder());
          if (!earlier) {
            problem(
                at(stage, action)
                    + ": input artifact '"
                    + input
                    + "' is produced by "
                    + at(p.stage(), p.action())
                    + ", which does not run before it; move the producer to an earlier stage or"
                    + " give it a lower runOrder");
          }
        }
      }
    }
  }

  private record Position(int stageIndex, Stage stage, Action action) {}

  private void artifactCounts() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        int in = action.inputArtifacts().size();
        int out = action.outputArtifacts().size();
        int[] limits = limits(action);
        artifactCount(stage, action, "take", "input", in, limits[0], limits[1]);
        artifactCount(stage, action, "produce", "output", out, limits[2], limits[3]);
        if (action instanceof CodeDeployToEcsAction c
            && (c.images().isEmpty() || c.images().size() > 4)) {
          problem(
              at(stage, action)
                  + ": CodeDeployToECS takes 1–4 images, this one has "
                  + c.images().size()
                  + "; add .image(artifact, placeholder) for each container to update");
        }
      }
    }
  }

  /** A problem when the action's {@code kind} (input/output) artifacts are not min–max. */
  private void artifactCount(
      Stage stage, Action action, String verb, String kind, int count, int min, int max) {
    if (count < min || count > max) {
      problem(
          at(stage, action)
              + ": "
              + action.provider()
              + " actions "
              + verb
              + " "
              + range(min, max)
              + " "
              + kind
              + " artifact"
              + (max == 1 ? "" : "s")
              + ", this one has "
              + count
              + "; "
              + (count > max ? "remove " + kind + "s" : "add an " + kind));
    }
  }

  /** Input min, max, output min, max per action type. */
  private static int[] limits(Action action) {
    if (action instanceof Source) {
      return new int[] {0, 0, 1, 1};
    } else if (action instanceof CodeBuildAction) {
      return new int[] {1, 5, 0, 5};
    } else if (action instanceof EcsDeployAction) {
      return new int[] {1, 1, 0, 0};
    } else if (action instanceof CodeDeployToEcsAction) {
      return new int[] {1, 3, 0, 0};
    } else {
      return new int[] {0, 0, 0, 0};
    }
  }

  private static String range(int min, int max) {
    return min == max ? String.valueOf(min) : min + "–" + max;
  }

  private void primarySource() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof CodeBuildAction build) {
          List<String> inputs = build.inputArtifacts();
          if (inputs.size() > 1 && build.primarySource().isEmpty()) {
            problem(
                at(stage, action)
                    + ": with "
                    + inputs.size()
                    + " input artifacts CodeBuild needs PrimarySource; set .primarySource(\""
                    + inputs.get(0)
                    + "\") to the input holding the buildspec");
          }
          build
              .primarySource()
              .filter(p -> !inputs.contains(p))
              .ifPresent(
                  p ->
                      problem(
                          at(stage, action)
                              + ": PrimarySource '"
                              + p
                              + "' is not one of its input artifacts "
                              + inputs
                              + "; name one of them"));
        }
      }
    }
  }

  // --- V2 and triggers ---------------------------------------------------------------------

  private void v2Features() {
    if (pipeline.pipelineType() != PipelineType.V1) {
      return;
    }
    String fix = "; use PipelineType.V2 (the default) or remove it";
    if (!pipeline.triggers().isEmpty()) {
      problem("pipeline '" + pipeline.name() + "' is V1 but has triggers: triggers need V2" + fix);
    }
    if (!pipeline.variables().isEmpty()) {
      problem(
          "pipeline '"
              + pipeline.name()
              + "' is V1 but has pipeline variables: variables need V2"
              + fix);
    }
    pipeline
        .executionMode()
        .filter(m -> m != ExecutionMode.SUPERSEDED)
        .ifPresent(
            m ->
                problem(
                    "pipeline '"
                        + pipeline.name()
                        + "' is V1 but has execution mode "
                        + m
                        + ": QUEUED and PARALLEL need V2"
                        + fix));
  }

  private void triggers() {
    Map<String, Source> sources = new LinkedHashMap<>();
    if (!pipeline.stages().isEmpty()) {
      for (Action action : pipeline.stages().get(0).actions()) {
        if (action instanceof Source s) {
          sources.put(s.name(), s);
        }
      }
    }
    Set<String> seen = new HashSet<>();
    for (Trigger trigger : pipeline.triggers()) {
      String where = "trigger on '" + trigger.sourceActionName() + "'";
      if (!seen.add(trigger.sourceActionName())) {
        problem(
            where + ": there is another trigger on the same source action; merge them into one");
      }
      Source source = sources.get(trigger.sourceActionName());
      if (source == null) {
        problem(
            where
                + ": no source action of that name in the first stage; name one of "
                + sources.keySet());
      } else if (source.kind() != Source.Kind.CODE_CONNECTIONS) {
        problem(
            where
                + ": triggers work only on CodeConnections (CodeStarSourceConnection) sources, this"
                + " one is "
                + source.provider()
                + "; use a GitHub, Bitbucket or GitLab source or remove the trigger");
      }
      if (trigger.push().isEmpty() && trigger.pullRequest().isEmpty()) {
        problem(where + ": has neither push nor pull-request filters; add one");
      }
      atMost(
          where + ": has ",
          trigger.push().size(),
          3,
          "push filters",
          "combine patterns into fewer filters");
      atMost(
          where + ": has ",
          trigger.pullRequest().size(),
          3,
          "pull-request filters",
          "combine patterns into fewer filters");
      for (int i = 0; i < trigger.push().size(); i++) {
        PushFilter push = trigger.push().get(i);
        String at = where + " push[" + i + "]";
        boolean tags = push.tags().isPresent();
        if (tags && (push.branches().isPresent() || push.filePaths().isPresent())) {
          problem(
              at
                  + ": tag filters cannot be combined with branch or file-path filters; put them in"
                  + " separate push filters");
        }
        if (!tags && push.branches().isEmpty()) {
          problem(at + ": needs branches or tags; add .branches(Patterns.include(\"main\"))");
        }
        push.branches().ifPresent(p -> patterns(at + " branches", p));
        push.tags().ifPresent(p -> patterns(at + " tags", p));
        push.filePaths().ifPresent(p -> patterns(at + " filePaths", p));
      }
      for (int i = 0; i < trigger.pullRequest().size(); i++) {
        PullRequestFilter pr = trigger.pullRequest().get(i);
        String at = where + " pullRequest[" + i + "]";
        if (pr.branches().isEmpty() || pr.branches().get().includes().isEmpty()) {
          problem(
              at
                  + ": pull-request filters need branches (the target branches); add"
                  + " .branches(Patterns.include(\"main\"))");
        }
        pr.branches().ifPresent(p -> patterns(at + " branches", p));
        pr.filePaths().ifPresent(p -> patterns(at + " filePaths", p));
      }
    }
  }

  /** A problem when {@code count} is over {@code max}: "PREFIX N WHAT, at most MAX are allowed". */
  private void atMost(String prefix, int count, int max, String what, String remedy) {
    if (count > max) {
      problem(prefix + count + " " + what + ", at most " + max + " are allowed; " + remedy);
    }
  }

  private void patterns(String where, Patterns patterns) {
    atMost(where + ": ", patterns.includes().size(), 8, "include patterns", "use broader globs");
    atMost(where + ": ", patterns.excludes().size(), 8, "exclude patterns", "use broader globs");
    for (String glob : concat(patterns.includes(), patterns.excludes())) {
      if (glob.isEmpty() || glob.length() > 255) {
        problem(where + ": pattern '" + glob + "' must be 1–255 characters");
      }
    }
  }

  // --- configuration and environment -------------------------------------------------------

  private void configurationSizes() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        action
            .configuration()
            .forEach(
                (key, value) -> {
                  if (value.length() > MAX_CONFIG_VALUE) {
                    problem(
                        at(stage, action)
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

  private void environmentVariables() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof CodeBuildAction build) {
          variables(at(stage, action), build.environmentVariables());
        }
      }
    }
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      variables("CodeBuild project '" + project.name() + "'", project.environmentVariables());
    }
  }

  private void variables(String where, List<EnvironmentVariable> variables) {
    Set<String> names = new HashSet<>();
    for (EnvironmentVariable v : variables) {
      String at = where + " environment variable " + v.name();
      if (!names.add(v.name())) {
        problem(at + ": set twice; keep one");
      }
      if (!ENV_NAME.matcher(v.name()).matches()) {
        problem(at + ": not a valid variable name; use letters, digits and _");
      }
      if (v.name().startsWith("CODEBUILD_")) {
        problem(at + ": names starting with CODEBUILD_ are reserved by CodeBuild; rename it");
      }
      if (v.type() == EnvironmentVariableType.PLAINTEXT && looksSecret(v)) {
        problem(
            at
                + ": a plaintext value that looks like a secret is visible in the console and the"
                + " API; store it in Secrets Manager and use"
                + " EnvironmentVariable.secretsManager(\""
                + v.name()
                + "\", \"secret-id\") or in Parameter Store with"
                + " EnvironmentVariable.parameterStore(\""
                + v.name()
                + "\", \"/parameter/name\")");
      }
    }
  }

  /** The secret patterns the buildspec linter uses too, so {@code build} and {@code lint} agree. */
  private static boolean looksSecret(EnvironmentVariable v) {
    return Secrets.looksSecret(v.name(), v.value());
  }

  // --- deploy actions ----------------------------------------------------------------------

  private void ecsActions() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof EcsDeployAction ecs) {
          ecs.deploymentTimeoutMinutes()
              .filter(t -> t < 1 || t > 60)
              .ifPresent(
                  t ->
                      problem(
                          at(stage, action)
                              + ": DeploymentTimeout "
                              + t
                              + " is out of range: use 1–60 minutes"));
          if (ecs.passRoleArns().isEmpty()) {
            problem(
                at(stage, action)
                    + ": the roles the deploy passes to ECS are unknown, so iam:PassRole cannot be"
                    + " limited to them; model the task definition with .taskDefinition(...)"
                    + " (taskRoleArn, executionRoleArn) or set .passRoleArns(...)");
          }
        }
      }
    }
  }

  // --- CodeBuild projects and images -------------------------------------------------------

  private void projects() {
    Map<String, CodeBuildProject> byName = new HashMap<>();
    for (Action action : pipeline.actions()) {
      if (action instanceof CodeBuildAction build) {
        CodeBuildProject p = build.project();
        CodeBuildProject other = byName.putIfAbsent(p.name(), p);
        if (other != null && other != p && !sameProject(other, p)) {
          problem(
              "CodeBuild project '"
                  + p.name()
                  + "' is defined twice with different settings; use one object or rename one");
        }
      }
    }
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      String where = "CodeBuild project '" + project.name() + "'";
      if (!PROJECT.matcher(project.name()).matches()) {
        problem(
            where
                + ": the name is not allowed: use 2–255 characters from A-Z a-z 0-9 _ -, starting"
                + " with a letter or digit");
      }
      if (project.timeoutInMinutes() < 5 || project.timeoutInMinutes() > 2160) {
        problem(where + ": timeoutInMinutes " + project.timeoutInMinutes() + " must be 5–2160");
      }
      if (project.queuedTimeoutInMinutes() < 5 || project.queuedTimeoutInMinutes() > 480) {
        problem(
            where
                + ": queuedTimeoutInMinutes "
                + project.queuedTimeoutInMinutes()
                + " must be 5–480");
      }
      if (!project.images().isEmpty() && !project.privilegedMode()) {
        problem(
            where
                + ": builds container images but privileged mode is off, so Docker cannot start"
                + " (\"Cannot connect to the Docker daemon\"); remove .privilegedMode(false)");
      }
      if (!project.images().isEmpty()
          && !(project.cache().type() == BuildCache.Type.LOCAL
              && project.cache().modes().contains(BuildCache.LocalMode.LOCAL_DOCKER_LAYER_CACHE))
          && project.cache().type() != BuildCache.Type.S3) {
        problem(
            where
                + ": builds container images without a Docker layer cache; use"
                + " BuildCache.local(LocalMode.LOCAL_DOCKER_LAYER_CACHE) (the default)");
      }
      Set<String> containers = new HashSet<>();
      for (ContainerImage image : project.images()) {
        String at = where + " image '" + image.containerName() + "'";
        if (!containers.add(image.containerName())) {
          problem(at + ": two images have this container name; container names must be unique");
        }
        if (!CONTAINER.matcher(image.containerName()).matches()) {
          problem(at + ": container names use 1–255 characters from A-Z a-z 0-9 _ -");
        }
        if (!ECR_REPOSITORY.matcher(image.repository()).matches()
            || image.repository().length() > 256) {
          problem(
              at
                  + ": '"
                  + image.repository()
                  + "' is not an ECR repository name; use lowercase letters, digits, . _ - and /"
                  + " (e.g. service/app)");
        }
        List<String> tags = new ArrayList<>(image.additionalTags());
        image.tagPolicy().fixedTag().ifPresent(t -> tags.add(0, t));
        for (String tag : tags) {
          if (tag.equals("latest") && !image.tagPolicy().explicitLatest()) {
            problem(
                at
                    + ": pushes the mutable tag 'latest', which makes deploys unreproducible; keep"
                    + " the commit-id tag (ImageTagPolicy.commitId()), or ask for it explicitly"
                    + " with ImageTagPolicy.latest()");
          } else if (!IMAGE_TAG.matcher(tag).matches()) {
            problem(
                at
                    + ": '"
                    + tag
                    + "' is not a valid image tag; use up to 128 characters from A-Z a-z 0-9 _ . -");
          }
        }
      }
      project.api().ifPresent(api -> api(where, api));
      for (String variable : project.exportedVariables()) {
        if (variable.startsWith("AWS_") || variable.startsWith("CODEBUILD_")) {
          problem(
              where
                  + ": exported variable "
                  + variable
                  + " uses a reserved prefix (AWS_, CODEBUILD_); rename it");
        }
      }
    }
  }

  private static boolean sameProject(CodeBuildProject a, CodeBuildProject b) {
    return a.images().equals(b.images())
        && a.serviceRoleArn().equals(b.serviceRoleArn())
        && a.image().equals(b.image());
  }

  private void api(String where, ApiPublication api) {
    String at = where + " API " + api.restApiId();
    if (!REST_API_ID.matcher(api.restApiId()).matches()) {
      problem(at + ": a REST API id is 10 lowercase letters and digits (e.g. a1b2c3d4e5)");
    }
    if (!API_STAGE.matcher(api.stage()).matches()) {
      problem(at + ": stage '" + api.stage() + "' must use 1–128 characters from A-Z a-z 0-9 _ -");
    }
    if (api.fragments().isEmpty()) {
      problem(at + ": no OpenAPI fragments to publish; list them with .fragments(...)");
    }
    for (String fragment : api.fragments()) {
      if (fragment.startsWith("/") || fragment.contains("..") || fragment.contains("\\")) {
        problem(
            at
                + ": fragment '"
                + fragment
                + "' must be a path inside the source root (relative, no '..')");
      }
    }
    if (api.mode().isPresent() && !Set.of("overwrite", "merge").contains(api.mode().get())) {
      problem(at + ": mode '" + api.mode().get() + "' must be overwrite or merge");
    }
  }

  // --- cross-file consistency ---------------------------------------------------------------

  /** The action producing an artifact, if any. */
  private Action producer(String artifact) {
    for (Action action : pipeline.actions()) {
      if (action.outputArtifacts().contains(artifact)) {
        return action;
      }
    }
    return null;
  }

  /** The files a CodeBuild project puts into one of its action's output artifacts. */
  static List<String> filesOf(CodeBuildAction build, String artifact) {
    CodeBuildProject project = build.project();
    if (build.outputArtifacts().size() > 1 || !project.secondaryArtifacts().isEmpty()) {
      List<String> secondary = project.secondaryArtifacts().get(artifact);
      return secondary == null ? List.of() : secondary;
    }
    return project.artifactFiles();
  }

  /**
   * imagedefinitions.json names = the images' container names = the task definition's containers.
   */
  private void imageDefinitions() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof EcsDeployAction ecs)) {
          continue;
        }
        Action producer = producer(ecs.input());
        if (producer == null) {
          continue; // reported by the artifact rule
        }
        if (!(producer instanceof CodeBuildAction build) || build.project().images().isEmpty()) {
          problem(
              at(stage, action)
                  + ": its input '"
                  + ecs.input()
                  + "' comes from "
                  + producer.describe()
                  + ", which writes no image definitions; use the output of a CodeBuild action"
                  + " whose project builds images");
          continue;
        }
        List<String> names = new ArrayList<>();
        build.project().images().forEach(i -> names.add(i.containerName()));
        if (ecs.taskDefinition().isEmpty()) {
          continue;
        }
        TaskDefinition td = ecs.taskDefinition().get();
        for (String name : names) {
          if (td.otherContainers().contains(name)) {
            problem(
                at(stage, action)
                    + ": "
                    + build.project().imageDefinitionsFile()
                    + " names container '"
                    + name
                    + "', which task definition '"
                    + td.family()
                    + "' lists as not deployed by this pipeline; move it to .containers(...) or"
                    + " stop building its image");
          } else if (!td.containers().contains(name)) {
            problem(
                at(stage, action)
                    + ": "
                    + build.project().imageDefinitionsFile()
                    + " names container '"
                    + name
                    + "' (an image of project '"
                    + build.project().name()
                    + "'), but task definition '"
                    + td.family()
                    + "' has no such container "
                    + td.containers()
                    + "; the deploy would fail: make the image's container name match the task"
                    + " definition's");
          }
        }
        for (String container : td.containers()) {
          if (!names.contains(container)) {
            problem(
                at(stage, action)
                    + ": task definition '"
                    + td.family()
                    + "' container '"
                    + container
                    + "' gets no image from project '"
                    + build.project().name()
                    + "' "
                    + names
                    + "; build an image with that container name, or list it with"
                    + " .otherContainers(...)");
          }
        }
      }
    }
  }

  /** The ECS action's FileName is among the files of the artifact it reads. */
  private void artifactFiles() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (action instanceof EcsDeployAction ecs
            && producer(ecs.input()) instanceof CodeBuildAction build
            && !build.project().images().isEmpty()) {
          List<String> files = filesOf(build, ecs.input());
          if (!files.contains(ecs.fileName())) {
            problem(
                at(stage, action)
                    + ": FileName '"
                    + ecs.fileName()
                    + "' is not among the buildspec's artifact files for '"
                    + ecs.input()
                    + "' "
                    + files
                    + " (project '"
                    + build.project().name()
                    + "' writes "
                    + build.project().imageDefinitionsFile()
                    + "); make FileName and the project's imageDefinitionsFile the same");
          }
        }
      }
    }
  }

  /** Each CodeDeployToECS image artifact holds imageDetail.json written by the build. */
  private void imageDetails() {
    for (CodeBuildProject project : pipeline.codeBuildProjects()) {
      project
          .imageDetailContainer()
          .filter(name -> project.images().stream().noneMatch(i -> i.containerName().equals(name)))
          .ifPresent(
              name ->
                  problem(
                      "CodeBuild project '"
                          + project.name()
                          + "': imageDetail container '"
                          + name
                          + "' is not one of its images; name one of them"));
    }
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof CodeDeployToEcsAction deploy)) {
          continue;
        }
        for (CodeDeployToEcsAction.Image image : deploy.images()) {
          if (producer(image.artifact()) instanceof CodeBuildAction build) {
            List<String> files = filesOf(build, image.artifact());
            if (!files.contains(CodeBuildProject.IMAGE_DETAIL_FILE)) {
              problem(
                  at(stage, action)
                      + ": image artifact '"
                      + image.artifact()
                      + "' has no imageDetail.json among the buildspec's artifact files "
                      + files
                      + "; set .imageDetail(\"CONTAINER\") on project '"
                      + build.project().name()
                      + "' and list imageDetail.json in that artifact");
            }
          }
        }
      }
    }
  }

  /** With more than one output, the outputs are exactly the buildspec's secondary artifacts. */
  private void secondaryArtifacts() {
    for (Stage stage : pipeline.stages()) {
      for (Action action : stage.actions()) {
        if (!(action instanceof CodeBuildAction build) || build.outputArtifacts().size() < 2) {
          continue;
        }
        Set<String> ids = build.project().secondaryArtifacts().keySet();
        for (String output : build.outputArtifacts()) {
          if (!ids.contains(output)) {
            problem(
                at(stage, action)
                    + ": output artifact '"
                    + output
                    + "' has no secondary artifact with that identifier in project '"
                    + build.project().name()
                    + "'s buildspec "
                    + ids
                    + "; with more than one output every output must match a secondary-artifacts"
                    + " identifier: add .secondaryArtifact(\""
                    + output
                    + "\", files...)");
          }
        }
        for (String id : ids) {
          if (!build.outputArtifacts().contains(id)) {
            problem(
                at(stage, action)
                    + ": secondary artifact '"
                    + id
                    + "' of project '"
                    + build.project().name()
                    + "' is not an output of the action "
                    + build.outputArtifacts()
                    + "; add it to .outputs(...) or remove it");
          }
        }
      }
    }
  }

  /** Every {@code #{Namespace.VAR}} names a variable an earlier action exports. */
  private void variableReferences() {
    Map<String, Position> namespaces = new HashMap<>();
    List<Stage> stages = pipeline.stages();
    for (int s = 0; s < stages.size(); s++) {
      for (Action action : stages.get(s).actions()) {
        int stageIndex = s;
        action
            .namespace()
            .ifPresent(
                ns ->
                    namespaces.putIfAbsent(
                        ns, new Position(stageIndex, stages.get(stageIndex), action)));
      }
    }
    Set<String> pipelineVariables = new LinkedHashSet<>();
    pipeline.variables().forEach(v -> pipelineVariables.add(v.name()));
    for (int s = 0; s < stages.size(); s++) {
      Stage stage = stages.get(s);
      for (Action action : stage.actions()) {
        for (Map.Entry<String, String> entry : action.configuration().entrySet()) {
          Matcher m = REFERENCE.matcher(entry.getValue());
          while (m.find()) {
            String ns = m.group(1);
            String var = m.group(2);
            String ref = m.group();
            String at = at(stage, action) + ": " + entry.getKey() + " references " + ref;
            if (ns.equals("variables")) {
              if (!pipelineVariables.contains(var)) {
                problem(
                    at
                        + ", but the pipeline has no variable '"
                        + var
                        + "'; declare it with .variables(PipelineVariable.of(\""
                        + var
                        + "\", default))");
              }
              continue;
            }
            if (ns.equals("codepipeline")) {
              if (!var.equals("PipelineExecutionId")) {
                problem(at + ", but the codepipeline namespace has only PipelineExecutionId");
              }
              continue;
            }
            Position p = namespaces.get(ns);
            if (p == null) {
              problem(
                  at
                      + ", but no action has namespace '"
                      + ns
                      + "'; set .namespace(\""
                      + ns
                      + "\") on the action that exports "
                      + var
                      + (namespaces.isEmpty()
                          ? ""
                          : " (namespaces: "
                              + String.join(", ", new java.util.TreeSet<>(namespaces.keySet()))
                              + ")"));
              continue;
            }
            if (!(p.action() instanceof ManualApprovalAction)
                && !p.action().outputVariables().contains(var)) {
              problem(
                  at
                      + ", but "
                      + at(p.stage(), p.action())
                      + " exports no variable '"
                      + var
                      + "' "
                      + new java.util.TreeSet<>(p.action().outputVariables())
                      + (p.action() instanceof CodeBuildAction
                          ? "; add it to the project's exported variables"
                          : "; use one of those"));
            }
            boolean earlier =
                p.stageIndex() < s
                    || (p.stageIndex() == s && p.action().runOrder() < action.runOrder());
            if (!earlier) {
              problem(
                  at
                      + ", but "
                      + at(p.stage(), p.action())
                      + " does not run before it; variables are available only to later actions");
            }
          }
        }
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
