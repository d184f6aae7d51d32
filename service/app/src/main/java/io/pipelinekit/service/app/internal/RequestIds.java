package io.pipelinekit.service.app.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The request id of a request: the caller's {@code X-Request-Id} when it is a sane token (nginx
 * sets one on every request), otherwise a new random one, so a forged header cannot inject text
 * into the log.
 */
public final class RequestIds {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@+=-]{1,128}");

  private RequestIds() {}

  public static String of(String header) {
    if (header != null && SAFE.matcher(header).matches()) {
      return header;
    }
    return UUID.randomUUID().toString();
  }
}
