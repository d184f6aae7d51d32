package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinekit.testing.VenvTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * botocore as the oracle: {@code src/test/resources/botocore/aws_model.py} run with the venv's
 * {@code python} (bin/test installs botocore; a test fails, never skips, when it is missing).
 */
public final class BotocoreOracle {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private BotocoreOracle() {}

  /** The script, from the test classpath. */
  public static Path script() {
    try {
      return Path.of(BotocoreOracle.class.getResource("/botocore/aws_model.py").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code aws_model.py table}: the constraint table as botocore gives it today. */
  public static String table() {
    VenvTool.Result r =
        VenvTool.named("python").run(script().getParent(), TIMEOUT, script().toString(), "table");
    assertThat(r.exitCode()).as(r.output()).isZero();
    return r.stdout();
  }

  /**
   * Every {@code pipeline.json} and {@code codebuild-project*.json} under {@code dir}, validated in
   * one run: relative path → AWS model problems (empty when botocore accepts the input).
   */
  public static Map<String, List<String>> validate(Path dir) {
    VenvTool.Result r =
        VenvTool.named("python").run(dir, TIMEOUT, script().toString(), "validate", dir.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    try {
      return new ObjectMapper().readValue(r.stdout(), new TypeReference<>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("aws_model.py printed no JSON: " + r.output(), e);
    }
  }
}
