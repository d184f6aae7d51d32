package io.pipelinekit.core.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What looks like a secret in plaintext — one set of patterns for the pipeline model (which rejects
 * a plaintext secret when built) and the buildspec linter (which reports it), so that {@code
 * pipeline build} and {@code pipeline lint} agree.
 *
 * <p>AWS key id prefixes ({@code AKIA} long-term, {@code ASIA} temporary, {@code AIDA} user, {@code
 * AROA} role, {@code AGPA} group, {@code A3T…}) as AWS's IAM identifiers page lists them:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-prefixes
 */
public final class Secrets {
  /** An AWS access key id or unique id, not inside a longer run of letters and digits. */
  private static final Pattern AWS_KEY_ID =
      Pattern.compile(
          "(?<![A-Z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA)[A-Z0-9]{16}(?![A-Z0-9])");

  /** Other credentials with a recognisable shape: private keys, GitHub, Slack, GitLab tokens. */
  private static final Pattern TOKEN =
      Pattern.compile(
          "-----BEGIN [A-Z ]*PRIVATE KEY-----"
              + "|gh[pousr]_[A-Za-z0-9]{36,}"
              + "|xox[abprs]-[A-Za-z0-9-]{10,}"
              + "|glpat-[A-Za-z0-9_-]{20,}");

  /** A variable name that says it holds a secret. */
  private static final Pattern SECRET_NAME =
      Pattern.compile(
          "PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL",
          Pattern.CASE_INSENSITIVE);

  /** A name that says it holds where a secret is, not the secret ({@code DB_SECRET_ARN}). */
  private static final Pattern REFERENCE_NAME =
      Pattern.compile("(?i).*_(ARN|NAME|ID|PATH|FILE|URL|URI|ENDPOINT|HEADER)$");

  private Secrets() {}

  /** The first AWS access key id in {@code text}, if any. */
  public static Optional<String> awsKeyId(String text) {
    Matcher m = AWS_KEY_ID.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  /** Whether {@code text} holds a credential of a known shape (AWS key id, private key, token). */
  public static boolean hasCredential(String text) {
    return AWS_KEY_ID.matcher(text).find() || TOKEN.matcher(text).find();
  }

  /**
   * Whether a variable's name says it holds a secret and its value is one: not a reference name
   * ({@code _ARN}, {@code _PATH}, …), not blank, not a {@code $variable} and not an ARN.
   */
  public static boolean secretByName(String name, String value) {
    return SECRET_NAME.matcher(name).find()
        && !REFERENCE_NAME.matcher(name).matches()
        && !value.isBlank()
        && !value.startsWith("$")
        && !value.startsWith("arn:");
  }

  /** Whether a plaintext variable looks like a secret: by its value's shape or by its name. */
  public static boolean looksSecret(String name, String value) {
    return hasCredential(value) || secretByName(name, value);
  }

  /** The first four characters and a mark, for messages that must not repeat a secret. */
  public static String redact(String secret) {
    return secret.substring(0, Math.min(4, secret.length())) + "…(redacted)";
  }
}
