package io.pipelinekit.service.app.internal;

/** A request the app refuses: the status, a stable error code and a message for the caller. */
public final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public HttpProblem(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  static HttpProblem badRequest(String code, String message) {
    return new HttpProblem(400, code, message);
  }
}
