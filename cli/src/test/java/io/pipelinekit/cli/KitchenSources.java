package io.pipelinekit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The source folder the kitchen-sink definition ({@link TestDefinitions.Kitchen}) builds from. */
final class KitchenSources {
  private KitchenSources() {}

  /**
   * Writes into {@code sources} the API fragments, the Dockerfiles and the blue/green action's
   * templates (its build's Templates artifact) the kitchen sink refers to; returns {@code sources}.
   */
  static Path writeTo(Path sources) throws IOException {
    Files.createDirectories(sources.resolve("api"));
    for (String name : new String[] {"openapi.yaml", "gateway.yaml"}) {
      try (InputStream in =
          KitchenSources.class.getResourceAsStream("/sources/kitchen/api/" + name)) {
        Files.write(sources.resolve("api").resolve(name), in.readAllBytes());
      }
    }
    for (String dockerfile :
        new String[] {
          "service/release/app/Dockerfile", "service/release/nginx/Dockerfile", "worker/Dockerfile"
        }) {
      Files.createDirectories(sources.resolve(dockerfile).getParent());
      Files.writeString(sources.resolve(dockerfile), "FROM scratch\n");
    }
    Files.writeString(sources.resolve("taskdef.json"), "{}\n");
    Files.writeString(sources.resolve("appspec.yaml"), "version: 0.0\n");
    return sources;
  }
}
