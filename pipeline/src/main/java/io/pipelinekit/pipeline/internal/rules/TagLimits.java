package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code pipeline-tag-limits}: the pipeline's tags go on the pipeline (CreatePipeline) and on every
 * CodeBuild project (CreateProject), so they keep the stricter of both services' limits: at most 50
 * tags, keys of 1–127 and values of at most 255 characters (CodePipeline allows 128 and 256), only
 * letters, digits, spaces and {@code _ . : / = + - @}, and no key starting with {@code aws:}, which
 * AWS reserves. Limits read from botocore's model ({@link AwsModelTable}); AWS:
 * https://docs.aws.amazon.com/codebuild/latest/APIReference/API_Tag.html,
 * https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_Tag.html,
 * https://docs.aws.amazon.com/batch/latest/userguide/tag-restrictions.html. Page: {@code
 * docs/rules/pipeline-tag-limits.md}.
 */
final class TagLimits extends PipelineRule {

  private static final AwsModelTable.Constraint PIPELINE_KEY =
      AwsModelTable.get(AwsModelTable.CREATE_PIPELINE, "tags[].key");
  private static final AwsModelTable.Constraint PIPELINE_VALUE =
      AwsModelTable.get(AwsModelTable.CREATE_PIPELINE, "tags[].value");
  private static final AwsModelTable.Constraint PROJECT_KEY =
      AwsModelTable.get(AwsModelTable.CREATE_PROJECT, "tags[].key");
  private static final AwsModelTable.Constraint PROJECT_VALUE =
      AwsModelTable.get(AwsModelTable.CREATE_PROJECT, "tags[].value");

  static final int MAX_TAGS = AwsModelTable.get(AwsModelTable.CREATE_PROJECT, "tags").max();
  static final int MAX_KEY = Math.min(PIPELINE_KEY.max(), PROJECT_KEY.max());
  static final int MIN_KEY = Math.max(PIPELINE_KEY.min(), PROJECT_KEY.min());
  static final int MAX_VALUE = Math.min(PIPELINE_VALUE.max(), PROJECT_VALUE.max());

  /** One character CodeBuild's tag pattern allows, to name the ones it does not. */
  private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=@+\\-]");

  private static final String CHARACTERS = "letters, digits, spaces and _ . : / = + - @";

  TagLimits() {
    super(
        "pipeline-tag-limits",
        "At most "
            + MAX_TAGS
            + " tags; keys of "
            + MIN_KEY
            + "–"
            + MAX_KEY
            + " and values of at most "
            + MAX_VALUE
            + " characters from "
            + CHARACTERS
            + "; no key starting with aws:.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    String at = Model.pipeline(pipeline);
    Map<String, String> tags = pipeline.tags();
    if (tags.size() > MAX_TAGS) {
      report.problem(
          at,
          at
              + ": has "
              + tags.size()
              + " tags, at most "
              + MAX_TAGS
              + " are allowed (CodeBuild's limit; the tags go on the pipeline and every CodeBuild"
              + " project); remove some");
    }
    tags.forEach(
        (key, value) -> {
          String where = at + " tag " + AwsModel.shown(key);
          if (key.length() < MIN_KEY) {
            report.problem(where, where + ": the key is empty; give the tag a key");
          } else if (key.length() > MAX_KEY) {
            report.problem(
                where,
                where
                    + ": the key is "
                    + key.length()
                    + " characters, at most "
                    + MAX_KEY
                    + " are allowed (CodeBuild's limit; CodePipeline's is "
                    + PIPELINE_KEY.max()
                    + "); shorten it");
          }
          if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
            report.problem(
                where,
                where
                    + ": the key starts with '"
                    + key.substring(0, 4)
                    + "', a prefix AWS reserves for its own tags; choose another prefix");
          }
          characters(report, where, "key", key, PROJECT_KEY.pattern());
          if (value.length() > MAX_VALUE) {
            report.problem(
                where,
                where
                    + ": the value is "
                    + value.length()
                    + " characters, at most "
                    + MAX_VALUE
                    + " are allowed (CodeBuild's limit; CodePipeline's is "
                    + PIPELINE_VALUE.max()
                    + "); shorten it");
          }
          characters(report, where, "value", value, PROJECT_VALUE.pattern());
        });
  }

  private static void characters(
      Report report, String where, String part, String text, Pattern pattern) {
    if (pattern.matcher(text).matches()) {
      return;
    }
    Set<String> bad = new LinkedHashSet<>();
    text.codePoints()
        .mapToObj(Character::toString)
        .filter(c -> !ALLOWED.matcher(c).matches())
        .forEach(c -> bad.add(AwsModel.shown(c)));
    report.problem(
        where,
        where
            + ": the "
            + part
            + " has characters AWS does not allow in tags"
            + (bad.isEmpty() ? "" : " (" + String.join(" ", bad) + ")")
            + "; use only "
            + CHARACTERS);
  }
}
