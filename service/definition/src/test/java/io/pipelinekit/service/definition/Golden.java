package io.pipelinekit.service.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden files under {@code service/definition/src/test/resources/golden/<case>/}, compared byte
 * for byte; {@code -Dgolden.update=true} rewrites them.
 */
final class Golden {
  private Golden() {}

  static Path repositoryRoot() {
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

  static void check(String caseName, Map<String, String> files) throws IOException {
    Path dir =
        repositoryRoot().resolve("service/definition/src/test/resources/golden").resolve(caseName);
    if (Boolean.getBoolean("golden.update")) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> old = Files.walk(dir)) {
          List<Path> paths = new ArrayList<>(old.toList());
          Collections.reverse(paths);
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
    assertThat(dir).as("golden folder; create it with -Dgolden.update=true").isDirectory();
    TreeSet<String> expected = new TreeSet<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile)
          .forEach(p -> expected.add(dir.relativize(p).toString().replace('\\', '/')));
    }
    assertThat(new TreeSet<>(files.keySet())).isEqualTo(expected);
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertThat(f.getValue())
          .as("golden " + caseName + "/" + f.getKey() + " (rewrite with -Dgolden.update=true)")
          .isEqualTo(Files.readString(dir.resolve(f.getKey()), StandardCharsets.UTF_8));
      assertThat(f.getValue().getBytes(StandardCharsets.UTF_8))
          .isEqualTo(Files.readAllBytes(dir.resolve(f.getKey())));
    }
  }
}
