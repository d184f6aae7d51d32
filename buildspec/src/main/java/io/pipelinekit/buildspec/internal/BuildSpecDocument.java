package io.pipelinekit.buildspec.internal;

import io.pipelinekit.buildspec.Artifacts;
import io.pipelinekit.buildspec.BuildEnv;
import io.pipelinekit.buildspec.BuildSpec;
import io.pipelinekit.buildspec.Cache;
import io.pipelinekit.buildspec.Phase;
import io.pipelinekit.buildspec.ReportGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates a {@link BuildSpec} into a YAML document tree with keys in the documented order:
 * version, run-as, env, phases, reports, artifacts, cache. Empty lists and maps are left out.
 */
public final class BuildSpecDocument {
  private BuildSpecDocument() {}

  public static YamlNode.Mapping of(BuildSpec spec) {
    Map<String, YamlNode> root = new LinkedHashMap<>();
    root.put("version", YamlNode.Scalar.verbatim(spec.version()));
    string(root, "run-as", spec.runAs());
    spec.env().ifPresent(env -> root.put("env", env(env)));
    Map<String, YamlNode> phases = new LinkedHashMap<>();
    spec.install().ifPresent(p -> phases.put("install", phase(p)));
    spec.preBuild().ifPresent(p -> phases.put("pre_build", phase(p)));
    spec.build().ifPresent(p -> phases.put("build", phase(p)));
    spec.postBuild().ifPresent(p -> phases.put("post_build", phase(p)));
    root.put("phases", new YamlNode.Mapping(phases));
    if (!spec.reports().isEmpty()) {
      Map<String, YamlNode> reports = new LinkedHashMap<>();
      spec.reports().forEach((name, group) -> reports.put(name, report(group)));
      root.put("reports", new YamlNode.Mapping(reports));
    }
    spec.artifacts().ifPresent(a -> root.put("artifacts", artifacts(a)));
    spec.cache().ifPresent(c -> root.put("cache", cache(c)));
    return new YamlNode.Mapping(root);
  }

  private static YamlNode env(BuildEnv env) {
    Map<String, YamlNode> m = new LinkedHashMap<>();
    string(m, "shell", env.shell());
    stringMap(m, "variables", env.variables());
    stringMap(m, "parameter-store", env.parameterStore());
    stringList(m, "exported-variables", env.exportedVariables());
    stringMap(m, "secrets-manager", env.secretsManager());
    bool(m, "git-credential-helper", env.gitCredentialHelper());
    return new YamlNode.Mapping(m);
  }

  private static YamlNode phase(Phase phase) {
    Map<String, YamlNode> m = new LinkedHashMap<>();
    string(m, "run-as", phase.runAs());
    phase.onFailure().ifPresent(f -> m.put("on-failure", YamlNode.Scalar.verbatim(f.name())));
    stringMap(m, "runtime-versions", phase.runtimeVersions());
    stringList(m, "commands", phase.commands());
    stringList(m, "finally", phase.finallyCommands());
    return new YamlNode.Mapping(m);
  }

  private static YamlNode report(ReportGroup group) {
    Map<String, YamlNode> m = new LinkedHashMap<>();
    stringList(m, "files", group.files());
    string(m, "base-directory", group.baseDirectory());
    bool(m, "discard-paths", group.discardPaths());
    group.fileFormat().ifPresent(f -> m.put("file-format", YamlNode.Scalar.verbatim(f.name())));
    return new YamlNode.Mapping(m);
  }

  private static YamlNode artifacts(Artifacts a) {
    Map<String, YamlNode> m = new LinkedHashMap<>();
    stringList(m, "files", a.files());
    string(m, "name", a.name());
    bool(m, "discard-paths", a.discardPaths());
    string(m, "base-directory", a.baseDirectory());
    stringList(m, "exclude-paths", a.excludePaths());
    bool(m, "enable-symlinks", a.enableSymlinks());
    string(m, "s3-prefix", a.s3Prefix());
    if (!a.secondaryArtifacts().isEmpty()) {
      Map<String, YamlNode> secondary = new LinkedHashMap<>();
      a.secondaryArtifacts().forEach((id, s) -> secondary.put(id, artifacts(s)));
      m.put("secondary-artifacts", new YamlNode.Mapping(secondary));
    }
    return new YamlNode.Mapping(m);
  }

  private static YamlNode cache(Cache c) {
    Map<String, YamlNode> m = new LinkedHashMap<>();
    string(m, "key", c.key());
    stringList(m, "paths", c.paths());
    return new YamlNode.Mapping(m);
  }

  private static void string(Map<String, YamlNode> m, String key, Optional<String> value) {
    value.ifPresent(v -> m.put(key, YamlNode.Scalar.string(v)));
  }

  private static void bool(Map<String, YamlNode> m, String key, Optional<Boolean> value) {
    value.ifPresent(v -> m.put(key, YamlNode.Scalar.verbatim(v ? "yes" : "no")));
  }

  private static void stringList(Map<String, YamlNode> m, String key, List<String> values) {
    if (!values.isEmpty()) {
      m.put(key, YamlNode.Sequence.ofStrings(values));
    }
  }

  private static void stringMap(Map<String, YamlNode> m, String key, Map<String, String> values) {
    if (!values.isEmpty()) {
      m.put(key, YamlNode.Mapping.ofStrings(values));
    }
  }
}
