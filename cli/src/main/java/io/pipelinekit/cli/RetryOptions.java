package io.pipelinekit.cli;

import io.pipelinekit.aws.RetryPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * How long to keep retrying, and how fast: a picocli mixin (named {@code retry}, see {@link
 * #specs}) shared by the commands that call AWS ({@code deploy-api}, {@code rollback-api}, {@code
 * apply}).
 */
final class RetryOptions {
  Duration maxRetryTime;

  Duration baseDelay;

  Duration attemptTimeout;

  /** These options' model, mixed into commands (see {@link Specs}). */
  Specs specs() {
    Specs s = Specs.mixin(this);
    s.option("maxRetryTime", "--max-retry-time")
        .paramLabel("DURATION")
        .defaultValue("2m")
        .converters(new DurationConverter())
        .description("Stop retrying a call after this long (default 2m; e.g. 30s, 5m).");
    s.option("baseDelay", "--retry-base-delay")
        .paramLabel("DURATION")
        .defaultValue("1s")
        .converters(new DurationConverter())
        .description(
            "First backoff; doubles each retry, with jitter, up to 20s (throttling starts at twice this).");
    s.option("attemptTimeout", "--attempt-timeout")
        .paramLabel("DURATION")
        .defaultValue("60s")
        .converters(new DurationConverter())
        .description("One attempt taking longer than this is cut off and retried (default 60s).");
    return s;
  }

  RetryPolicy policy() {
    Duration maxBackoff = Duration.ofSeconds(20);
    if (baseDelay.multipliedBy(2).compareTo(maxBackoff) > 0) {
      maxBackoff = baseDelay.multipliedBy(2);
    }
    return RetryPolicy.builder()
        .maxRetryTime(maxRetryTime)
        .baseDelay(baseDelay)
        .throttlingBaseDelay(baseDelay.multipliedBy(2))
        .maxBackoff(maxBackoff)
        .attemptTimeout(attemptTimeout)
        .build();
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, or ISO-8601 ({@code PT2M}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      Matcher m = SIMPLE.matcher(v);
      Duration d;
      if (m.matches()) {
        if (m.group(1).length() > 9) {
          throw new CommandLine.TypeConversionException(
              "'" + value + "' is too long a duration; use at most 9 digits, e.g. 30m or 2h");
        }
        long n = Long.parseLong(m.group(1));
        d =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(n);
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              default -> Duration.ofHours(n);
            };
      } else {
        try {
          d = Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | ArithmeticException e) {
          throw new CommandLine.TypeConversionException(
              "'" + value + "' is not a duration; use e.g. 500ms, 30s, 2m or PT2M");
        }
      }
      if (d.isZero() || d.isNegative()) {
        throw new CommandLine.TypeConversionException("'" + value + "' must be positive");
      }
      return d;
    }
  }
}
