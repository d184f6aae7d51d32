package io.pipelinekit.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/<case>/}, compared byte for byte; {@code
 * -Dgolden.update=true} rewrites them.
 */
final class Golden {
  private Golden() {}

  static void assertMatches(String caseName, String fileName, String actual) {
    byte[] actualBytes = actual.getBytes(StandardCharsets.UTF_8);
    Path source = sourceDir().resolve("golden").resolve(caseName).resolve(fileName);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(source.getParent());
        Files.write(source, actualBytes);
        return;
      }
      assertThat(source)
          .as("golden file %s (run with -Dgolden.update=true to create or rewrite it)", source)
          .exists();
      assertThat(new String(Files.readAllBytes(source), StandardCharsets.UTF_8))
          .as("golden file %s", source)
          .isEqualTo(actual);
      assertThat(Files.readAllBytes(source)).isEqualTo(actualBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code src/test/resources} of this module, found from the compiled test classes. */
  private static Path sourceDir() {
    try {
      Path classes =
          Path.of(Golden.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent().getParent().resolve("src/test/resources");
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
