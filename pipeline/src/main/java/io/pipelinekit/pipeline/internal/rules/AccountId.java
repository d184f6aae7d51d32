package io.pipelinekit.pipeline.internal.rules;

import io.pipelinekit.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * {@code pipeline-account-id}: The pipeline's account is a 12-digit AWS account id. Page: {@code
 * docs/rules/pipeline-account-id.md}.
 */
final class AccountId extends PipelineRule {

  static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  AccountId() {
    super("pipeline-account-id", "The pipeline's account is a 12-digit AWS account id.");
  }

  @Override
  public void check(Pipeline pipeline, Report report) {
    String where = Model.pipeline(pipeline);
    if (!ACCOUNT.matcher(pipeline.account()).matches()) {
      report.problem(
          where, where + ": account '" + pipeline.account() + "' is not a 12-digit AWS account id");
    }
  }
}
