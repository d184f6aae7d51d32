package io.pipelinekit.buildspec.internal.lint;

import io.pipelinekit.core.Rule;
import io.pipelinekit.core.RuleSet;
import io.pipelinekit.core.Severity;
import java.util.Arrays;

/** The buildspec lint rules: id, severity and a one-line summary (the page has the details). */
public enum BuildSpecRule {
  YAML("buildspec-yaml", Severity.ERROR, "the file is not readable YAML within the limits"),
  DUPLICATE_KEY("buildspec-duplicate-key", Severity.ERROR, "a key appears twice in one mapping"),
  TABS("buildspec-tabs", Severity.ERROR, "tab characters in indentation"),
  VERSION("buildspec-version", Severity.ERROR, "version missing, 0.1 or unsupported"),
  COMMAND_NOT_STRING(
      "buildspec-command-not-string",
      Severity.ERROR,
      "a command YAML reads as a map or list (unquoted ': ')"),
  ECR_GET_LOGIN(
      "buildspec-ecr-get-login", Severity.ERROR, "aws ecr get-login (removed in AWS CLI v2)"),
  DOCKER_RUNTIME(
      "buildspec-docker-runtime",
      Severity.ERROR,
      "runtime-versions: docker (rejected by current images)"),
  DOCKER_PRIVILEGED(
      "buildspec-docker-privileged",
      Severity.INFO,
      "Docker used: the project needs privileged mode"),
  LATEST_TAG("buildspec-latest-tag", Severity.WARNING, "an image tagged or pushed as :latest"),
  UNGUARDED_DEPLOY(
      "buildspec-unguarded-deploy",
      Severity.WARNING,
      "post_build pushes or deploys without checking CODEBUILD_BUILD_SUCCEEDING"),
  PLAINTEXT_AWS_KEY(
      "buildspec-plaintext-aws-key", Severity.ERROR, "an AWS access key id in plaintext"),
  PLAINTEXT_SECRET(
      "buildspec-plaintext-secret",
      Severity.WARNING,
      "a plaintext variable whose name says it holds a secret"),
  RESERVED_VARIABLE(
      "buildspec-reserved-variable", Severity.ERROR, "a variable named CODEBUILD_* (reserved)"),
  EXPORTED_AWS_VARIABLE(
      "buildspec-exported-aws-variable", Severity.ERROR, "exported-variables naming AWS_*"),
  UNKNOWN_KEY("buildspec-unknown-key", Severity.WARNING, "a key CodeBuild does not know"),
  WRONG_TYPE(
      "buildspec-wrong-type",
      Severity.ERROR,
      "a value of the wrong kind (list, map or text expected)");

  /** The buildspec linter's rule set, in declaration order. */
  public static final RuleSet SET =
      RuleSet.of("buildspec", Arrays.stream(values()).map(BuildSpecRule::rule).toList());

  private final Rule rule;

  BuildSpecRule(String id, Severity severity, String summary) {
    this.rule = new Rule(id, severity, summary);
  }

  public Rule rule() {
    return rule;
  }

  public String id() {
    return rule.id();
  }

  public Severity severity() {
    return rule.severity();
  }
}
