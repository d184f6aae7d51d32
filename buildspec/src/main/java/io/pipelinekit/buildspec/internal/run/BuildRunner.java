package io.pipelinekit.buildspec.internal.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.buildspec.LocalBuildResult;
import io.pipelinekit.buildspec.LocalBuildResult.Phase;
import io.pipelinekit.buildspec.LocalBuildResult.Status;
import io.pipelinekit.buildspec.ParameterResolver;
import io.pipelinekit.buildspec.ParameterResolver.ResolutionException;
import io.pipelinekit.core.internal.OwnedFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs a buildspec with CodeBuild's semantics. Each rule below follows AWS's documentation:
 *
 * <ul>
 *   <li>Phases run in the order install, pre_build, build, post_build, then artifacts are uploaded.
 *       A failure in install or pre_build ends the build (no later phase, no upload); a failure in
 *       build still runs post_build, and the upload is always attempted after build ("The
 *       UPLOAD_ARTIFACTS phase is always attempted, even if the BUILD phase fails":
 *       https://docs.aws.amazon.com/codebuild/latest/userguide/view-build-details-phases.html; "if
 *       a command fails during the install phase, none of the commands in the pre_build, build, and
 *       post_build phases are run":
 *       https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.phases).
 *   <li>In a phase the first failing command skips the rest of its commands; {@code finally} runs
 *       after them whether they failed or not; the phase fails if any command of either fails
 *       (build-spec-ref, phases/&#42;/finally). {@code on-failure: CONTINUE} goes on to the next
 *       phase; {@code ABORT} (the default) follows the transitions above.
 *   <li>{@code CODEBUILD_BUILD_SUCCEEDING} is 1, and 0 once a phase failed ("Set to 0 if the build
 *       is failing, or 1 if the build is succeeding":
 *       https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html).
 *   <li>Variables: the buildspec's lowest, the StartBuild overrides ({@code --env}) highest
 *       (build-spec-ref, env/variables: "The value in the start build operation call takes highest
 *       precedence"); values are literal ({@code $PATH:…} is not expanded).
 * </ul>
 */
public final class BuildRunner {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS", Locale.ROOT);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** Everything the runner needs. */
  public record Inputs(
      RunSpec spec,
      Path sourceRoot,
      ArtifactsFolder artifacts,
      Map<String, String> baseEnvironment,
      Map<String, String> overrides,
      ParameterResolver resolver,
      String region,
      int buildNumber,
      Consumer<String> log) {}

  private final Inputs in;
  private final Masker masker = new Masker();
  private final String buildId = "run-local:" + UUID.randomUUID();

  public BuildRunner(Inputs in) {
    this.in = in;
  }

  public LocalBuildResult run() {
    RunSpec spec = in.spec();
    List<String> shell = shellCommand(spec.shell());
    List<Phase> phases = new ArrayList<>();
    Map<String, String> exported = new LinkedHashMap<>();
    List<String> written = new ArrayList<>();
    Path scratch;
    try {
      scratch = Files.createTempDirectory("pipeline-run-local");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      for (String line : spec.notApplied()) {
        log("not applied locally: " + line);
      }
      Map<String, String> env = new LinkedHashMap<>(in.baseEnvironment());
      env.putAll(codeBuildVariables());
      env.putAll(spec.variables());
      long start = System.nanoTime();
      try {
        resolveParameters(spec, env);
      } catch (ResolutionException e) {
        log("Phase complete: PROVISIONING State: FAILED");
        log("Phase context status code: Decrypted Variables Error Message: " + e.getMessage());
        phases.add(
            new Phase("PROVISIONING", Status.FAILED, since(start), Optional.of(e.getMessage()), 0));
        for (String name : RunSpec.PHASE_ORDER) {
          phases.add(notRun(name.toUpperCase(Locale.ROOT)));
        }
        phases.add(notRun("UPLOAD_ARTIFACTS"));
        return new LocalBuildResult(buildId, Status.FAILED, phases, exported, written, List.of());
      }
      env.putAll(in.overrides());
      boolean succeeding = true;
      boolean ended = false;
      boolean upload = true;
      try (ShellSession session =
          new ShellSession(shell, in.sourceRoot(), env, scratch, this::output)) {
        session.afterEach(exportSnapshot(spec.exportedVariables(), scratch));
        for (String name : RunSpec.PHASE_ORDER) {
          String phaseName = name.toUpperCase(Locale.ROOT);
          if (ended) {
            phases.add(notRun(phaseName));
            continue;
          }
          RunSpec.PhaseSpec phase =
              spec.phases().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
          Phase result = runPhase(phaseName, phase, session, env);
          phases.add(result);
          if (result.status() == Status.FAILED) {
            if (succeeding) {
              succeeding = false;
              session.run("export CODEBUILD_BUILD_SUCCEEDING=0");
            }
            boolean proceed = phase != null && "CONTINUE".equals(phase.onFailure());
            if (!proceed && (name.equals("install") || name.equals("pre_build"))) {
              ended = true;
              upload = false;
            }
          }
          if (name.equals("post_build") || ended) {
            exported.putAll(exportedVariables(spec.exportedVariables(), session, scratch));
          }
        }
        if (upload) {
          phases.add(uploadArtifacts(spec, session, scratch, written));
        } else {
          phases.add(notRun("UPLOAD_ARTIFACTS"));
        }
      }
      List<LocalBuildResult.Report> reports = upload ? reports(spec) : List.of();
      Status status =
          phases.stream().anyMatch(p -> p.status() == Status.FAILED)
              ? Status.FAILED
              : Status.SUCCEEDED;
      return new LocalBuildResult(buildId, status, phases, exported, written, reports);
    } finally {
      OwnedFolder.deleteTree(scratch);
    }
  }

  // ------------------------------------------------------------------ phases

  private Phase runPhase(
      String phaseName, RunSpec.PhaseSpec phase, ShellSession session, Map<String, String> env) {
    long start = System.nanoTime();
    log("Entering phase " + phaseName);
    String failed = null;
    int status = 0;
    if (phase != null) {
      if (phase.runAs()) {
        log(
            "not applied locally: phases."
                + phase.name()
                + ".run-as (commands run as the current user)");
      }
      if (phase.onFailure() != null
          && !phase.onFailure().equals("ABORT")
          && !phase.onFailure().equals("CONTINUE")) {
        log(
            "not applied locally: phases."
                + phase.name()
                + ".on-failure "
                + phase.onFailure()
                + " (a failed phase is not retried here; it is treated as ABORT)");
      }
      if (!phase.runtimeVersions().isEmpty()) {
        RuntimeCheck.check(phase.runtimeVersions(), env, in.sourceRoot(), this::log);
      }
      for (String command : phase.commands()) {
        int exit = runCommand(command, session);
        if (exit != 0) {
          failed = command;
          status = exit;
          break;
        }
      }
      for (String command : phase.finallyCommands()) {
        int exit = runCommand(command, session);
        if (exit != 0) {
          if (failed == null) {
            failed = command;
            status = exit;
          }
          break;
        }
      }
    }
    Status result = failed == null ? Status.SUCCEEDED : Status.FAILED;
    log("Phase complete: " + phaseName + " State: " + result);
    if (failed != null) {
      log(
          "Phase context status code: COMMAND_EXECUTION_ERROR Message: Error while executing"
              + " command: "
              + firstLine(failed)
              + ". Reason: exit status "
              + status);
    }
    return new Phase(phaseName, result, since(start), Optional.ofNullable(failed), status);
  }

  private int runCommand(String command, ShellSession session) {
    log("Running command " + command);
    int exit = session.run(command);
    if (exit != 0) {
      log("Command did not exit successfully " + firstLine(command) + " exit status " + exit);
    }
    return exit;
  }

  private static Phase notRun(String name) {
    return new Phase(name, Status.NOT_RUN, Duration.ZERO, Optional.empty(), 0);
  }

  // ------------------------------------------------------------------ variables

  /**
   * The variables CodeBuild sets in every build
   * (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html), with
   * local values: the source folder, a fresh build id, the git {@code HEAD} of the source folder.
   */
  private Map<String, String> codeBuildVariables() {
    Map<String, String> v = new LinkedHashMap<>();
    String region = in.region();
    if (region != null) {
      v.put("AWS_REGION", region);
      v.put("AWS_DEFAULT_REGION", region);
    }
    String uuid = buildId.substring(buildId.indexOf(':') + 1);
    v.put("CODEBUILD_BUILD_ID", buildId);
    v.put(
        "CODEBUILD_BUILD_ARN",
        "arn:aws:codebuild:"
            + (region == null ? "local" : region)
            + ":000000000000:build/"
            + buildId);
    v.put("CODEBUILD_BUILD_NUMBER", Integer.toString(in.buildNumber()));
    v.put("CODEBUILD_BUILD_SUCCEEDING", "1");
    v.put("CODEBUILD_BUILD_IMAGE", "local");
    v.put("CODEBUILD_INITIATOR", System.getProperty("user.name", "local"));
    v.put("CODEBUILD_LOG_PATH", uuid);
    v.put("CODEBUILD_SRC_DIR", in.sourceRoot().toString());
    v.put("CODEBUILD_START_TIME", Long.toString(System.currentTimeMillis()));
    gitHead(in.sourceRoot())
        .ifPresent(
            head -> {
              v.put("CODEBUILD_RESOLVED_SOURCE_VERSION", head);
              v.put("CODEBUILD_SOURCE_VERSION", head);
            });
    return v;
  }

  private void resolveParameters(RunSpec spec, Map<String, String> env) {
    if (spec.parameterStore().isEmpty() && spec.secretsManager().isEmpty()) {
      return;
    }
    log("Resolving parameter-store and secrets-manager variables");
    for (Map.Entry<String, String> e : spec.parameterStore().entrySet()) {
      String value;
      try {
        value = in.resolver().parameter(e.getValue());
      } catch (ResolutionException ex) {
        throw new ResolutionException(
            "env.parameter-store." + e.getKey() + " (" + e.getValue() + "): " + ex.getMessage(),
            ex);
      }
      masker.add(value);
      env.put(e.getKey(), value);
    }
    for (Map.Entry<String, String> e : spec.secretsManager().entrySet()) {
      String value;
      try {
        value = secret(e.getValue());
      } catch (ResolutionException ex) {
        throw new ResolutionException(
            "env.secrets-manager." + e.getKey() + " (" + e.getValue() + "): " + ex.getMessage(),
            ex);
      }
      masker.add(value);
      env.put(e.getKey(), value);
    }
  }

  /**
   * A {@code secret-id:json-key:version-stage:version-id} reference (build-spec-ref,
   * env/secrets-manager): the secret id is a name or an ARN (which holds six colons itself); an
   * empty json-key takes the whole secret text; neither stage nor id takes {@code AWSCURRENT}.
   */
  private String secret(String reference) {
    List<String> parts = Arrays.asList(reference.split(":", -1));
    int idParts = parts.get(0).equals("arn") && parts.size() >= 7 ? 7 : 1;
    String secretId = String.join(":", parts.subList(0, idParts));
    List<String> rest = parts.subList(idParts, parts.size());
    String jsonKey = rest.size() > 0 && !rest.get(0).isEmpty() ? rest.get(0) : null;
    String stage = rest.size() > 1 && !rest.get(1).isEmpty() ? rest.get(1) : null;
    String versionId = rest.size() > 2 && !rest.get(2).isEmpty() ? rest.get(2) : null;
    String text = in.resolver().secret(secretId, stage, versionId);
    if (jsonKey == null) {
      return text;
    }
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new ResolutionException(
          "the secret's text is not JSON, so it has no key '" + jsonKey + "'");
    }
    if (json == null || !json.isObject() || !json.has(jsonKey)) {
      throw new ResolutionException("the secret's JSON has no key '" + jsonKey + "'");
    }
    JsonNode value = json.get(jsonKey);
    return value.isTextual() ? value.asText() : value.toString();
  }

  /**
   * Shell code that records each exported variable after every command (build-spec-ref,
   * env/exported-variables: the value "can be updated between the start of the install phase and
   * the end of the post_build phase"): {@code 1VALUE} when set, {@code 0} when not.
   */
  private static String exportSnapshot(List<String> names, Path scratch) {
    StringBuilder snippet = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!NAME.matcher(name).matches()) {
        continue;
      }
      String file = scratch.resolve("exported-" + i).toString().replace("'", "'\\''");
      snippet
          .append("if [ -n \"${")
          .append(name)
          .append("+x}\" ]; then printf '1%s' \"$")
          .append(name)
          .append("\" > '")
          .append(file)
          .append("'; else printf '0' > '")
          .append(file)
          .append("'; fi; ");
    }
    return snippet.toString();
  }

  /** The exported variables as the last command left them; stops recording them. */
  private Map<String, String> exportedVariables(
      List<String> names, ShellSession session, Path scratch) {
    session.afterEach("");
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!NAME.matcher(name).matches()) {
        continue;
      }
      Path file = scratch.resolve("exported-" + i);
      try {
        String value = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "0";
        if (value.startsWith("1")) {
          out.put(name, value.substring(1));
        } else {
          log("exported variable " + name + " is not set when post_build ends; not exported");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ artifacts, reports

  private Phase uploadArtifacts(
      RunSpec spec, ShellSession session, Path scratch, List<String> written) {
    long start = System.nanoTime();
    log("Entering phase UPLOAD_ARTIFACTS");
    RunSpec.ArtifactSpec artifacts = spec.artifacts();
    if (artifacts == null) {
      log("no artifacts section: nothing to upload");
      log("Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED");
      return new Phase("UPLOAD_ARTIFACTS", Status.SUCCEEDED, since(start), Optional.empty(), 0);
    }
    Set<Path> skipped = in.artifacts().paths();
    Map<String, Path> files = new LinkedHashMap<>();
    String problem = null;
    Set<String> identifiers = new TreeSet<>();
    for (RunSpec.ArtifactSpec s : artifacts.secondary()) {
      identifiers.add(s.identifier());
    }
    for (FileSelection.Picked p :
        FileSelection.pick(in.sourceRoot(), artifacts.fileSet(), skipped, this::note)) {
      String top =
          p.target().contains("/") ? p.target().substring(0, p.target().indexOf('/')) : p.target();
      if (identifiers.contains(top)) {
        problem =
            "primary artifact file '"
                + p.target()
                + "' is in the folder of secondary artifact '"
                + top
                + "'; rename one of them";
        break;
      }
      files.put(p.target(), p.source());
    }
    describeName(artifacts, "primary artifact", session, scratch, files.size());
    for (RunSpec.ArtifactSpec s : artifacts.secondary()) {
      List<FileSelection.Picked> picked =
          FileSelection.pick(in.sourceRoot(), s.fileSet(), skipped, this::note);
      for (FileSelection.Picked p : picked) {
        files.put(s.identifier() + "/" + p.target(), p.source());
      }
      describeName(s, "secondary artifact " + s.identifier(), session, scratch, picked.size());
    }
    if (problem == null && files.isEmpty()) {
      problem = "no matching artifact paths found";
    }
    if (problem != null) {
      in.artifacts().discard();
      log(problem);
      log("Phase complete: UPLOAD_ARTIFACTS State: FAILED");
      log("Phase context status code: CLIENT_ERROR Message: " + problem);
      return new Phase("UPLOAD_ARTIFACTS", Status.FAILED, since(start), Optional.of(problem), 0);
    }
    try {
      for (Map.Entry<String, Path> f : files.entrySet()) {
        in.artifacts().copy(f.getValue(), f.getKey());
      }
      in.artifacts().commit(new ArrayList<>(files.keySet()));
    } catch (RuntimeException e) {
      in.artifacts().discard();
      throw e;
    }
    written.addAll(new TreeSet<>(files.keySet()));
    log(
        "Uploading "
            + files.size()
            + " artifact file"
            + (files.size() == 1 ? "" : "s")
            + " to "
            + in.artifacts().displayName());
    log("Phase complete: UPLOAD_ARTIFACTS State: SUCCEEDED");
    return new Phase("UPLOAD_ARTIFACTS", Status.SUCCEEDED, since(start), Optional.empty(), 0);
  }

  /**
   * Says what an artifact's {@code name} evaluates to: CodeBuild evaluates it with the shell
   * (build-spec-ref, artifacts/name: "uses the Shell command language").
   */
  private void describeName(
      RunSpec.ArtifactSpec a, String what, ShellSession session, Path scratch, int count) {
    String name = a.name();
    if (name != null) {
      Path file = scratch.resolve("artifact-name");
      session.run(
          "__pk_name=$(cat <<__PK_ARTIFACT_NAME__\n"
              + name
              + "\n__PK_ARTIFACT_NAME__\n); printf '%s' \"$__pk_name\" > '"
              + file
              + "'; unset __pk_name");
      try {
        name = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : name;
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    log(
        what
            + ": "
            + count
            + " file"
            + (count == 1 ? "" : "s")
            + (name == null ? "" : ", name '" + name + "'"));
  }

  private List<LocalBuildResult.Report> reports(RunSpec spec) {
    List<LocalBuildResult.Report> out = new ArrayList<>();
    for (RunSpec.ReportSpec report : spec.reports()) {
      List<FileSelection.Picked> picked =
          FileSelection.pick(in.sourceRoot(), report.fileSet(), in.artifacts().paths(), this::note);
      List<Path> paths = picked.stream().map(FileSelection.Picked::source).toList();
      List<String> names =
          paths.stream().map(p -> FileSelection.slashes(in.sourceRoot().relativize(p))).toList();
      Reports.Counts counts;
      try {
        counts = Reports.count(report.fileFormat(), paths);
      } catch (Exception e) {
        log(
            "report group "
                + report.group()
                + ": cannot read a "
                + report.fileFormat()
                + " file: "
                + firstLine(String.valueOf(e.getMessage())));
        counts = new Reports.Counts(0, 0, 0, 0, false);
      }
      LocalBuildResult.Report r =
          new LocalBuildResult.Report(
              report.group(),
              report.fileFormat(),
              names,
              counts.tests(),
              counts.failures(),
              counts.errors(),
              counts.skipped(),
              counts.parsed());
      out.add(r);
      log(
          "report group "
              + r.group()
              + " ("
              + r.fileFormat()
              + "): "
              + names.size()
              + " file"
              + (names.size() == 1 ? "" : "s")
              + (r.summarised()
                  ? ", "
                      + r.tests()
                      + " tests, "
                      + r.failures()
                      + " failures, "
                      + r.errors()
                      + " errors, "
                      + r.skipped()
                      + " skipped"
                  : ", results not summarised locally"));
    }
    return out;
  }

  // ------------------------------------------------------------------ helpers

  /** {@code bash}, or {@code /bin/sh} (CodeBuild's default: "Shell command language (sh)"). */
  private static List<String> shellCommand(String shell) {
    if (shell == null || shell.equals("/bin/sh") || shell.equals("sh")) {
      return List.of("/bin/sh");
    }
    if (shell.equals("bash")) {
      return List.of("bash", "--noprofile", "--norc");
    }
    throw new BuildSpecException(
        "env.shell: '"
            + shell
            + "' is a Windows shell; run-local runs bash and /bin/sh only (use a Linux buildspec)");
  }

  private static Optional<String> gitHead(Path source) {
    try {
      Process git =
          new ProcessBuilder("git", "-C", source.toString(), "rev-parse", "--verify", "HEAD")
              .redirectErrorStream(false)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      git.getOutputStream().close();
      String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (git.waitFor() == 0 && out.matches("[0-9a-f]{40,64}")) {
        return Optional.of(out);
      }
    } catch (IOException e) {
      // no git on PATH: the variable stays unset, as for a source without commits
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private void note(String line) {
    log(line);
  }

  private void log(String line) {
    in.log().accept(masker.mask("[Container] " + LocalDateTime.now().format(TIME) + " " + line));
  }

  /** What the shell prints goes out masked too. */
  private void output(String line) {
    in.log().accept(masker.mask(line));
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl) + " …";
  }
}
