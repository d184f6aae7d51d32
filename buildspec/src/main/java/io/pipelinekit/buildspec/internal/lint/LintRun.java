package io.pipelinekit.buildspec.internal.lint;

import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Location;
import io.pipelinekit.core.TextPosition;
import io.pipelinekit.core.internal.BoundedYaml;
import io.pipelinekit.core.internal.DidYouMean;
import io.pipelinekit.core.internal.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

/** One lint of one buildspec text: load with limits, then walk the node tree with the rules. */
public final class LintRun {
  /** Largest number of aliases to collections in one document. */
  static final int MAX_ALIASES = 50;

  /** Deepest nesting of collections. */
  static final int MAX_DEPTH = 50;

  private static final List<String> TOP_KEYS =
      List.of(
          "version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache");
  private static final List<String> ENV_KEYS =
      List.of(
          "shell",
          "variables",
          "parameter-store",
          "exported-variables",
          "secrets-manager",
          "git-credential-helper");
  private static final List<String> PROXY_KEYS = List.of("upload-artifacts", "logs");
  private static final List<String> BATCH_KEYS =
      List.of("fast-fail", "build-list", "build-matrix", "build-graph", "build-fanout");
  private static final List<String> PHASES = List.of("install", "pre_build", "build", "post_build");
  private static final List<String> PHASE_KEYS =
      List.of("run-as", "on-failure", "runtime-versions", "commands", "finally");
  private static final List<String> REPORT_KEYS =
      List.of("files", "base-directory", "discard-paths", "file-format");
  private static final List<String> ARTIFACT_KEYS =
      List.of(
          "files",
          "name",
          "discard-paths",
          "base-directory",
          "exclude-paths",
          "enable-symlinks",
          "s3-prefix",
          "secondary-artifacts");
  private static final List<String> CACHE_KEYS = List.of("key", "fallback-keys", "action", "paths");
  private static final Set<String> FILE_FORMATS =
      Set.of(
          "JUNITXML",
          "CUCUMBERJSON",
          "TESTNGXML",
          "VISUALSTUDIOTRX",
          "NUNITXML",
          "NUNIT3XML",
          "CLOVERXML",
          "COBERTURAXML",
          "JACOCOXML",
          "SIMPLECOV");
  private static final Pattern ON_FAILURE = Pattern.compile("ABORT|CONTINUE|RETRY(-\\d+)?(-.+)?");

  // At most 50 options (each '-…' with an optional value) between 'aws' and 'ecr': Java matches
  // each repetition of a group one stack frame deeper, so an unbounded '*' overflows the stack on a
  // command of ~10,000 options. An option is '-\S+' (not '--?\S+', which splits '--x' two ways:
  // exponential backtracking under a bounded repetition).
  private static final Pattern ECR_GET_LOGIN =
      Pattern.compile(
          "\\baws\\s+(?:-\\S+(?:\\s+[^-\\s]\\S*)?\\s+){0,50}ecr\\s+get-login(?![-\\w])");
  private static final Pattern DOCKER =
      Pattern.compile("(?:^|[\\s;&|(`$])(?:sudo\\s+)?(?:docker(?:-compose)?|dockerd)(?=\\s|$)");
  private static final Pattern DOCKERD = Pattern.compile("\\bdockerd\\b");
  private static final Pattern LATEST = Pattern.compile("[\\w}).\\-/]:latest(?![\\w.\\-])");
  private static final Pattern IMAGE_CONTEXT =
      Pattern.compile(
          "\\bdocker\\b|imagedefinitions|imageUri|ImageURI|imageDetail", Pattern.CASE_INSENSITIVE);
  private static final List<Pattern> DEPLOYS =
      List.of(
          Pattern.compile("\\bdocker(?:\\s+compose|-compose)?\\s+push\\b"),
          Pattern.compile("\\bdocker\\s+buildx\\s+build\\b.*\\s--push\\b"),
          Pattern.compile("\\baws\\s+(?:[a-z0-9-]+\\s+){0,2}deploy(?=\\s|$)"),
          Pattern.compile("\\baws\\s+ecs\\s+(?:update-service|run-task|create-service)\\b"),
          Pattern.compile(
              "\\baws\\s+apigateway\\s+(?:put-rest-api|create-deployment|update-stage)\\b"),
          Pattern.compile(
              "\\baws\\s+lambda\\s+(?:update-function-code|update-alias|publish-version)\\b"),
          Pattern.compile("\\baws\\s+ecr\\s+put-image\\b"),
          Pattern.compile("\\bpipeline\\s+(?:deploy-api|apply)\\b"),
          Pattern.compile("\\b(?:cdk|sam|serverless|sls|copilot)\\s+deploy\\b"),
          Pattern.compile("\\bkubectl\\s+(?:apply|set\\s+image|rollout)\\b"),
          Pattern.compile("\\bhelm\\s+(?:upgrade|install)\\b"),
          Pattern.compile("\\bterraform\\s+apply\\b"));
  private static final Pattern GUARD_VAR = Pattern.compile("CODEBUILD_BUILD_SUCCEEDING");
  private static final Pattern GUARD_CONTROL =
      Pattern.compile("\\bif\\b|\\btest\\b|\\[|&&|\\|\\||\\bexit\\b");
  private final Path file;
  private final String content;
  private final int maxBytes;
  private final String[] lines;
  private final List<Finding> findings = new ArrayList<>();
  private final Map<Node, Boolean> seen = new IdentityHashMap<>();

  private final List<Node> dockerCommands = new ArrayList<>();

  public LintRun(Path file, String content, int maxBytes) {
    this.file = file;
    this.content = content;
    this.maxBytes = maxBytes;
    this.lines = content.split("\r\n|\r|\n", -1);
  }

  public List<Finding> run() {
    checkTabs();
    Node root = load();
    if (root != null) {
      checkDuplicates(root, "");
      checkRoot(root);
    }
    List<Finding> sorted = new ArrayList<>(findings);
    // one method, not Comparator.comparingInt(...).thenComparing(...): those combinators return
    // serializable lambdas, which JDK 17's start-up archive does not hold (each lint spun them)
    sorted.sort(LintRun::compareInOrder);
    return Collections.unmodifiableList(sorted);
  }

  /** By line, column, rule id. */
  private static int compareInOrder(Finding a, Finding b) {
    int c = Integer.compare(a.location().line(), b.location().line());
    if (c == 0) {
      c = Integer.compare(a.location().column(), b.location().column());
    }
    return c != 0 ? c : a.ruleId().compareTo(b.ruleId());
  }

  // ---------------------------------------------------------------- loading

  private Node load() {
    // duplicate keys are kept, to be reported as findings with both lines
    LoaderOptions options = BoundedYaml.options(maxBytes, MAX_DEPTH, MAX_ALIASES, true);
    try {
      Composer composer = BoundedYaml.composer(content, options);
      Node root = composer.checkNode() ? composer.getNode() : null;
      if (composer.checkNode()) {
        Node second = composer.getNode();
        add(
            BuildSpecRule.YAML,
            second.getStartMark(),
            "",
            "a second YAML document starts here; a buildspec is one document: remove the '---'"
                + " separator and everything after it, or merge the documents");
      }
      if (root == null) {
        add(
            BuildSpecRule.YAML,
            1,
            1,
            "",
            "the file is empty; a buildspec needs version: 0.2 and phases");
        return null;
      }
      if (!(root instanceof MappingNode)) {
        add(
            BuildSpecRule.YAML,
            root.getStartMark(),
            "",
            "the document is "
                + kind(root)
                + ", but a buildspec is a mapping (version:, phases:, ...)");
        return null;
      }
      return root;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      if (mark != null && tabFindingOnLine(mark.getLine() + 1)) {
        return null;
      }
      add(
          BuildSpecRule.YAML,
          mark,
          "",
          "YAML syntax error: "
              + oneLine(problem)
              + (e.getContext() != null ? " (" + oneLine(e.getContext()) + ")" : ""));
      return null;
    } catch (ReaderException e) {
      TextPosition at = TextPosition.ofCodePoint(content, e.getPosition());
      throw new Unreadable(
          at.line(),
          at.column(),
          TextPosition.describe(e.getCodePoint())
              + " is not allowed in YAML; is this a text file?");
    } catch (YAMLException e) {
      String limit = limitExceeded(e);
      if (limit != null) {
        throw new Unreadable(1, 1, limit);
      }
      add(BuildSpecRule.YAML, 1, 1, "", "cannot be loaded: " + oneLine(e.getMessage()));
      return null;
    } catch (StackOverflowError e) {
      throw new Unreadable(
          1, 1, "nested deeper than " + MAX_DEPTH + " levels; a buildspec is never this deep");
    }
  }

  /**
   * The text cannot be read as a buildspec at all (over the alias or nesting limit, a character
   * YAML does not allow): not a finding, an unreadable input.
   */
  public static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    Unreadable(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /** What a limit the loader stopped at protects against, or null for another problem. */
  private static String limitExceeded(YAMLException e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("aliases")) {
      return "more than "
          + MAX_ALIASES
          + " aliases to lists or maps (an alias bomb?); a buildspec needs far fewer";
    }
    if (m.contains("Nesting")) {
      return "nested deeper than " + MAX_DEPTH + " levels; a buildspec is never this deep";
    }
    return null;
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  // ---------------------------------------------------------------- tabs

  private void checkTabs() {
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      int col = -1;
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (ch == '\t') {
          col = c;
          break;
        }
        if (ch != ' ' && ch != '-' && ch != '?' && ch != ':') {
          break;
        }
      }
      if (col >= 0) {
        add(
            BuildSpecRule.TABS,
            i + 1,
            col + 1,
            "",
            "a tab character in the indentation; YAML does not allow tabs there (CodeBuild fails"
                + " with a YAML error): indent with spaces");
      }
    }
  }

  private boolean tabFindingOnLine(int line) {
    for (Finding f : findings) {
      if (f.ruleId().equals(BuildSpecRule.TABS.id()) && Math.abs(f.location().line() - line) <= 1) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- duplicates

  private void checkDuplicates(Node node, String pointer) {
    if (seen.put(node, Boolean.TRUE) != null) {
      return;
    }
    if (node instanceof MappingNode m) {
      Map<String, Node> keys = new LinkedHashMap<>();
      for (NodeTuple t : m.getValue()) {
        String key = keyText(t.getKeyNode());
        Node first = keys.putIfAbsent(key, t.getKeyNode());
        if (first != null && !isMerge(t.getKeyNode())) {
          add(
              BuildSpecRule.DUPLICATE_KEY,
              t.getKeyNode().getStartMark(),
              child(pointer, key),
              "key '"
                  + key
                  + "' appears twice in this mapping (first at line "
                  + (first.getStartMark().getLine() + 1)
                  + "); YAML loaders keep only one of them: merge the two entries");
        }
        checkDuplicates(t.getValueNode(), child(pointer, key));
      }
    } else if (node instanceof SequenceNode s) {
      for (int i = 0; i < s.getValue().size(); i++) {
        checkDuplicates(s.getValue().get(i), pointer + "/" + i);
      }
    }
  }

  // ---------------------------------------------------------------- schema walk

  private void checkRoot(Node root) {
    Map<String, Entry> top = entries(root, "", TOP_KEYS, "the top level");
    Entry version = top.get("version");
    if (version == null) {
      add(
          BuildSpecRule.VERSION,
          root.getStartMark(),
          "",
          "'version' is missing; CodeBuild requires it: add 'version: 0.2' as the first line");
    } else {
      String v = scalar(version.value);
      if ("0.1".equals(v)) {
        add(
            BuildSpecRule.VERSION,
            version.value.getStartMark(),
            "/version",
            "version 0.1 runs every command in a separate shell and is not recommended; use"
                + " 'version: 0.2' (then 'cd' and exported variables carry over between commands)");
      } else if (!"0.2".equals(v)) {
        add(
            BuildSpecRule.VERSION,
            version.value.getStartMark(),
            "/version",
            "version must be 0.2 (found "
                + (v == null ? kind(version.value) : "'" + v + "'")
                + "); write 'version: 0.2'");
      }
    }
    Entry runAs = top.get("run-as");
    if (runAs != null) {
      expectScalar(runAs, "/run-as");
    }
    Entry env = top.get("env");
    if (env != null && expectMapping(env, "/env")) {
      checkEnv(env.value);
    }
    Entry proxy = top.get("proxy");
    if (proxy != null && expectMapping(proxy, "/proxy")) {
      entries(proxy.value, "/proxy", PROXY_KEYS, "proxy");
    }
    Entry batch = top.get("batch");
    if (batch != null && expectMapping(batch, "/batch")) {
      entries(batch.value, "/batch", BATCH_KEYS, "batch");
    }
    Entry phases = top.get("phases");
    if (phases != null && expectMapping(phases, "/phases")) {
      checkPhases(phases.value);
    }
    Entry reports = top.get("reports");
    if (reports != null && expectMapping(reports, "/reports")) {
      for (Entry group : entries(reports.value, "/reports", null, "reports").values()) {
        String p = child("/reports", group.key);
        if (expectMapping(group, p)) {
          Map<String, Entry> r = entries(group.value, p, REPORT_KEYS, "a report group");
          expectStringList(r.get("files"), p + "/files");
          Entry format = r.get("file-format");
          if (format != null
              && expectScalar(format, p + "/file-format")
              && !FILE_FORMATS.contains(scalar(format.value))) {
            add(
                BuildSpecRule.WRONG_TYPE,
                format.value.getStartMark(),
                p + "/file-format",
                "file-format '"
                    + scalar(format.value)
                    + "' is not one CodeBuild reads; use one of "
                    + String.join(", ", new java.util.TreeSet<>(FILE_FORMATS)));
          }
        }
      }
    }
    Entry artifacts = top.get("artifacts");
    if (artifacts != null && expectMapping(artifacts, "/artifacts")) {
      checkArtifacts(artifacts.value, "/artifacts", true);
    }
    Entry cache = top.get("cache");
    if (cache != null && expectMapping(cache, "/cache")) {
      Map<String, Entry> c = entries(cache.value, "/cache", CACHE_KEYS, "cache");
      expectStringList(c.get("paths"), "/cache/paths");
      expectStringList(c.get("fallback-keys"), "/cache/fallback-keys");
    }
    if (phases == null) {
      add(
          BuildSpecRule.WRONG_TYPE,
          root.getStartMark(),
          "/phases",
          "'phases' is missing; a buildspec needs at least one phase with commands");
    }
    if (!dockerCommands.isEmpty() && !content.toLowerCase(Locale.ROOT).contains("privileged")) {
      boolean startsDaemon = false;
      for (Node n : dockerCommands) {
        if (DOCKERD.matcher(scalarOrEmpty(n)).find()) {
          startsDaemon = true;
        }
      }
      if (!startsDaemon) {
        Node first = dockerCommands.get(0);
        add(
            BuildSpecRule.DOCKER_PRIVILEGED,
            first.getStartMark(),
            pointerOf(first),
            "this buildspec runs Docker, which needs privileged mode on the CodeBuild project"
                + " (else \"Cannot connect to the Docker daemon\"); enable it on the project"
                + " (privilegedMode: true), and note it in a comment here");
      }
    }
  }

  private final Map<Node, String> pointers = new IdentityHashMap<>();

  private String pointerOf(Node n) {
    return pointers.getOrDefault(n, "");
  }

  private void checkEnv(Node env) {
    Map<String, Entry> e = entries(env, "/env", ENV_KEYS, "env");
    Entry shell = e.get("shell");
    if (shell != null) {
      expectScalar(shell, "/env/shell");
    }
    for (String section : List.of("variables", "parameter-store", "secrets-manager")) {
      Entry s = e.get(section);
      String p = "/env/" + section;
      if (s == null || !expectMapping(s, p)) {
        continue;
      }
      for (Entry var : entries(s.value, p, null, section).values()) {
        String vp = child(p, var.key);
        if (var.key.startsWith("CODEBUILD_")) {
          add(
              BuildSpecRule.RESERVED_VARIABLE,
              var.keyNode.getStartMark(),
              vp,
              "variable '"
                  + var.key
                  + "' starts with CODEBUILD_, a prefix reserved for CodeBuild's own variables;"
                  + " rename it");
        }
        if (!expectScalar(var, vp)) {
          continue;
        }
        if (section.equals("variables")) {
          checkPlaintextVariable(var, vp);
        }
      }
    }
    Entry exported = e.get("exported-variables");
    if (exported != null
        && (expectStringList(exported, "/env/exported-variables")
            || exported.value instanceof ScalarNode && !isNull(exported.value))) {
      List<Node> items =
          exported.value instanceof SequenceNode seq ? seq.getValue() : List.of(exported.value);
      for (int i = 0; i < items.size(); i++) {
        String name = scalarOrEmpty(items.get(i));
        if (name.startsWith("AWS_")) {
          add(
              BuildSpecRule.EXPORTED_AWS_VARIABLE,
              items.get(i).getStartMark(),
              exported.value instanceof SequenceNode
                  ? "/env/exported-variables/" + i
                  : "/env/exported-variables",
              "exported variable '"
                  + name
                  + "' starts with AWS_, which CodeBuild does not export; copy the value into a"
                  + " variable of your own (e.g. export MY_REGION=$AWS_REGION) and export that");
        }
      }
    }
    Entry helper = e.get("git-credential-helper");
    if (helper != null) {
      expectScalar(helper, "/env/git-credential-helper");
    }
  }

  private void checkPlaintextVariable(Entry var, String pointer) {
    String value = scalarOrEmpty(var.value);
    Optional<String> key = Secrets.awsKeyId(value);
    if (key.isPresent()) {
      add(
          BuildSpecRule.PLAINTEXT_AWS_KEY,
          var.value.getStartMark(),
          pointer,
          "variable '"
              + var.key
              + "' holds an AWS access key id ("
              + Secrets.redact(key.get())
              + ") in plaintext; never commit credentials: deactivate the key, and give the"
              + " CodeBuild service role the permissions instead");
      return;
    }
    if (Secrets.looksSecret(var.key, value)) {
      add(
          BuildSpecRule.PLAINTEXT_SECRET,
          var.value.getStartMark(),
          pointer,
          "variable '"
              + var.key
              + "' looks like a secret but is plaintext (visible in the console and build logs);"
              + " move it to env.secrets-manager or env.parameter-store (SecureString)");
    }
  }

  private void checkPhases(Node phases) {
    Map<String, Entry> p = entries(phases, "/phases", PHASES, "phases");
    for (Entry phase : p.values()) {
      if (!PHASES.contains(phase.key)) {
        continue;
      }
      String pp = "/phases/" + phase.key;
      if (isNull(phase.value)) {
        continue;
      }
      if (!expectMapping(phase, pp)) {
        continue;
      }
      List<String> allowed = phase.key.equals("install") ? PHASE_KEYS : PHASE_KEYS_NO_RUNTIME;
      Map<String, Entry> keys = entries(phase.value, pp, allowed, "a phase");
      Entry onFailure = keys.get("on-failure");
      if (onFailure != null
          && expectScalar(onFailure, pp + "/on-failure")
          && !ON_FAILURE.matcher(scalarOrEmpty(onFailure.value)).matches()) {
        add(
            BuildSpecRule.WRONG_TYPE,
            onFailure.value.getStartMark(),
            pp + "/on-failure",
            "on-failure must be ABORT or CONTINUE (or RETRY[-count][-regex]); found '"
                + scalarOrEmpty(onFailure.value)
                + "'");
      }
      Entry runAs = keys.get("run-as");
      if (runAs != null) {
        expectScalar(runAs, pp + "/run-as");
      }
      Entry runtimes = keys.get("runtime-versions");
      if (runtimes != null && expectMapping(runtimes, pp + "/runtime-versions")) {
        for (Entry rt : entries(runtimes.value, pp + "/runtime-versions", null, "").values()) {
          if (rt.key.trim().equalsIgnoreCase("docker")) {
            add(
                BuildSpecRule.DOCKER_RUNTIME,
                rt.keyNode.getStartMark(),
                child(pp + "/runtime-versions", rt.key),
                "runtime-versions: docker is rejected by current CodeBuild images (\"Unknown"
                    + " runtime version named ... of docker\"); remove it: Docker is preinstalled,"
                    + " enable privileged mode on the project instead");
          }
        }
      }
      List<Node> commands = checkCommands(keys.get("commands"), pp + "/commands");
      List<Node> finallyCommands = checkCommands(keys.get("finally"), pp + "/finally");
      if (phase.key.equals("post_build")) {
        // finally runs even when a guard in commands stopped the phase: each needs its own guard
        checkGuard(commands);
        checkGuard(finallyCommands);
      }
    }
  }

  private static final List<String> PHASE_KEYS_NO_RUNTIME =
      List.of("run-as", "on-failure", "commands", "finally");

  private List<Node> checkCommands(Entry entry, String pointer) {
    if (entry == null || isNull(entry.value)) {
      return List.of();
    }
    if (!(entry.value instanceof SequenceNode seq)) {
      wrongType(entry, pointer, "a list of commands ('- command' on each line)", "");
      return List.of();
    }
    List<Node> commands = new ArrayList<>();
    List<Node> items = seq.getValue();
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String ip = pointer + "/" + i;
      pointers.put(item, ip);
      if (item instanceof ScalarNode) {
        commands.add(item);
        checkCommand(item, ip);
      } else {
        String source = sourceLine(item.getStartMark().getLine()).trim();
        add(
            BuildSpecRule.COMMAND_NOT_STRING,
            item.getStartMark(),
            ip,
            "command "
                + i
                + " is read as "
                + kind(item)
                + ", not text"
                + (item instanceof MappingNode
                    ? " (an unquoted ': ' makes YAML split it into a key and a value)"
                    : "")
                + "; CodeBuild fails with \"Expected Commands["
                + i
                + "] to be of string type\": quote the whole command, e.g. - \""
                + source.replaceFirst("^-\\s*", "").replace("\"", "\\\"")
                + "\"");
      }
    }
    return commands;
  }

  private void checkCommand(Node node, String pointer) {
    String command = scalarOrEmpty(node);
    if (ECR_GET_LOGIN.matcher(command).find()) {
      add(
          BuildSpecRule.ECR_GET_LOGIN,
          node.getStartMark(),
          pointer,
          "'aws ecr get-login' does not exist in AWS CLI v2 (current CodeBuild images); use 'aws"
              + " ecr get-login-password --region $AWS_DEFAULT_REGION | docker login --username AWS"
              + " --password-stdin <account>.dkr.ecr.<region>.amazonaws.com'");
    }
    if (DOCKER.matcher(command).find()) {
      dockerCommands.add(node);
    }
    if (LATEST.matcher(command).find() && IMAGE_CONTEXT.matcher(command).find()) {
      add(
          BuildSpecRule.LATEST_TAG,
          node.getStartMark(),
          pointer,
          "the image is tagged or pushed as :latest, which makes deploys unreproducible and"
              + " rollbacks impossible; tag with the commit id"
              + " ($(echo $CODEBUILD_RESOLVED_SOURCE_VERSION | cut -c 1-7))");
    }
    Optional<String> key = Secrets.awsKeyId(command);
    if (key.isPresent()) {
      add(
          BuildSpecRule.PLAINTEXT_AWS_KEY,
          node.getStartMark(),
          pointer,
          "the command contains an AWS access key id ("
              + Secrets.redact(key.get())
              + "); never commit credentials: deactivate the key, and give the CodeBuild service"
              + " role the permissions instead");
    }
  }

  private void checkGuard(List<Node> commands) {
    boolean guarded = false;
    for (Node n : commands) {
      String command = scalarOrEmpty(n);
      boolean mentionsGuard = GUARD_VAR.matcher(command).find();
      if (mentionsGuard && GUARD_CONTROL.matcher(command).find()) {
        guarded = true;
        continue;
      }
      if (guarded) {
        continue;
      }
      for (Pattern deploy : DEPLOYS) {
        Matcher m = deploy.matcher(command);
        if (m.find()) {
          add(
              BuildSpecRule.UNGUARDED_DEPLOY,
              n.getStartMark(),
              pointerOf(n),
              "'"
                  + m.group().trim()
                  + "' runs in post_build, which runs even when the build phase failed; guard it:"
                  + " put 'if [ \"$CODEBUILD_BUILD_SUCCEEDING\" != \"1\" ]; then exit 1; fi' before"
                  + " it, or move it to the build phase");
          break;
        }
      }
    }
  }

  private void checkArtifacts(Node node, String pointer, boolean primary) {
    List<String> allowed = primary ? ARTIFACT_KEYS : ARTIFACT_KEYS.subList(0, 7);
    Map<String, Entry> a = entries(node, pointer, allowed, "artifacts");
    Entry files = a.get("files");
    if (files == null && (primary ? !a.containsKey("secondary-artifacts") : true)) {
      add(
          BuildSpecRule.WRONG_TYPE,
          node.getStartMark(),
          pointer + "/files",
          "'files' is missing; list the files to upload (e.g. - imagedefinitions.json)");
    }
    expectStringList(files, pointer + "/files");
    expectStringList(a.get("exclude-paths"), pointer + "/exclude-paths");
    Entry secondary = a.get("secondary-artifacts");
    if (secondary != null && expectMapping(secondary, pointer + "/secondary-artifacts")) {
      for (Entry s :
          entries(secondary.value, pointer + "/secondary-artifacts", null, "").values()) {
        String sp = child(pointer + "/secondary-artifacts", s.key);
        if (!s.key.matches("[A-Za-z0-9_]+")) {
          add(
              BuildSpecRule.WRONG_TYPE,
              s.keyNode.getStartMark(),
              sp,
              "artifact identifier '"
                  + s.key
                  + "' must match [A-Za-z0-9_]+; rename it, and the CodePipeline output artifact"
                  + " with it");
        }
        if (expectMapping(s, sp)) {
          checkArtifacts(s.value, sp, false);
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private record Entry(String key, Node keyNode, Node value) {}

  /**
   * The entries of a mapping (merge keys expanded); reports unknown keys when {@code allowed} is
   * not null.
   */
  private Map<String, Entry> entries(
      Node node, String pointer, List<String> allowed, String where) {
    Map<String, Entry> out = new LinkedHashMap<>();
    if (!(node instanceof MappingNode m)) {
      return out;
    }
    collect(m, out, 0);
    if (allowed != null) {
      for (Entry e : out.values()) {
        if (!allowed.contains(e.key)) {
          unknownKey(e, pointer, allowed, where);
        }
      }
    }
    return out;
  }

  private void collect(MappingNode m, Map<String, Entry> out, int depth) {
    List<NodeTuple> merges = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      if (isMerge(t.getKeyNode())) {
        merges.add(t);
        continue;
      }
      String key = keyText(t.getKeyNode());
      out.putIfAbsent(key, new Entry(key, t.getKeyNode(), t.getValueNode()));
    }
    if (depth > MAX_DEPTH) {
      return;
    }
    for (NodeTuple t : merges) {
      Node v = t.getValueNode();
      if (v instanceof MappingNode mm) {
        collect(mm, out, depth + 1);
      } else if (v instanceof SequenceNode s) {
        for (Node item : s.getValue()) {
          if (item instanceof MappingNode mm) {
            collect(mm, out, depth + 1);
          }
        }
      }
    }
  }

  private void unknownKey(Entry e, String pointer, List<String> allowed, String where) {
    String p = child(pointer, e.key);
    if (e.key.equals("runtime-versions") && pointer.startsWith("/phases/")) {
      add(
          BuildSpecRule.UNKNOWN_KEY,
          e.keyNode.getStartMark(),
          p,
          "runtime-versions is only allowed in the install phase; move it to"
              + " phases.install.runtime-versions");
      return;
    }
    String suggestion =
        DidYouMean.suggest(e.key, allowed).map(s -> " Did you mean '" + s + "'?").orElse("");
    add(
        BuildSpecRule.UNKNOWN_KEY,
        e.keyNode.getStartMark(),
        p,
        "unknown key '"
            + e.key
            + "' in "
            + where
            + "; CodeBuild ignores or rejects it."
            + suggestion
            + " Known keys: "
            + String.join(", ", allowed));
  }

  /** {@code 'key' must be EXPECTED, found KIND HINT} at the entry's value. */
  private void wrongType(Entry e, String pointer, String expected, String hint) {
    add(
        BuildSpecRule.WRONG_TYPE,
        e.value.getStartMark(),
        pointer,
        "'" + e.key + "' must be " + expected + ", found " + kind(e.value) + hint);
  }

  private boolean expectMapping(Entry e, String pointer) {
    if (e.value instanceof MappingNode) {
      return true;
    }
    if (isNull(e.value)) {
      return false;
    }
    wrongType(e, pointer, "a mapping (key: value lines indented under it)", "");
    return false;
  }

  private boolean expectScalar(Entry e, String pointer) {
    if (e.value instanceof ScalarNode) {
      return true;
    }
    wrongType(
        e,
        pointer,
        "a single value",
        e.value instanceof MappingNode ? " (quote it if it contains ': ')" : "");
    return false;
  }

  private boolean expectStringList(Entry e, String pointer) {
    if (e == null) {
      return false;
    }
    if (e.value instanceof ScalarNode) {
      // a single path is accepted (AWS's own ECS tutorial writes files: imagedefinitions.json)
      return false;
    }
    if (!(e.value instanceof SequenceNode s)) {
      if (!isNull(e.value)) {
        wrongType(e, pointer, "a list ('- item' lines)", "");
      }
      return false;
    }
    boolean ok = true;
    for (int i = 0; i < s.getValue().size(); i++) {
      Node item = s.getValue().get(i);
      if (!(item instanceof ScalarNode)) {
        ok = false;
        add(
            BuildSpecRule.WRONG_TYPE,
            item.getStartMark(),
            pointer + "/" + i,
            "item "
                + i
                + " of '"
                + e.key
                + "' must be text, found "
                + kind(item)
                + (item instanceof MappingNode ? " (quote it if it contains ': ')" : ""));
      }
    }
    return ok;
  }

  private static boolean isMerge(Node key) {
    return key instanceof ScalarNode s && Tag.MERGE.equals(s.getTag());
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private static String keyText(Node key) {
    return key instanceof ScalarNode s ? s.getValue() : "<" + key.getNodeId() + ">";
  }

  private static String scalar(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : null;
  }

  private static String scalarOrEmpty(Node n) {
    return n instanceof ScalarNode s ? s.getValue() : "";
  }

  private static String kind(Node n) {
    if (n instanceof MappingNode) {
      return "a mapping";
    }
    if (n instanceof SequenceNode) {
      return "a list";
    }
    return "a single value";
  }

  private String sourceLine(int zeroBased) {
    return zeroBased >= 0 && zeroBased < lines.length ? lines[zeroBased] : "";
  }

  /** A JSON pointer one level down (RFC 6901 escaping). */
  private static String child(String pointer, String key) {
    return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
  }

  private void add(BuildSpecRule rule, Mark mark, String pointer, String message) {
    int line = mark == null ? 1 : mark.getLine() + 1;
    int column = mark == null ? 1 : mark.getColumn() + 1;
    add(rule, line, column, pointer, message);
  }

  private void add(BuildSpecRule rule, int line, int column, String pointer, String message) {
    findings.add(
        new Finding(
            rule.id(), rule.severity(), Location.inFile(file, line, column, pointer), message));
  }
}
