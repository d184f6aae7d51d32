package io.pipelinekit.pipeline.internal;

import io.pipelinekit.pipeline.Action;
import io.pipelinekit.pipeline.BuildBatch;
import io.pipelinekit.pipeline.BuildCache;
import io.pipelinekit.pipeline.CodeBuildAction;
import io.pipelinekit.pipeline.CodeBuildProject;
import io.pipelinekit.pipeline.EnvironmentVariable;
import io.pipelinekit.pipeline.Patterns;
import io.pipelinekit.pipeline.Pipeline;
import io.pipelinekit.pipeline.PipelineVariable;
import io.pipelinekit.pipeline.PullRequestEvent;
import io.pipelinekit.pipeline.PullRequestFilter;
import io.pipelinekit.pipeline.PushFilter;
import io.pipelinekit.pipeline.Stage;
import io.pipelinekit.pipeline.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CreatePipeline and CreateProject inputs as ordered JSON trees, in exactly the shapes the
 * CodePipeline and CodeBuild APIs take (member names as in their API references).
 */
public final class Declarations {
  private Declarations() {}

  /** {@code {"pipeline": {...}, "tags": [...]}}: the CreatePipeline request. */
  public static Map<String, Object> createPipeline(Pipeline p) {
    Map<String, Object> declaration = new LinkedHashMap<>();
    declaration.put("name", p.name());
    declaration.put("roleArn", p.roleArn());
    Map<String, Object> store = new LinkedHashMap<>();
    store.put("type", "S3");
    store.put("location", p.artifactBucket());
    p.artifactKmsKeyArn()
        .ifPresent(
            key -> {
              Map<String, Object> encryption = new LinkedHashMap<>();
              encryption.put("id", key);
              encryption.put("type", "KMS");
              store.put("encryptionKey", encryption);
            });
    declaration.put("artifactStore", store);
    List<Object> stages = new ArrayList<>();
    for (Stage stage : p.stages()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("name", stage.name());
      List<Object> actions = new ArrayList<>();
      for (Action action : stage.actions()) {
        actions.add(action(action));
      }
      s.put("actions", actions);
      stages.add(s);
    }
    declaration.put("stages", stages);
    declaration.put("version", 1);
    p.executionMode().ifPresent(m -> declaration.put("executionMode", m.name()));
    declaration.put("pipelineType", p.pipelineType().name());
    if (!p.variables().isEmpty()) {
      List<Object> variables = new ArrayList<>();
      for (PipelineVariable v : p.variables()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        v.defaultValue().ifPresent(d -> m.put("defaultValue", d));
        v.description().ifPresent(d -> m.put("description", d));
        variables.add(m);
      }
      declaration.put("variables", variables);
    }
    if (!p.triggers().isEmpty()) {
      List<Object> triggers = new ArrayList<>();
      for (Trigger t : p.triggers()) {
        triggers.add(trigger(t));
      }
      declaration.put("triggers", triggers);
    }
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("pipeline", declaration);
    if (!p.tags().isEmpty()) {
      request.put("tags", tags(p.tags(), "key", "value"));
    }
    return request;
  }

  private static Map<String, Object> action(Action action) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("name", action.name());
    Map<String, Object> type = new LinkedHashMap<>();
    type.put("category", action.category().value());
    type.put("owner", action.owner());
    type.put("provider", action.provider());
    type.put("version", action.version());
    a.put("actionTypeId", type);
    a.put("runOrder", action.runOrder());
    a.put("configuration", new LinkedHashMap<String, Object>(action.configuration()));
    a.put("outputArtifacts", artifacts(action.outputArtifacts()));
    a.put("inputArtifacts", artifacts(action.inputArtifacts()));
    action.namespace().ifPresent(ns -> a.put("namespace", ns));
    return a;
  }

  private static List<Object> artifacts(List<String> names) {
    List<Object> list = new ArrayList<>();
    for (String name : names) {
      list.add(Map.of("name", name));
    }
    return list;
  }

  private static Map<String, Object> trigger(Trigger t) {
    Map<String, Object> git = new LinkedHashMap<>();
    git.put("sourceActionName", t.sourceActionName());
    if (!t.push().isEmpty()) {
      List<Object> push = new ArrayList<>();
      for (PushFilter f : t.push()) {
        Map<String, Object> m = new LinkedHashMap<>();
        f.tags().ifPresent(x -> m.put("tags", patterns(x)));
        f.branches().ifPresent(x -> m.put("branches", patterns(x)));
        f.filePaths().ifPresent(x -> m.put("filePaths", patterns(x)));
        push.add(m);
      }
      git.put("push", push);
    }
    if (!t.pullRequest().isEmpty()) {
      List<Object> prs = new ArrayList<>();
      for (PullRequestFilter f : t.pullRequest()) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!f.events().isEmpty()) {
          List<Object> events = new ArrayList<>();
          for (PullRequestEvent e : f.events()) {
            events.add(e.name());
          }
          m.put("events", events);
        }
        f.branches().ifPresent(x -> m.put("branches", patterns(x)));
        f.filePaths().ifPresent(x -> m.put("filePaths", patterns(x)));
        prs.add(m);
      }
      git.put("pullRequest", prs);
    }
    Map<String, Object> trigger = new LinkedHashMap<>();
    trigger.put("providerType", "CodeStarSourceConnection");
    trigger.put("gitConfiguration", git);
    return trigger;
  }

  private static Map<String, Object> patterns(Patterns p) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!p.includes().isEmpty()) {
      m.put("includes", new ArrayList<Object>(p.includes()));
    }
    if (!p.excludes().isEmpty()) {
      m.put("excludes", new ArrayList<Object>(p.excludes()));
    }
    return m;
  }

  private static List<Object> tags(Map<String, String> tags, String key, String value) {
    List<Object> list = new ArrayList<>();
    tags.forEach(
        (k, v) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(key, k);
          m.put(value, v);
          list.add(m);
        });
    return list;
  }

  /**
   * Whether the project runs batch builds: a {@code batchEnabled(true)} action runs it (the action
   * then calls StartBuildBatch, which a project without {@code buildBatchConfig} cannot run), or
   * its batch settings were set.
   */
  public static boolean runsBatch(Pipeline pipeline, CodeBuildProject project) {
    if (project.batch().isPresent()) {
      return true;
    }
    for (Action action : pipeline.actions()) {
      if (action instanceof CodeBuildAction build
          && build.project().name().equals(project.name())
          && build.batchEnabled().orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /**
   * CreateProject's {@code buildBatchConfig}:
   * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_ProjectBuildBatchConfig.html
   */
  private static Map<String, Object> buildBatchConfig(BuildBatch batch) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("serviceRole", batch.serviceRoleArn());
    batch.combineArtifacts().ifPresent(c -> config.put("combineArtifacts", c));
    if (batch.maximumBuildsAllowed().isPresent() || !batch.computeTypesAllowed().isEmpty()) {
      Map<String, Object> restrictions = new LinkedHashMap<>();
      batch.maximumBuildsAllowed().ifPresent(n -> restrictions.put("maximumBuildsAllowed", n));
      if (!batch.computeTypesAllowed().isEmpty()) {
        restrictions.put("computeTypesAllowed", new ArrayList<Object>(batch.computeTypesAllowed()));
      }
      config.put("restrictions", restrictions);
    }
    batch.timeoutInMinutes().ifPresent(t -> config.put("timeoutInMins", t));
    return config;
  }

  /** The CreateProject request of a project run by CodePipeline, with its buildspec inline. */
  public static Map<String, Object> createProject(
      Pipeline pipeline, CodeBuildProject project, String buildspec) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("name", project.name());
    project.description().ifPresent(d -> request.put("description", d));
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("type", "CODEPIPELINE");
    source.put("buildspec", buildspec);
    request.put("source", source);
    request.put("artifacts", Map.of("type", "CODEPIPELINE"));
    Map<String, Object> cache = new LinkedHashMap<>();
    BuildCache c = project.cache();
    cache.put("type", c.type().name());
    if (c.type() == BuildCache.Type.LOCAL) {
      List<Object> modes = new ArrayList<>();
      c.modes().forEach(m -> modes.add(m.name()));
      cache.put("modes", modes);
    }
    c.location().ifPresent(l -> cache.put("location", l));
    request.put("cache", cache);
    Map<String, Object> environment = new LinkedHashMap<>();
    environment.put("type", project.environmentType());
    environment.put("image", project.image());
    environment.put("computeType", project.computeType());
    if (!project.environmentVariables().isEmpty()) {
      List<Object> vars = new ArrayList<>();
      for (EnvironmentVariable v : project.environmentVariables()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("value", v.value());
        m.put("type", v.type().name());
        vars.add(m);
      }
      environment.put("environmentVariables", vars);
    }
    environment.put("privilegedMode", project.privilegedMode());
    environment.put(
        "imagePullCredentialsType",
        project.image().startsWith("aws/codebuild/") ? "CODEBUILD" : "SERVICE_ROLE");
    request.put("environment", environment);
    request.put("serviceRole", project.serviceRoleArn());
    request.put("timeoutInMinutes", project.timeoutInMinutes());
    if (runsBatch(pipeline, project)) {
      request.put("buildBatchConfig", buildBatchConfig(project.batchSettings()));
    }
    request.put("queuedTimeoutInMinutes", project.queuedTimeoutInMinutes());
    if (!pipeline.tags().isEmpty()) {
      request.put("tags", tags(pipeline.tags(), "key", "value"));
    }
    Map<String, Object> cloudWatch = new LinkedHashMap<>();
    cloudWatch.put("status", "ENABLED");
    cloudWatch.put("groupName", project.logGroupName());
    project.logStreamName().ifPresent(s -> cloudWatch.put("streamName", s));
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("cloudWatchLogs", cloudWatch);
    logs.put("s3Logs", Map.of("status", "DISABLED"));
    request.put("logsConfig", logs);
    return request;
  }
}
