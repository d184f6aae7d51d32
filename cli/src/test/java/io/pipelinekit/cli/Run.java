package io.pipelinekit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of the command line with captured output. */
record Run(int exitCode, String out, String err) {
  static Run of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PipelineCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** One run with {@code stdin} as standard input (what {@code -} reads). */
  static Run withStdin(java.io.InputStream stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = PipelineCli.execute(stdin, new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  /** One run with {@code stdin}'s UTF-8 bytes as standard input. */
  static Run withStdin(String stdin, String... args) {
    return withStdin(
        new java.io.ByteArrayInputStream(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        args);
  }
}
