package io.pipelinekit.aws.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Captures the body the SDK's own protocol marshaller produced for a request, then stops the call
 * before anything is sent.
 */
public final class WireCapture implements ExecutionInterceptor {
  /** Stops the call once the body is captured. */
  public static final class Captured extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String body;
    private final String target;

    Captured(String body, String target) {
      super("captured", null, false, false);
      this.body = body;
      this.target = target;
    }

    public String body() {
      return body;
    }

    /** The X-Amz-Target header: the operation the body is for. */
    public String target() {
      return target;
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String body =
        context
            .requestBody()
            .map(
                b -> {
                  try (InputStream in = b.contentStreamProvider().newStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .orElse("");
    String target = context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
    throw new Captured(body, target);
  }
}
