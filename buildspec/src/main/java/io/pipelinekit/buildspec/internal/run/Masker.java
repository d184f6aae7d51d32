package io.pipelinekit.buildspec.internal.run;

import io.pipelinekit.core.internal.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Hides the values of parameter-store and secrets-manager variables in every line of output, as
 * CodeBuild hides them in its logs ("Strings specified using the Parameter Store … Strings
 * specified using AWS Secrets Manager" are hidden:
 * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.env). Each
 * value, and each of its lines when it has several, is replaced by {@code ***}; longer values
 * first, so that one value inside another is not half shown. AWS access key ids are hidden too, as
 * CodeBuild hides them (same page), found with the pattern the linter uses ({@link Secrets}).
 */
public final class Masker {
  public static final String MASK = "***";
  private final List<String> values = new ArrayList<>();

  /** Adds a value to hide (blank values are not hidden: they would hide everything). */
  public void add(String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    values.add(value);
    for (String line : value.split("\r?\n")) {
      if (!line.isBlank() && !line.equals(value)) {
        values.add(line);
      }
    }
    values.sort(Comparator.comparingInt(String::length).reversed());
  }

  public String mask(String line) {
    String out = line;
    for (String value : values) {
      if (out.contains(value)) {
        out = out.replace(value, MASK);
      }
    }
    for (Optional<String> id = Secrets.awsKeyId(out); id.isPresent(); id = Secrets.awsKeyId(out)) {
      out = out.replace(id.get(), MASK);
    }
    return out;
  }
}
