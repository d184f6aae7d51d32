package io.pipelinekit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version and the commit it was built from, from the properties file the build writes: {@code
 * pipeline 0.1.0 (commit 1a2b3c4)}. The commit is "unknown" when the build had no git checkout (a
 * source tarball) or the file was not filtered (an IDE build).
 */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"pipeline " + version() + " (commit " + commit() + ")"};
  }

  /** The version alone, as the build set it ({@code 0.1.0-SNAPSHOT}), or "unknown". */
  static String version() {
    return property("version");
  }

  /** The short commit id the build ran on, or "unknown". */
  static String commit() {
    return property("commit");
  }

  private static String property(String name) {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String value = properties.getProperty(name, "").strip();
    // An unfiltered file still holds the placeholder.
    return value.isEmpty() || value.contains("${") ? "unknown" : value;
  }
}
