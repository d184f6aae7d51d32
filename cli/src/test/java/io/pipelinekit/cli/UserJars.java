package io.pipelinekit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * A user's definition project, compiled while the test runs (so its classes are on no classpath of
 * the test): sources to a classes folder, and folders to a jar, as a user's build would.
 */
final class UserJars {
  private UserJars() {}

  /**
   * A definition {@code userdefs.NAME} whose pipeline is the minimal one, named by the Java
   * expression {@code pipelineName}.
   */
  static String definition(String simpleName, String pipelineName) {
    return """
        package userdefs;

        public final class %s implements io.pipelinekit.pipeline.PipelineDefinition {
          @Override
          public io.pipelinekit.pipeline.Pipeline define(io.pipelinekit.pipeline.Parameters p) {
            return io.pipelinekit.pipeline.FixturesAccess.valid().toBuilder()
                .name(%s)
                .build();
          }
        }
        """
        .formatted(simpleName, pipelineName);
  }

  /** Compiles {@code sources} (path in the source tree → text) into a new folder under dir. */
  static Path compile(Path dir, Map<String, String> sources) throws IOException {
    Path src = Files.createTempDirectory(dir, "src");
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue());
      files.add(file.toString());
    }
    Path classes = Files.createTempDirectory(dir, "classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none"));
    args.addAll(List.of("-cp", System.getProperty("java.class.path"), "-d", classes.toString()));
    args.addAll(files);
    int rc = javac.run(null, errors, errors, args.toArray(String[]::new));
    assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    return classes;
  }

  /** A jar of every file of {@code folders} (the first folder's file wins a name both hold). */
  static Path jar(Path jar, Path... folders) throws IOException {
    List<String> written = new ArrayList<>();
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Path folder : folders) {
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
          files = all.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          String name = folder.relativize(f).toString().replace('\\', '/');
          if (written.contains(name)) {
            continue;
          }
          written.add(name);
          out.putNextEntry(new JarEntry(name));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  /** Writes {@code text} to {@code folder/name}, creating its folders. */
  static Path write(Path folder, String name, String text) throws IOException {
    Path file = folder.resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  /** The folder or jar the class was loaded from. */
  static Path codeSource(Class<?> type) throws Exception {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The folder of {@code type}'s classes: its code source, or a jar's content unpacked in dir. */
  static Path classesOf(Class<?> type, Path dir) throws Exception {
    Path source = codeSource(type);
    if (Files.isDirectory(source)) {
      return source;
    }
    Path unpacked = Files.createTempDirectory(dir, "unpacked");
    try (java.util.jar.JarFile jar = new java.util.jar.JarFile(source.toFile())) {
      for (JarEntry entry : java.util.Collections.list(jar.entries())) {
        if (entry.isDirectory()) {
          continue;
        }
        Path target = unpacked.resolve(entry.getName());
        Files.createDirectories(target.getParent());
        try (var in = jar.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    }
    return unpacked;
  }
}
