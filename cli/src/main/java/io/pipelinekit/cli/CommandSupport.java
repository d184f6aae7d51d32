package io.pipelinekit.cli;

import io.pipelinekit.apispec.LoadOptions;
import io.pipelinekit.aws.AwsClients;
import io.pipelinekit.aws.RestApiPublisher;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What several commands do alike: turning option values a library rejects into a usage error, the
 * {@code $ref} options of the commands that load OpenAPI documents, counted nouns in messages, and
 * the API Gateway publisher of {@code deploy-api} and {@code rollback-api}.
 */
final class CommandSupport {
  private CommandSupport() {}

  /**
   * Builds options from the command line's values; a value the library rejects ({@link
   * IllegalArgumentException}) becomes a usage error (exit 2, "Run 'pipeline CMD --help'").
   */
  static <T> T fromOptions(CommandSpec spec, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** {@code 1 conflict}, {@code 2 conflicts}: {@code n} and the noun, plural unless one. */
  static String counted(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** A publisher for the AWS options given, retrying as asked, reporting on standard error. */
  static RestApiPublisher publisher(AwsOptions aws, RetryOptions retry, PrintWriter err) {
    return publisher(aws, retry, DeployApiCommand.printing(err));
  }

  /** A publisher for the AWS options given, retrying as asked, reporting to {@code listener}. */
  static RestApiPublisher publisher(
      AwsOptions aws, RetryOptions retry, io.pipelinekit.aws.PublishListener listener) {
    AwsClients clients = AwsClients.resolve(DeployApiCommand.settings(aws));
    return RestApiPublisher.builder()
        .clientBuilder(clients.apiGateway())
        .retryPolicy(retry.policy())
        .listener(listener)
        .build();
  }

  /** The last two lines of {@code deploy-api} and {@code rollback-api}. */
  static void printDeployment(PrintWriter out, String deploymentId, String invokeUrl) {
    out.println("deployment id: " + deploymentId);
    out.println("invoke URL: " + invokeUrl);
  }

  /**
   * The {@code $ref} options ({@code --allow-remote-refs}, {@code --max-ref-files}), mixed into the
   * commands that load OpenAPI documents.
   */
  static final class RemoteRefs {
    List<String> hosts = new ArrayList<>();

    int maxRefFiles = LoadOptions.DEFAULT_MAX_REF_FILES;

    /** These options' model, mixed into commands (see {@link Specs}). */
    Specs specs() {
      Specs s = Specs.mixin(this);
      s.option("hosts", "--allow-remote-refs")
          .paramLabel("HOST")
          .splitRegex(",")
          .description("Accept http(s) $refs to this host (repeatable). They are never fetched.");
      s.option("maxRefFiles", "--max-ref-files")
          .paramLabel("N")
          .description(
              "Most files a document's $refs may name (transitively, each counted once); more is an"
                  + " error. Default: ${DEFAULT-VALUE}.");
      return s;
    }

    /** {@code load} with every allowed host added, and the file budget. */
    LoadOptions.Builder applyTo(LoadOptions.Builder load) {
      hosts.forEach(load::allowRemoteRefHost);
      return load.maxRefFiles(maxRefFiles);
    }
  }
}
