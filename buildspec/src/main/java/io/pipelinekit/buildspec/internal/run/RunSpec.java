package io.pipelinekit.buildspec.internal.run;

import io.pipelinekit.core.internal.BoundedYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What {@code run-local} needs of a buildspec, read from the YAML node tree after the linter found
 * no error in it (so the structure is known to be sound; anything of an unexpected type is left out
 * rather than guessed at). Keys as the buildspec reference spells them:
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
 */
public record RunSpec(
    String version,
    String shell,
    Map<String, String> variables,
    Map<String, String> parameterStore,
    Map<String, String> secretsManager,
    List<String> exportedVariables,
    List<String> notApplied,
    List<PhaseSpec> phases,
    List<ReportSpec> reports,
    ArtifactSpec artifacts) {

  /** The phases CodeBuild runs, in its order. */
  public static final List<String> PHASE_ORDER =
      List.of("install", "pre_build", "build", "post_build");

  /** One phase of {@code phases}. */
  public record PhaseSpec(
      String name,
      String onFailure,
      Map<String, String> runtimeVersions,
      List<String> commands,
      List<String> finallyCommands,
      boolean runAs) {}

  /** Files picked by globs, as artifacts, secondary artifacts and reports pick them. */
  public record FileSet(
      List<String> files, String baseDirectory, boolean discardPaths, List<String> excludePaths) {}

  /** {@code artifacts} or one of its {@code secondary-artifacts}. */
  public record ArtifactSpec(
      String identifier, FileSet fileSet, String name, List<ArtifactSpec> secondary) {}

  /** One report group of {@code reports}. */
  public record ReportSpec(String group, FileSet fileSet, String fileFormat) {}

  /** Reads the buildspec text (already linted: no errors). */
  public static RunSpec read(String content, int maxBytes) {
    LoaderOptions options = BoundedYaml.options(maxBytes, 50, 50, true);
    Composer composer = BoundedYaml.composer(content, options);
    Node root = composer.getSingleNode();
    Map<String, Node> top = map(root);
    Map<String, Node> env = map(top.get("env"));
    List<String> notApplied = new ArrayList<>();
    if (top.containsKey("run-as")) {
      notApplied.add("run-as (commands run as the current user)");
    }
    if (top.containsKey("proxy")) {
      notApplied.add("proxy (no explicit proxy server here)");
    }
    if (top.containsKey("batch")) {
      notApplied.add("batch (one build runs, not a batch)");
    }
    if (top.containsKey("cache")) {
      notApplied.add(
          "cache"
              + (map(top.get("cache")).containsKey("paths")
                  ? " paths " + list(map(top.get("cache")).get("paths"))
                  : "")
              + " (nothing is restored or saved)");
    }
    if (env.containsKey("git-credential-helper")) {
      notApplied.add("env.git-credential-helper (git uses this machine's credentials)");
    }
    List<PhaseSpec> phases = new ArrayList<>();
    Map<String, Node> phaseNodes = map(top.get("phases"));
    for (String name : PHASE_ORDER) {
      if (!phaseNodes.containsKey(name)) {
        continue;
      }
      Map<String, Node> phase = map(phaseNodes.get(name));
      String onFailure = scalar(phase.get("on-failure"));
      phases.add(
          new PhaseSpec(
              name,
              onFailure == null ? null : onFailure.trim().toUpperCase(Locale.ROOT),
              strings(phase.get("runtime-versions")),
              list(phase.get("commands")),
              list(phase.get("finally")),
              phase.containsKey("run-as")));
    }
    List<ReportSpec> reports = new ArrayList<>();
    for (Map.Entry<String, Node> report : map(top.get("reports")).entrySet()) {
      Map<String, Node> r = map(report.getValue());
      String format = scalar(r.get("file-format"));
      reports.add(
          new ReportSpec(
              report.getKey(),
              fileSet(r),
              format == null ? "JUNITXML" : format.trim().toUpperCase(Locale.ROOT)));
    }
    ArtifactSpec artifacts = null;
    if (top.get("artifacts") instanceof MappingNode) {
      artifacts = artifact(null, map(top.get("artifacts")), notApplied);
    }
    String version = scalar(top.get("version"));
    return new RunSpec(
        version == null ? "0.2" : version.trim(),
        scalar(env.get("shell")),
        strings(env.get("variables")),
        strings(env.get("parameter-store")),
        strings(env.get("secrets-manager")),
        list(env.get("exported-variables")),
        List.copyOf(notApplied),
        List.copyOf(phases),
        List.copyOf(reports),
        artifacts);
  }

  private static ArtifactSpec artifact(
      String identifier, Map<String, Node> a, List<String> notApplied) {
    String where = identifier == null ? "artifacts" : "secondary-artifacts." + identifier;
    if (a.containsKey("s3-prefix")) {
      notApplied.add(where + ".s3-prefix (nothing is uploaded to S3)");
    }
    if (a.containsKey("enable-symlinks")) {
      notApplied.add(
          where + ".enable-symlinks (a link inside the source folder is copied as the file)");
    }
    List<ArtifactSpec> secondary = new ArrayList<>();
    for (Map.Entry<String, Node> s : map(a.get("secondary-artifacts")).entrySet()) {
      secondary.add(artifact(s.getKey(), map(s.getValue()), notApplied));
    }
    return new ArtifactSpec(identifier, fileSet(a), scalar(a.get("name")), List.copyOf(secondary));
  }

  private static FileSet fileSet(Map<String, Node> m) {
    return new FileSet(
        list(m.get("files")),
        scalar(m.get("base-directory")),
        yes(scalar(m.get("discard-paths"))),
        list(m.get("exclude-paths")));
  }

  /** CodeBuild's {@code yes | no} (YAML 1.1 booleans as text). */
  static boolean yes(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("yes") || v.equals("true") || v.equals("on") || v.equals("y");
  }

  private static Map<String, Node> map(Node node) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          out.putIfAbsent(k.getValue(), t.getValueNode());
        }
      }
    }
    return out;
  }

  private static Map<String, String> strings(Node node) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : map(node).entrySet()) {
      String value = scalar(e.getValue());
      if (value != null) {
        out.put(e.getKey(), value);
      }
    }
    return out;
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : null;
  }

  private static List<String> list(Node node) {
    List<String> out = new ArrayList<>();
    if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        String value = scalar(item);
        if (value != null) {
          out.add(value);
        }
      }
    } else if (node instanceof ScalarNode s && !s.getValue().isEmpty()) {
      out.add(s.getValue());
    }
    return List.copyOf(out);
  }
}
