package io.pipelinekit.maven;

import io.pipelinekit.apispec.ApiSpecException;
import io.pipelinekit.apispec.LintOptions;
import io.pipelinekit.apispec.OpenApiLinter;
import io.pipelinekit.buildspec.BuildSpecException;
import io.pipelinekit.buildspec.BuildSpecLinter;
import io.pipelinekit.core.Finding;
import io.pipelinekit.core.Location;
import io.pipelinekit.core.Rule;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.core.Severity;
import io.pipelinekit.core.internal.DidYouMean;
import io.pipelinekit.pipeline.DocumentKind;
import io.pipelinekit.pipeline.PipelineRuleSet;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code pipeline:lint}: lints OpenAPI documents for API Gateway's REST import, and CodeBuild
 * buildspec files, told apart by content as {@code pipeline lint} does. Each finding is logged as
 * {@code file:line:col: severity rule-id: message}; the build fails when one is at least as serious
 * as {@code failOn}, or a file cannot be read.
 */
@Mojo(name = "lint", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class LintMojo extends AbstractMojo {
  /** The project's base folder: relative {@code lintFiles} are under it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  /** The files to lint (relative to the project). None configured: the goal does nothing. */
  @Parameter List<File> lintFiles;

  /** The lowest severity that fails the build: {@code error}, {@code warning} or {@code info}. */
  @Parameter(property = "pipeline.failOn", defaultValue = "error")
  String failOn;

  /** Rule ids not to report ({@code buildspec-*} and OpenAPI rules; docs/rules/ lists them). */
  @Parameter List<String> disabledRules;

  /** Skips the goal. */
  @Parameter(property = "pipeline.skip", defaultValue = "false")
  boolean skip;

  @Override
  public void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("pipeline:lint skipped (pipeline.skip)");
      return;
    }
    if (lintFiles == null || lintFiles.isEmpty()) {
      getLog().info("pipeline:lint: no <lintFiles> configured; nothing to lint");
      return;
    }
    Severity threshold = threshold();
    Set<String> disabled = checkDisabled();
    LintOptions options = LintOptions.builder().disabledRules(disabled).build();
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    List<String> unreadable = new ArrayList<>();
    int failing = 0;
    for (File lintFile : lintFiles) {
      Path file = lintFile.toPath().toAbsolutePath().normalize();
      List<Finding> findings;
      try {
        findings =
            DocumentKind.of(file) == DocumentKind.BUILDSPEC
                ? BuildSpecLinter.lint(file)
                : OpenApiLinter.lint(file, options).findings();
      } catch (ApiSpecException | BuildSpecException e) {
        getLog().error(e.getMessage());
        unreadable.add(e.getMessage());
        continue;
      }
      for (Finding f : findings) {
        if (disabled.contains(f.ruleId())) {
          continue;
        }
        counts.merge(f.severity(), 1, Integer::sum);
        String line =
            where(f.location(), file)
                + ": "
                + f.severity().label()
                + " "
                + f.ruleId()
                + ": "
                + f.message();
        switch (f.severity()) {
          case ERROR -> getLog().error(line);
          case WARNING -> getLog().warn(line);
          default -> getLog().info(line);
        }
        if (f.severity().atLeast(threshold)) {
          failing++;
        }
      }
    }
    String summary =
        "lint: "
            + counts.getOrDefault(Severity.ERROR, 0)
            + " error(s), "
            + counts.getOrDefault(Severity.WARNING, 0)
            + " warning(s), "
            + counts.getOrDefault(Severity.INFO, 0)
            + " info in "
            + (lintFiles.size() - unreadable.size())
            + " file(s)"
            + (unreadable.isEmpty() ? "" : "; " + unreadable.size() + " file(s) could not be read");
    getLog().info(summary);
    if (!unreadable.isEmpty()) {
      throw new MojoFailureException(
          "pipeline:lint: "
              + unreadable.size()
              + " file(s) could not be linted:\n  - "
              + String.join("\n  - ", unreadable));
    }
    if (failing > 0) {
      throw new MojoFailureException(
          "pipeline:lint: "
              + failing
              + " finding(s) at or above "
              + threshold.label()
              + " (<failOn>); fix them, or disable a rule with <disabledRules>. docs/rules/<rule-id>.md"
              + " explains each rule.");
    }
  }

  private Severity threshold() throws MojoFailureException {
    String value = failOn == null ? "error" : failOn.trim();
    Optional<Severity> severity = Severity.ofLabel(value);
    if (severity.isEmpty()) {
      throw new MojoFailureException(
          "<failOn> (pipeline.failOn) is '" + failOn + "'; use error, warning or info");
    }
    return severity.get();
  }

  /** The configured rule ids, each one a lint rule; an unknown id fails the goal naming it. */
  private Set<String> checkDisabled() throws MojoFailureException {
    Set<String> disabled = new LinkedHashSet<>();
    if (disabledRules == null) {
      return disabled;
    }
    List<String> known = new ArrayList<>();
    for (RuleSet set : DocumentKind.lintRuleSets()) {
      set.rules().stream().map(Rule::id).forEach(known::add);
    }
    List<String> structure = PipelineRuleSet.INSTANCE.rules().stream().map(Rule::id).toList();
    List<String> problems = new ArrayList<>();
    for (String id : disabledRules) {
      String trimmed = id == null ? "" : id.trim();
      if (known.contains(trimmed)) {
        disabled.add(trimmed);
      } else if (structure.contains(trimmed)) {
        problems.add(
            "rule '"
                + trimmed
                + "' in <disabledRules> is a pipeline structure rule, which lint does not run (it is"
                + " checked by pipeline:build); disable only buildspec-* and OpenAPI rules here");
      } else {
        problems.add(
            "unknown rule '"
                + trimmed
                + "' in <disabledRules>"
                + DidYouMean.suggest(trimmed, known)
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; docs/rules/ lists every rule id"));
      }
    }
    if (!problems.isEmpty()) {
      throw new MojoFailureException(String.join("\n", problems));
    }
    return disabled;
  }

  /** {@code file:line:col}, the file relative to the project when it is inside it. */
  private String where(Location location, Path file) {
    Path base = basedir.toPath().toAbsolutePath().normalize();
    if (location.file() == null || !location.file().equals(file) || !file.startsWith(base)) {
      return location.toString();
    }
    return new Location(
            base.relativize(file), location.line(), location.column(), location.pointer())
        .toString();
  }
}
