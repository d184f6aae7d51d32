package io.pipelinekit.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files under {@code src/test/resources/golden/<case>/}, compared byte for byte; {@code
 * -Dgolden.update=true} rewrites them (review the diff).
 */
public final class Golden {
  private Golden() {}

  /** The repository root: $PIPELINEKIT_ROOT, or the nearest folder up holding .ci/run. */
  public static Path repositoryRoot() {
    String env = System.getenv("PIPELINEKIT_ROOT");
    if (env != null && Files.isRegularFile(Path.of(env, ".ci", "run"))) {
      return Path.of(env);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(".ci").resolve("run"))) {
        return p;
      }
    }
    throw new IllegalStateException("no .ci/run above " + Path.of("").toAbsolutePath());
  }

  /** Compares (or, with -Dgolden.update=true, rewrites) every file of a case. */
  public static void check(String module, String caseName, Map<String, String> files) {
    Path dir =
        repositoryRoot().resolve(module).resolve("src/test/resources/golden").resolve(caseName);
    try {
      if (Boolean.getBoolean("golden.update")) {
        if (Files.isDirectory(dir)) {
          try (Stream<Path> old = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(old.toList());
            java.util.Collections.reverse(paths);
            for (Path p : paths) {
              Files.delete(p);
            }
          }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
          Path target = dir.resolve(f.getKey());
          Files.createDirectories(target.getParent());
          Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }
        return;
      }
      assertThat(dir).as("golden folder; run with -Dgolden.update=true to create it").isDirectory();
      TreeSet<String> expectedNames = new TreeSet<>();
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile)
            .forEach(p -> expectedNames.add(dir.relativize(p).toString().replace('\\', '/')));
      }
      assertThat(new TreeSet<>(files.keySet()))
          .as("files of golden case " + caseName)
          .isEqualTo(expectedNames);
      for (Map.Entry<String, String> f : files.entrySet()) {
        byte[] expected = Files.readAllBytes(dir.resolve(f.getKey()));
        assertThat(
                new String(f.getValue().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
            .as("golden " + caseName + "/" + f.getKey() + " (rewrite with -Dgolden.update=true)")
            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(f.getValue().getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
