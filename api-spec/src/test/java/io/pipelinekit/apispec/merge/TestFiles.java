package io.pipelinekit.apispec.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test resources and golden files, found without relying on the cwd (the shared corpus: {@link
 * io.pipelinekit.testing.Corpus}).
 */
public final class TestFiles {
  private TestFiles() {}

  /** A file under {@code src/test/resources}, as copied to the test class path. */
  public static Path resource(String name) {
    URL url = TestFiles.class.getClassLoader().getResource(name);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Compares {@code actual} byte for byte with the golden file {@code golden/<name>}; with {@code
   * -Dgolden.update=true} rewrites the file under {@code src/test/resources} instead.
   */
  public static void assertGolden(String name, String actual) {
    Path source = moduleDir().resolve("src/test/resources/golden").resolve(name);
    try {
      if (Boolean.getBoolean("golden.update")) {
        Files.createDirectories(source.getParent());
        Files.writeString(source, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(source)
          .as("golden file %s (run with -Dgolden.update=true to create)", source)
          .exists();
      String expected = Files.readString(source, StandardCharsets.UTF_8);
      assertThat(actual).as("output vs golden file %s", source).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The api-spec module folder: two levels above {@code target/test-classes}. */
  private static Path moduleDir() {
    Path classes = resource("merge/basic/app.yaml").getParent().getParent().getParent();
    return classes.getParent().getParent();
  }
}
