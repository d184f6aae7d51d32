package io.pipelinekit.aws;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The members of a live resource that the plan does not compare because AWS itself adds them on
 * read and {@code apply} cannot set them: identifiers, timestamps, versions, members only other
 * calls set, and server defaults equal to leaving the member out. Each is listed with its reason;
 * everything else a live resource has and the definition does not is shown as a removal.
 *
 * <p>A rule applies only to a member the declaration does not have: a declaration that sets one
 * (say {@code runOrder: 2}) is compared as usual.
 */
final class LiveOnlyFields {
  /** One ignored member: a path pattern ({@code *} for one segment), the values, the reason. */
  record Rule(String pattern, Predicate<Object> when, String reason) {
    Rule {
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(when, "when");
      Objects.requireNonNull(reason, "reason");
    }

    boolean matches(List<String> path, Object live) {
      String[] segments = pattern.split("\\.");
      if (segments.length != path.size()) {
        return false;
      }
      for (int i = 0; i < segments.length; i++) {
        if (!segments[i].equals("*") && !segments[i].equals(path.get(i))) {
          return false;
        }
      }
      return when.test(live);
    }
  }

  private static Predicate<Object> any() {
    return v -> true;
  }

  private static Predicate<Object> equalTo(Object value) {
    return v -> String.valueOf(value).equals(String.valueOf(v));
  }

  private static Predicate<Object> matching(String regex) {
    Pattern p = Pattern.compile(regex);
    return v -> v instanceof String s && p.matcher(s).matches();
  }

  /**
   * GetPipeline's {@code pipeline} (PipelineDeclaration). The response's {@code metadata}
   * (pipelineArn, created, updated, pollingDisabledAt) is not part of the declaration and is not
   * compared at all.
   */
  static final LiveOnlyFields PIPELINE =
      new LiveOnlyFields(
          List.of(
              new Rule(
                  "version",
                  any(),
                  "AWS numbers each update; UpdatePipeline is sent the version AWS has"
                      + " (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html)"),
              new Rule(
                  "stages.*.actions.*.runOrder",
                  equalTo(1),
                  "an action without runOrder runs first: AWS reports 1"
                      + " (https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-pipeline-structure.html)"),
              new Rule(
                  "stages.*.actions.*.region",
                  any(),
                  "AWS reports the region of an action declared without one; apply declares"
                      + " cross-region actions explicitly, and a region set by hand on a"
                      + " same-region action is that same region"
                      + " (https://docs.aws.amazon.com/codepipeline/latest/userguide/action-requirements.html)"),
              new Rule(
                  "executionMode",
                  equalTo("SUPERSEDED"),
                  "the default execution mode, reported when none was declared"
                      + " (https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html)")));

  /** BatchGetProjects' {@code projects[]} (Project) against a CreateProject/UpdateProject input. */
  static final LiveOnlyFields PROJECT =
      new LiveOnlyFields(
          List.of(
              new Rule("arn", any(), "assigned by CodeBuild, not an input of CreateProject"),
              new Rule("created", any(), "timestamp set by CodeBuild"),
              new Rule("lastModified", any(), "timestamp set by CodeBuild"),
              new Rule(
                  "webhook",
                  any(),
                  "set by CreateWebhook/UpdateWebhook, not by CreateProject/UpdateProject"),
              new Rule("badge.badgeRequestUrl", any(), "the badge URL CodeBuild generates"),
              new Rule(
                  "badge.badgeEnabled",
                  equalTo(false),
                  "reported for every project; false is what leaving badgeEnabled out means"),
              new Rule(
                  "projectVisibility",
                  any(),
                  "set by UpdateProjectVisibility, not by CreateProject/UpdateProject"),
              new Rule("publicProjectAlias", any(), "set by UpdateProjectVisibility"),
              new Rule("resourceAccessRole", any(), "set by UpdateProjectVisibility"),
              new Rule(
                  "encryptionKey",
                  matching("arn:aws[a-z\\-]*:kms:[a-z0-9\\-]+:[0-9]{12}:alias/aws/s3"),
                  "without encryptionKey CodeBuild encrypts artifacts with, and reports, the AWS managed"
                      + " key for S3 (https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html)"),
              new Rule(
                  "cache.type",
                  equalTo("NO_CACHE"),
                  "no cache is what leaving cache out means; CodeBuild reports it"),
              new Rule(
                  "source.insecureSsl",
                  equalTo(false),
                  "false is what leaving insecureSsl out means; CodeBuild reports it"),
              new Rule(
                  "logsConfig.s3Logs.encryptionDisabled",
                  equalTo(false),
                  "false is what leaving encryptionDisabled out means")));

  private final List<Rule> rules;

  private LiveOnlyFields(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  List<Rule> rules() {
    return rules;
  }

  /** Whether a live member the declaration does not have is AWS's own. */
  boolean ignores(List<String> path, Object live) {
    return rules.stream().anyMatch(r -> r.matches(path, live));
  }
}
